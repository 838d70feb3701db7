/**
 * What kind of question is this? recommend | compare | fact | help | out_of_scope.
 * General language cues only; nothing here knows any particular question.
 */
import type { Aspect } from './schema.ts';
import type { Intent } from './types.ts';

const HELP =
  /^(?:(?:hi|hey|hello|yo|ok|so)[\s,!.]+)?(?:help|usage|what can you do|what do you do|what are you|how (?:do|does) (?:i|this|you) (?:use|work)(?: this| you)?|commands?)?[\s?!.]*$/u;

/** The frameworks this advisor knows about (FastAPI appears in the articles). */
const IN_SCOPE =
  /\b(?:django|flask|fastapi|python|wsgi|asgi|drf|jinja2?|sqlalchemy|werkzeug|micro-?framework|web frameworks?|batteries[- ]included|mtv|mvc)\b/u;

/** Asking to pick between the two, with or without a project: "Django or Flask?", "which is better overall?" */
const CHOICE =
  /\b(?:django|flask)\b.{0,30}\b(?:or|vs\.?|versus)\b.{0,30}\b(?:django|flask)\b|\bwhich (?:one |framework |is )?(?:is |would be )?(?:better|best)\b(?! (?:for|at|on|in) (?:learning|security|performance|speed|scal))|\b(?:thoughts|opinions?)\b.{0,40}\b(?:django|flask)\b/u;

/** Other stacks: a question only about these is out of scope. */
const OTHER_TECH =
  /\b(?:ruby on rails|rails|laravel|symfony|php|spring(?: boot)?|java|kotlin|express(?:\.?js)?|nest\.?js|next\.?js|node\.?js|deno|bun|react|angular|vue|svelte|asp\.net|\.net|c#|golang|go|gin|rust|actix|axum|elixir|phoenix|scala|play framework|wordpress|drupal|tornado|pyramid|bottle|sanic|starlette|streamlit)\b/u;

/** Talk that is not about choosing or understanding a web framework. */
const CHITCHAT =
  /\b(?:weather|joke|poem|recipe|song|lyrics|football|movie|horoscope|lottery|stock price|bitcoin|translate|who are you|how are you|good morning|what time is it|meaning of life)\b/u;

/** Asking for facts: who, when, what, which companies, how many. */
const FACT =
  /^(?:who|when|where|what|in what year|since (?:when|which)|which (?:companies|company|year|version|databases?|extensions?|template|templating|orm)|how many|how much|how does|tell me about|define|explain|is it true)\b|\b(?:created|invented|written by|author|first (?:released|release|appeared|version)|released in|founded|origin|history of|stands for|salar(?:y|ies)|average pay|companies (?:use|using)|who uses)\b/u;

/** A comparison of an aspect ("is Flask faster", "which is easier", "compare security", "which has…"). */
const COMPARE =
  /^(?:compare|comparison)\b|\b(?:vs\.?|versus|compared (?:to|with)|difference|differences|better|worse|faster|slower|easier|harder|more|less|safer|secure|steeper|lighter|heavier|quicker|bigger|smaller|larger|stronger|weaker|simpler|cheaper|pros and cons|trade-?offs?)\b|^(?:\S+ ){0,3}which (?:one |framework |of (?:the two|them) )?(?:is|has|gives|offers|comes|keeps|fits|scales|handles|supports|needs|makes|works|lets|pays|wins)\b/u;

/**
 * A question about one framework's quality ("can Flask scale?", "is Flask really faster?",
 * "does Django support async?") or an explicit comparison ("which is easier?", "which has…").
 */
const ASPECT_QUESTION_LEAD =
  /^(?:so |but |ok )?(?:can|could|does|do|is|are|will|would)\s+(?:flask|django)\b|^(?:[\w-]+,? ){0,4}which (?:one |framework |of (?:the two|them) )?(?:is|has|gives|offers|comes|keeps|fits|scales|handles|supports|makes|works|pays|wins)\b/u;
const COMPARATIVE = /\b(?:faster|slower|easier|harder|safer|more secure|bigger|smaller|lighter|heavier|simpler|steeper|better at)\b/u;

/** Someone describing what they build or asking for a pick. */
const PROJECT =
  /\b(?:we|we're|we are|our|us|i'm building|i am building|building|build|project|app|application|product|startup|company|team|client|service|site|website|platform|mvp|should (?:i|we)|which (?:one|framework) (?:should|to|for)|recommend|suggest|pick|choose|go with|use for)\b/u;

/** This many requirement signals in a project description make it a request for a recommendation. */
export const DESCRIBED_PROJECT_SIGNALS = 2;

export interface IntentInput {
  text: string;
  /** How many requirement signals fired. */
  signalCount: number;
  aspect: Aspect | undefined;
}

export function detectIntent({ text, signalCount, aspect }: IntentInput): Intent {
  if (text.length === 0 || HELP.test(text)) return 'help';
  const inScope = IN_SCOPE.test(text);
  if (!inScope && signalCount === 0 && (OTHER_TECH.test(text) || CHITCHAT.test(text))) return 'out_of_scope';
  if (!inScope && OTHER_TECH.test(text) && !/\bdjango|flask\b/u.test(text) && signalCount < 2) return 'out_of_scope';

  const project = PROJECT.test(text);
  const choice = CHOICE.test(text);
  // A question that opens as an aspect question is one, whatever project it mentions.
  if (aspect && ASPECT_QUESTION_LEAD.test(text)) return 'compare';
  // Two or more requirements of a described project: a recommendation, whatever else is asked.
  if (signalCount >= DESCRIBED_PROJECT_SIGNALS && project) return 'recommend';
  if (aspect && (COMPARATIVE.test(text) || (COMPARE.test(text) && (signalCount === 0 || !project)))) return 'compare';
  // Requirements were described: a recommendation, unless it reads as a question of fact.
  if (signalCount > 0 && (project || choice || !FACT.test(text))) return 'recommend';
  if (FACT.test(text) && inScope && !choice) return 'fact';
  if (aspect && (inScope || COMPARE.test(text))) return 'compare';
  if (choice) return 'recommend';
  if (signalCount > 0) return 'recommend';
  if (project && (inScope || /\bframework\b/u.test(text))) return 'recommend';
  if (inScope) return 'fact';
  return 'out_of_scope';
}

/** The aspect a question is about: the first aspect (in file order) whose pattern matches. */
export function findAspect(text: string, aspects: { aspect: Aspect; patterns: RegExp[] }[]): Aspect | undefined {
  let best: { aspect: Aspect; at: number } | undefined;
  for (const a of aspects) {
    for (const re of a.patterns) {
      const m = re.exec(text);
      if (m && (best === undefined || m.index < best.at)) best = { aspect: a.aspect, at: m.index };
    }
  }
  return best?.aspect;
}
