/**
 * The model of the project: a message is read into properties (dimensions such as team
 * experience, scope, admin, accounts, architecture), each with a value, the words that gave it
 * (evidence) and whether it was negated within its clause. In a thread, one state per property:
 * a later message that speaks about a property replaces what earlier messages said about it,
 * a retraction ("drop the dashboard") removes it, a reset ("scratch that", "all we need now is")
 * or a change of subject ("another question, for my side project") starts a fresh project.
 * The decision guide (knowledge/rules.yml) maps property values to weights traced to passages.
 * Pure functions over plain data.
 */
import type { Framework, Signal, Verdict } from './types.ts';
import type { Combo, LexiconEntry, Rule, Weights } from './schema.ts';
import { escapeRegExp } from './text.ts';
import { LiteralIndex } from './literals.ts';

export const SCORING = {
  /** Below this many points between the two, it is a close call: "either". */
  closeCallPoints: 2,
  /** Below this confidence, it is a close call too. */
  closeCallConfidence: 0.25,
  /** Smooths confidence so one weak signal is not "certain": margin / (total + prior). */
  confidencePrior: 2,
  /** With fewer positive signals than this, clarifying questions are offered. */
  fewSignals: 2,
  /** How far back (characters) a negation cue reaches before a match, within its clause. */
  negationWindow: 60,
  /** How far back (characters, within the sentence) "whether" or "not decided" leaves a need open. */
  undecidedWindow: 120,
  /** A hedge before a need ("some relational data", "a couple of roles") scales its weight by this. */
  hedgeFactor: 0.5,
  /**
   * When the message holds an "it depends" property of at least this balance (a medium-sized app, a
   * team fluent in both, needs said to pull equally), the articles' answer is "either" unless the
   * margin is decisive: a firm verdict then needs at least `dependsConfidence`.
   */
  dependsBalance: 2,
  dependsConfidence: 0.6,
} as const;

/** Words that negate what follows them in the same clause. */
const NEGATION_BEFORE =
  /(?:^|[^\p{L}])(?:no|not|never|barely|hardly|scarcely|nobody|no one|no-one|none of (?:us|them|the \w+)|without|don't|dont|do not|doesn't|doesnt|does not|won't|wont|will not|isn't|aren't|neither|nor|no need for|no need of|nothing like|skip|avoid|instead of|rather than|other than|except|minus)(?:[^\p{L}]|$)/u;
/** Words that take back something said earlier in the thread: the property is dropped, not reversed. */
const RETRACTION_BEFORE =
  /(?:^|[^\p{L}])(?:drop|dropping|dropped|scrap|scrapping|scrapped|(?<!from )scratch|ditch|ditching|ditched|forget|forget about|remove|removing|cut|cutting|lose|no longer|not anymore|got rid of|get rid of|we'll skip|outsourc\w*|moving (?:off|out)|moved (?:off|out)|handled elsewhere|(?:handled|covered|run) by (?:the |a |an |our |their )?(?:[\w'-]+ )?(?:vendor|supplier|third[- ]party|external|another|outside|partner|saas|agency|platform)|hosted|off-the-shelf|already (?:has|have) (?:that|it|this|those) covered|(?:that|it|this) (?:already )?exists(?: already)?)(?:[^\p{L}]|$)/u;
/** Words that leave what follows open: "not sure whether", "haven't decided if". */
const UNDECIDED =
  /(?:^|[^\p{L}])(?:whether|undecided|not sure (?:if|whether)|haven'?t decided|have not decided|not decided|don'?t know (?:if|whether|yet))(?:[^\p{L}]|$)/u;
/** Phrases after a match that negate it: "an admin panel is not needed". */
const NEGATION_AFTER =
  /^\s*[:=]\s*(?:no|none|false|n\/a|not needed|nope)\b|^[^.;,!?]{0,25}?\b(?:is not|isn't|are not|aren't|not)\s+(?:needed|required|necessary|important|a (?:requirement|priority|concern)|in scope|planned)\b|^[^.;,!?]{0,15}?\b(?:unnecessary|not needed|out of scope)\b/u;
/** "We don't want to hand-roll login": the need is real, they want it given to them. */
const WANTS_IT_BUILT_IN =
  /(?:^|[^\p{L}])(?:don't|dont|do not|never|not|no) (?:want|wanna|like|have (?:the )?time|intend|plan) (?:to )?(?:hand[- ]?roll|build|write|implement|roll (?:our|my) own|reinvent|wire (?:up )?|set up|maintain|configure|think about|deal with|code)\b/u;
const RETRACTION_AFTER =
  /^\s+(?:that |which )?(?:we|they|you) already (?:have|has|use|run|own|pay for)\b|^[^.;,!?]{0,12}?\b(?:already exists|exists already|already exist|is already there|are already there|already in place)\b|^\s+(?:is|are)\s+(?:already\s+)?(?:on\s+|via\s+|through\s+|handled\s+by\s+|run\s+on\s+)?(?:shopify|squarespace|wix|wordpress|eventbrite|woocommerce|substack|ghost|bigcommerce|an?\s+off[- ]the[- ]shelf\s+\w+)\b|^\s+(?:is|are)\s+(?:now\s+)?(?:on|via|through|in|handled\s+(?:by|in|through|on)|done\s+(?:by|in|through|on)|covered\s+by|run\s+(?:by|on))\s+(?:an?\s+|the\s+)?[\w.-]+\s+now\b|^\s+(?:is|are)\s+(?:now\s+)?(?:handled|done|covered|managed|run)\s+(?:elsewhere|externally|by\s+(?:another|a\s+different|an\s+external|a\s+third[- ]party)\b)|^[^.;,!?]{0,30}?\b(?:anymore|any more|(?:is|are|was|were|got|have been|has been) (?:all |both )?(?:gone|cut|dropped|scrapped|removed|ditched|cancell?ed|off the table)|no longer)\b/u;
/** Clause boundaries: a negation before one of these does not reach past it: punctuation (a comma ends a clause), a contrast, or "and" opening a clause of its own ("and there are five tiers"). */
const CLAUSE_BREAK = /[.;,!?\n:()—–]|\s-\s|\b(?:but|however|although|though|whereas|while|yet)\b|\band (?=(?:there|we|they|it|i|you|our|their|everyone|everybody) (?:are|is|was|were|will|would|have|has|need|want|do|does|'ll|'re|'s)\b)/gu;

/** A message that replaces the project described so far: later words describe it all. */
const RESET =
  /\b(?:scratch that|scrap that|ditch that|forget that|(?:scratch|scrap|forget|ditch) all (?:of )?(?:that|this)|forget (?:all )?(?:of )?(?:that|this|the above|everything)|ignore (?:the above|everything)|start(?:ing)? over|change of plans?|big (?:change|cut)|plans? changed|changed (?:its|their|our) mind|all (?:we|i|they|you) (?:really |now |still )?(?:need|needs|build|want|wants|make|do|are building|will build)(?: now)?(?: from (?:us|me|you))? (?:is|are)|(?:i|we) (?:misread|misunderstood|got) (?:the )?(?:brief|spec|requirements?|ask)(?: wrong)?|it'?s (?:now )?just going to be|now (?:it'?s|it is) (?:just|only)|(?:is|it'?s|it is) now (?:just|only)|what'?s left is|what (?:we|i|they) (?:really |actually )?(?:need|want)(?: now)? is (?:a|an|one|just)\b|(?:we|i|they) (?:now )?only need (?:a|an|one|the)\b|(?:we|i|they) (?:now )?just need (?:a|an|one|thin) (?![\w\s-]{0,40}\b(?:too|also|as well)\b)|(?:we'?re|we are|i'?m|i am) (?:now )?only (?:going to |gonna )?(?:shipping|building|doing|making|keeping|ship|build|do|make|keep)|all that'?s left is|(?:only|just) (?:the|a|one|our) [\w\s-]{1,30}? (?:is|are) (?:ours|left|ours now|still ours)|(?:is|are) taking (?:that|it|this|those) over|it'?s not (?:a|an) [\w\s-]{1,30}? at all)\b/u;
/**
 * A correction or an update that restates the product ("correction: it will be the whole portal",
 * "update: it's turning into a customer platform", "now they want accounts and a back office"):
 * when it describes the product anew (several needs, or its size), the earlier product needs give way
 * to it; what was said about the team stays.
 */
const RESTATEMENT =
  /(?:^|[.!?]\s+)(?:correction|update|edit|actually|in fact|plot twist|news|turns out|heads up)\b|\b(?:we|they) now (?:need|want)s?\b|\b(?:grow|grows|will grow|going to grow) into\b|(?:^|[.!?]\s+)(?:hmm+,?\s+|wait,?\s+|sorry,?\s+)?no(?:pe)?[.,!]|\b(?:i|we) (?:undersold|oversold|understated|overstated|misdescribed)\b|\b(?:turning|turns|grown|growing|grew) into\b|\bis going to be (?:the|a) (?:whole|full|real|bigger)\b|\bnow (?:they|we|the \w+|management|the client) (?:want|need|are asking for)s?\b|\b(?:just |also )?added:|\bscope (?:grew|has grown|changed|exploded|ballooned)\b|\bi said \w+,? but\b|\bbut really\b/u;
/** Properties about the people, not the product: a restatement of the product keeps them. */
/**
 * Where the company runs its software (services in containers): it holds for the new piece too, as
 * what the team is does. (A company's own monolith does not: the new piece is built apart from it.)
 */
const ENVIRONMENT_RULES = new Set(['microservices-architecture', 'containerised']);
const TEAM_PROPERTIES = new Set(['team-experience', 'team-size', 'team-familiarity', 'knows-python-well', 'security-capacity', 'beginner-learning', 'job-seeking']);
/** Properties that give the product's size: stating one in a restatement is enough. */
const SIZE_RULES = new Set(['small-simple-app', 'complex-product', 'medium-scope', 'single-microservice', 'saas-product']);
/** How many product needs a restatement must name to replace the earlier product. */
const RESTATEMENT_NEEDS = 3;
/** A message that is about a different project: the thread's earlier needs do not apply. */
const NEW_SUBJECT =
  /\b(?:totally unrelated|unrelated(?=:)|off[- ]topic|(?:another|different|separate|unrelated|new|other) (?:question|project|topic|thing|app|idea|one)|unrelated to (?:that|this|the)|(?:for|about) my (?:own )?(?:side|personal|pet|hobby) project|on a (?:different|separate|side) note|(?:^|[.!?]\s+)separately(?=,)|switching (?:gears|topics)|changing (?:the )?subject|new one:|wrong (?:project|thread|app|one)|mixed up (?:the |two |my )?projects|got cancelled|was cancelled|got canceled|was canceled)\b/u;

export interface CompiledRule {
  rule: Rule;
  /** The dimension this rule is a value of (rules sharing one exclude each other across messages). */
  property: string;
  /** Global, unicode (case-insensitive when needed): compiled once at start-up. */
  patterns: RegExp[];
  /** Patterns from index `lexiconFrom` on come from the lexicon (implied, not stated). */
  lexiconFrom: number;
  /** Patterns from index `absentFrom` on are worded as the need's absence (`negated.patterns`: "only a few tables"). */
  absentFrom: number;
  /** Which patterns of all the rules may match a message (shared by the rules compiled together); this rule's from `firstPattern` on. */
  literals: LiteralIndex;
  firstPattern: number;
}

/**
 * Compile the rules, adding the lexicon: everyday words (with their plural and -ing/-ed forms)
 * that imply a rule's value ("bookings" imply accounts).
 */
export function compileRules(rules: Rule[], lexicon: LexiconEntry[] = []): CompiledRule[] {
  const extra = new Map<string, string[]>();
  for (const entry of lexicon) {
    const source = lexiconPattern(entry.terms);
    for (const r of entry.implies) extra.set(r, [...(extra.get(r) ?? []), source]);
  }
  const compiled = rules.map((rule) => ({
    rule,
    property: rule.property ?? rule.id,
    patterns: [...rule.patterns, ...(extra.get(rule.id) ?? []), ...(rule.negated?.patterns ?? [])].map(compilePattern),
    lexiconFrom: rule.patterns.length,
    absentFrom: rule.patterns.length + (extra.get(rule.id)?.length ?? 0),
  }));
  // Most patterns find none of their words in a message: one pass over the message tells which may match.
  const literals = LiteralIndex.ofPatterns(compiled.flatMap((c) => c.patterns));
  let firstPattern = 0;
  return compiled.map((c) => {
    const withIndex = { ...c, literals, firstPattern };
    firstPattern += c.patterns.length;
    return withIndex;
  });
}

/**
 * Messages are lowercased before matching (text.ts `normalise`), so a pattern without an uppercase
 * letter needs no case folding, which is what costs most in a unicode regex; one with an uppercase
 * letter (outside an escape such as \S or \W) keeps the 'i' flag.
 */
function compilePattern(source: string): RegExp {
  const needsFolding = /[A-Z]/u.test(source.replace(/\\./gu, ''));
  return new RegExp(source, needsFolding ? 'giu' : 'gu');
}

/** One alternation of the terms as whole words, tolerant of hyphens/spaces and common endings. */
export function lexiconPattern(terms: string[]): string {
  const alts = terms
    .map((t) => t.toLowerCase().trim().split(/[\s-]+/).filter(Boolean).map(escapeRegExp).join('[\\s-]*'))
    .sort((a, b) => b.length - a.length);
  return `(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?:s|es|ed|ing|'s)?(?![\\p{L}\\p{N}])`;
}

export type MatchState = 'positive' | 'negated' | 'retracted';

export interface Match {
  rule: string;
  property: string;
  state: MatchState;
  /** The words of the message that gave it. */
  evidence: string;
  /** Stated with a hedge ("some", "a couple of", "light"): it counts for less. */
  hedged?: boolean;
}

/** After a word: it names a team or department, not a feature ("the billing team", "payments people"). */
const TEAM_NAME_AFTER = /^\s+(?:team|teams|squad|department|dept|people|folks|group|staff|crew)\b/u;

/** Words that make a need smaller than stated: "some relational data", "light user accounts". */
const HEDGE = /(?:^|[^\p{L}])(?:some|a few|a couple of|a little|a bit of|light|lightweight|simple|basic|minimal|occasional|now and then|the odd)\s+(?:\S+\s+)?$/u;

/** Just before a word: the asker describing themselves ("i'm a bootcamp ", "as a "). */
const SELF_DESCRIPTION = /(?:^|[^\p{L}])(?:i'?m|i am|as|we'?re|we are)\s+(?:an?\s+)?(?:[\p{L}-]+\s+){0,2}$/u;
/** A need that may come later ("they hinted at an admin screen someday"): it counts for less, like a hedge. */
const MAYBE_LATER = /(?:^|[^\p{L}])(?:hinted|hints|might|maybe|possibly|perhaps|someday|some day|one day)(?:[^\p{L}]|$)/u;
const MAYBE_LATER_AFTER = /^[^.;,!?]{0,12}?\b(?:someday|some day|one day|at some point)\b/u;
/** The sentence holding position `start`, up to it (a comma does not end it). */
function sentenceBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 200), start);
  const at = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '), before.lastIndexOf(': '), before.lastIndexOf('; '), before.lastIndexOf('\n'));
  return at === -1 ? before : before.slice(at + 2);
}
/** "Drop the portal, the accounts and the back office": a retraction reaches along its list. */
const LIST_RETRACTION =
  /(?:^|[^\p{L}])(?:drop|scrap|ditch|forget|remove|cut|lose|skip)\s+(?:(?:the|our|any|all)\s+)?(?:[\p{L}-]+\s*){1,3}(?:,\s*(?:(?:the|our|any)\s+)?(?:[\p{L}-]+\s*){1,3})*(?:,?\s*(?:and|or)\s+)(?:(?:the|our|any)\s+)?$|(?:^|[^\p{L}])(?:drop|scrap|ditch|forget|remove|cut|lose|skip)\s+(?:(?:the|our|any|all)\s+)?(?:[\p{L}-]+\s*){1,3},\s*(?:(?:the|our|any)\s+)?$/u;
/**
 * A negated list so far: "don't need a database, logins, or " (items of one to three words, no new
 * clause). Only a list closed by "or"/"nor" is read this way: "no admin panel, roles and permissions"
 * may well want the roles (a comma still ends a negation otherwise, bug 6a).
 */
const LIST_ITEM = String.raw`(?:(?:a|an|the|any)\s+)?(?:(?!(?:but|however|although|though|whereas|while|yet|we|i|they|you|need|needs|want|wants|have|has|is|are)\b)[\p{L}-]+\s*){1,3}`;
const LIST_HEAD = String.raw`(?:^|[^\p{L}])(?:no(?!\s+(?:worries|rush|problem|problems|idea|pressure|stress|doubt|way|offen[cs]e))|not|never|without|don't need|dont need|do not need|doesn't need|does not need|won't need|no need for|neither)\s+${LIST_ITEM}(?:,\s*${LIST_ITEM})*`;
const NEGATED_LIST_LAST = new RegExp(String.raw`${LIST_HEAD},?\s*(?:or|nor)\s+(?:(?:a|an|the|any)\s+)?$`, 'u');
const NEGATED_LIST_MIDDLE = new RegExp(String.raw`${LIST_HEAD},\s*(?:(?:a|an|the|any)\s+)?$`, 'u');
/** ...and the list goes on after the match: ", or an admin", ", x and y". */
const LIST_GOES_ON = /^\s*(?:,\s*(?:[\p{L}-]+\s*){1,3})*,?\s*(?:or|nor)\s/u;
/** Where the clause holding position `start` begins. */
function clauseStart(text: string, start: number): number {
  const from = Math.max(0, start - SCORING.negationWindow);
  const before = text.slice(from, start);
  let at = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) at = (m.index ?? 0) + m[0].length;
  return from + at;
}

/** How a match at [start, end) in `text` is meant: said, negated, or taken back. */
export function negationOf(text: string, start: number, end: number): MatchState {
  const from = clauseStart(text, start);
  // The cue may sit before the match or inside it ("pages, no other editors"), unless the
  // pattern itself is worded as an absence ("no ui" means an API-only backend).
  const match = text.slice(start, end);
  const lead = /^(?:(?:we|i|they) )?(?:no|without|not|nobody|no one|none|don't|do not|doesn't|does not|can't|cannot)(?![\p{L}'])/u.test(match) ? text.slice(from, start) : text.slice(from, end);
  const after = text.slice(end, end + 60);
  if (WANTS_IT_BUILT_IN.test(lead)) return 'positive';
  const sentence = sentenceBefore(text, start);
  // "We haven't decided whether it'll be one big service or small ones": neither is said.
  if (UNDECIDED.test(sentence.slice(-SCORING.undecidedWindow))) return 'retracted';
  if (RETRACTION_BEFORE.test(lead) || RETRACTION_AFTER.test(after) || LIST_RETRACTION.test(sentence)) return 'retracted';
  if (NEGATION_BEFORE.test(lead) || NEGATION_AFTER.test(after)) return 'negated';
  // "We don't need a database, logins, or an admin": a negation reaches along its list (not past a
  // comma otherwise: "no admin panel, small json api" still wants the api).
  if (NEGATED_LIST_LAST.test(sentence) || (NEGATED_LIST_MIDDLE.test(sentence) && LIST_GOES_ON.test(text.slice(end, end + 60)))) return 'negated';
  return 'positive';
}

/** Is the match at [start, end) in `text` negated (or taken back)? */
export function isNegated(text: string, start: number, end: number): boolean {
  return negationOf(text, start, end) !== 'positive';
}

/** How one rule matches one message: positive wins over negated, negated over retracted. */
export function matchRule(text: string, compiled: CompiledRule): Match | undefined {
  let best: Match | undefined;
  // A need stated outright beats one only implied by an everyday word: "we don't need accounts,
  // guests just book" is no accounts, although bookings usually imply them.
  const rank = { positive: 4, negated: 3, implied: 2.5, retracted: 1 } as const;
  let bestRank = 0;
  const mayMatch = compiled.literals.candidates(text);
  for (const [i, re] of compiled.patterns.entries()) {
    // A pattern none of whose required words is in the message cannot match: not run.
    if (mayMatch[compiled.firstPattern + i] === 0) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      // A word naming a team or department ("the checkout team", "billing folks") is not a need of the product.
      if (TEAM_NAME_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
      // "I'm a bootcamp instructor": a kind of user that describes who is asking is no user of the product.
      if (compiled.rule.id === 'user-accounts' && i >= compiled.lexiconFrom && i < compiled.absentFrom && SELF_DESCRIPTION.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      let state = negationOf(text, m.index, m.index + m[0].length);
      if (i >= compiled.absentFrom) {
        // Words that say the need is absent ("a handful of tables"); negated or taken back, they say nothing.
        if (state !== 'positive') continue;
        state = 'negated';
      }
      const r = state === 'positive' && i >= compiled.lexiconFrom ? rank.implied : rank[state];
      if (r > bestRank) {
        const hedged =
          HEDGE.test(text.slice(Math.max(0, m.index - 25), m.index)) ||
          MAYBE_LATER.test(text.slice(clauseStart(text, m.index), m.index)) ||
          MAYBE_LATER_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 25));
        best = { rule: compiled.rule.id, property: compiled.property, state, evidence: m[0].trim(), ...(hedged ? { hedged } : {}) };
        bestRank = r;
        if (r === rank.positive) return best;
      }
    }
  }
  return best;
}

/**
 * A sentence that turns from the company to the piece being built: "The new service only
 * computes fares", "The one I own just renders PDFs".
 */
const FOCUS_SHIFT =
  /(?:^|[.!?]\s+)(?:but\s+|now\s+|so\s+)?(?:the|this|our|my)\s+(?:new\s+(?:service|piece|thing|one|component|endpoint|tool|api|module|app)|(?:one|piece|part|service|bit)\s+(?:i|we)\s+(?:own|build|am building|are building|maintain|need))\b/u;

/**
 * A message that describes the company first and then the new piece: what it says of the
 * company's existing products (a Django monolith, a big platform) is not a need of the piece;
 * what it says of the team still holds.
 */
export function readFocused(text: string, read: (t: string) => Match[]): Match[] {
  const m = FOCUS_SHIFT.exec(text);
  if (!m || m.index === 0) return read(text);
  const context = text.slice(0, m.index);
  const focus = text.slice(m.index);
  const fromFocus = read(focus);
  const said = new Set(fromFocus.map((x) => x.rule));
  return [...fromFocus, ...read(context).filter((x) => (TEAM_PROPERTIES.has(x.property) || ENVIRONMENT_RULES.has(x.rule)) && !said.has(x.rule))];
}

/** Every rule's reading of one message. */
export function readMessage(text: string, rules: CompiledRule[]): Match[] {
  const out: Match[] = [];
  for (const c of rules) {
    const m = matchRule(text, c);
    if (m) out.push(m);
  }
  return out;
}

/**
 * A sentence about the frameworks, not the project: "Django would give you auth out of the box",
 * "Flask works well for narrow APIs", "good choice for bookings and an admin". In a thread it is a
 * teammate's opinion (the bot's own posts are never in the history): no need is read from it. A
 * sentence in the first person or asking something still describes the project.
 */
const FRAMEWORK_TALK = /\b(?:django|flask|fastapi)(?:'s [\w ]{1,30}?)? (?:would|will|could|should|gives?|has|have|comes? with|ships?|handles?|works? (?:well|fine)|fits?|suits?|is (?:the usual|a good|a great|great|fine|better|best|the right|good|usually)|sounds|seems|helps?|makes?)\b|\bfor (?:a|an|the) [\w -]{1,40}, (?:django|flask) is\b|\beither (?:one |of them )?(?:could|would|will|works|is fine)\b|^(?:good|great|solid|sensible|fair|safe) (?:choice|call|pick|bet)\b|^(?:makes sense|sounds (?:right|good|reasonable))\b/iu;
/** A sentence that states a need in the third person ("the client wants a portal built in Django") still describes the project. */
const NEEDS_SAID = /\b(?:wants?|needs?|requires?|must|built (?:in|with|on)|existing|already)\b/iu;
const FIRST_PERSON = /\b(?:we|we're|we'll|we've|we'd|our|ours|us|i|i'm|i'd|i've|my|me|mine|let's)\b/iu;
export function withoutFrameworkTalk(message: string): string {
  return message
    .split(/(?<=[.!;])\s+/u)
    .filter((sentence) => sentence.includes('?') || FIRST_PERSON.test(sentence) || NEEDS_SAID.test(sentence) || !FRAMEWORK_TALK.test(sentence))
    .join(' ');
}

/** Does this message start a new project (a change of subject)? */
export function startsNewSubject(text: string): boolean {
  return NEW_SUBJECT.test(text);
}
/** Does this message restate the whole project ("scratch that", "all we need now is ...")? */
export function resetsProject(text: string): boolean {
  return RESET.test(text);
}

/** The project state: for each property, the rules (values) that hold, with their evidence. */
export type ProjectState = Map<string, Map<string, Match>>;

/**
 * Read a conversation, oldest first, into one state per property. A message that mentions a
 * property replaces what was known about it; a retraction removes it; a reset or a change of
 * subject starts again from that message.
 */
export function readConversation(
  messages: string[],
  rules: CompiledRule[],
  read: (text: string) => Match[] = (text) => readMessage(text, rules),
): ProjectState {
  let state: ProjectState = new Map();
  messages.forEach((text, i) => {
    if (i > 0 && (startsNewSubject(text) || resetsProject(text))) state = new Map();
    const matched = read(text);
    if (i > 0 && RESTATEMENT.test(text)) {
      const product = matched.filter((m) => m.state === 'positive' && !TEAM_PROPERTIES.has(m.property));
      if (product.length >= RESTATEMENT_NEEDS || product.some((m) => SIZE_RULES.has(m.rule))) {
        for (const property of [...state.keys()]) if (!TEAM_PROPERTIES.has(property)) state.delete(property);
      }
    }
    const byProperty = new Map<string, Match[]>();
    for (const m of matched) byProperty.set(m.property, [...(byProperty.get(m.property) ?? []), m]);
    // "Forget the dashboard": a retraction naming words of something held takes that back too.
    if (i > 0) for (const w of retractedWords(text)) for (const [property, held] of state) {
      for (const [rule, m] of held) if (m.evidence.split(/[\s-]+/u).includes(w) && !byProperty.has(property)) held.delete(rule);
      if (held.size === 0) state.delete(property);
    }
    for (const [property, matches] of byProperty) {
      const said = matches.filter((m) => m.state !== 'retracted');
      if (said.length > 0) {
        state.set(property, new Map(said.map((m) => [m.rule, m])));
        continue;
      }
      // Only taken back: drop those values, and the property if nothing is left.
      const held = state.get(property);
      if (!held) continue;
      for (const m of matches) held.delete(m.rule);
      if (held.size === 0) state.delete(property);
    }
  });
  return state;
}

const RETRACT_NOUN =
  /(?:^|[^\p{L}])(?:drop|scrap|scratch|ditch|forget|remove|cut|skip|lose|no longer need|don't need|do not need|dont need)\s+(?:the|that|our|this|those|any|all)\s+((?:[\p{L}-]+\s*){1,3})/gu;
/** The words a message takes back ("forget the analytics dashboard" -> analytics, dashboard). */
function retractedWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RETRACT_NOUN)) {
    for (const w of (m[1] ?? '').trim().split(/[\s-]+/u)) if (w.length >= 4 && !/^(?:part|bit|thing|idea|stuff|page|pages)$/u.test(w)) out.push(w);
  }
  return out;
}

/** The state as a flat map rule -> match (positive or negated only). */
export function flatten(state: ProjectState): Map<string, Match> {
  const out = new Map<string, Match>();
  for (const values of state.values()) for (const [rule, m] of values) if (m.state !== 'retracted') out.set(rule, m);
  return out;
}

function toSignal(id: string, label: string, w: Weights, passages: string[], extra: Partial<Signal> = {}): Signal {
  const d = w.django ?? 0;
  const f = w.flask ?? 0;
  const favours: Signal['favours'] = d > f ? 'django' : f > d ? 'flask' : 'neither';
  return { id, label, favours, weight: Math.abs(d - f), passages, ...extra };
}

export interface Scored {
  signals: Signal[];
  scores: { django: number; flask: number };
  /** Rule ids that fired either way (for clarifying questions). */
  decided: Set<string>;
  positiveCount: number;
  /** Points taken by "it depends" properties (a medium scope, a team fluent in both). */
  balance: number;
  /** Balance of the "it depends" properties that weigh for neither side (a medium scope, a team fluent in both). */
  depends: number;
}

/** Turn the project state (plus combos and suppression) into signals and scores. */
export function scoreSignals(matches: Map<string, Match>, rules: Rule[], combos: Combo[]): Scored {
  const positive = new Set([...matches].filter(([, m]) => m.state === 'positive').map(([id]) => id));
  const suppressed = new Set<string>();
  const signals: Signal[] = [];
  const weightsOf = new Map<string, Weights>();
  let balance = 0;
  let depends = 0;
  for (const combo of combos) {
    if (combo.all.every((id) => positive.has(id))) {
      for (const s of combo.suppresses) suppressed.add(s);
      const evidence = combo.all.map((id) => matches.get(id)?.evidence).filter((e): e is string => !!e);
      signals.push(toSignal(combo.id, combo.label, combo.weights, combo.passages, { evidence }));
      weightsOf.set(combo.id, combo.weights);
    }
  }
  for (const rule of rules) {
    const m = matches.get(rule.id);
    if (!m || suppressed.has(rule.id)) continue;
    const extra: Partial<Signal> = { evidence: [m.evidence], property: rule.property ?? rule.id };
    if (m.state === 'positive') {
      const w = m.hedged ? scaleWeights(rule.weights, SCORING.hedgeFactor) : rule.weights;
      signals.push(toSignal(rule.id, rule.label, w, rule.passages, extra));
      weightsOf.set(rule.id, w);
      const counts = !rule.balance_when || rule.balance_when.some((id) => positive.has(id));
      const b = counts ? (rule.balance ?? 0) : 0;
      balance += b;
      if ((rule.weights.django ?? 0) === 0 && (rule.weights.flask ?? 0) === 0) depends += b;
    } else if (m.state === 'negated' && rule.negated) {
      // A negated need cites its own passages, never the positive rule's (bug 6b).
      const id = `not:${rule.id}`;
      signals.push(toSignal(id, rule.negated.label, rule.negated.weights, rule.negated.passages ?? [], { ...extra, negated: true }));
      weightsOf.set(id, rule.negated.weights);
    }
  }
  let django = 0;
  let flask = 0;
  for (const w of weightsOf.values()) {
    django += w.django ?? 0;
    flask += w.flask ?? 0;
  }
  // Strongest first, then the order of the rules file.
  signals.sort((a, b) => b.weight - a.weight);
  return {
    signals,
    scores: { django: round2(django), flask: round2(flask) },
    decided: new Set(matches.keys()),
    positiveCount: signals.filter((s) => !s.id.startsWith('not:')).length,
    balance,
    depends,
  };
}

function scaleWeights(w: Weights, by: number): Weights {
  return {
    ...(w.django !== undefined ? { django: w.django * by } : {}),
    ...(w.flask !== undefined ? { flask: w.flask * by } : {}),
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Verdict and confidence from the scores: confidence grows with the margin and the evidence.
 * `balance` is the weight of "it depends" evidence (a medium scope, a team at home in both):
 * it counts against certainty as if it were points on both sides.
 */
export function decide(scores: { django: number; flask: number }, balance = 0, depends = 0): { verdict: Verdict; confidence: number } {
  const { django, flask } = scores;
  const total = django + flask + 2 * balance;
  if (django + flask === 0) return { verdict: 'either', confidence: 0 };
  const margin = Math.abs(django - flask);
  const confidence = round2(Math.min(1, margin / (total + SCORING.confidencePrior)));
  const needed = depends >= SCORING.dependsBalance ? SCORING.dependsConfidence : SCORING.closeCallConfidence;
  if (margin < SCORING.closeCallPoints || confidence < needed) {
    return { verdict: 'either', confidence };
  }
  const leader: Framework = django > flask ? 'django' : 'flask';
  return { verdict: leader, confidence };
}
