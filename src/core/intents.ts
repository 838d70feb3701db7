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
  /^(?:who|when|what year|in what year|since (?:when|which)|which (?:companies|company|year|version)|how many|how much|what(?:'s| is| are| does| do)|tell me about|define|explain)\b|\b(?:created|invented|written by|author|first (?:released|release|appeared|version)|released in|founded|origin|history of|stands for|salar(?:y|ies)|average pay|companies (?:use|using)|who uses)\b/u;

/** A comparison of an aspect ("is Flask faster", "which is easier", "compare security"). */
const COMPARE =
  /^(?:compare|comparison)\b|\b(?:vs\.?|versus|compared (?:to|with)|difference|differences|better|worse|faster|slower|easier|harder|more|less|safer|secure|steeper|lighter|heavier|quicker|pros and cons|trade-?offs?)\b/u;

/** Someone describing what they build or asking for a pick. */
const PROJECT =
  /\b(?:we|we're|we are|our|us|i'm building|i am building|building|build|project|app|application|product|startup|company|team|client|service|site|website|platform|mvp|should (?:i|we)|which (?:one|framework) (?:should|to|for)|recommend|suggest|pick|choose|go with|use for)\b/u;

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
  if (aspect && COMPARE.test(text) && (signalCount === 0 || !project)) return 'compare';
  if (signalCount > 0 && project) return 'recommend';
  if (FACT.test(text) && inScope && !CHOICE.test(text)) return 'fact';
  if (aspect && (inScope || COMPARE.test(text))) return 'compare';
  if (CHOICE.test(text)) return 'recommend';
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
