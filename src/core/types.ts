/**
 * The public contract of the advisor core. The CLI (`--json`), the Slack app and the
 * LLM summariser all consume `Answer`; change it only with care.
 */

export type Framework = 'django' | 'flask';
export type Stance = Framework | 'neutral' | 'fastapi';
export type Intent = 'recommend' | 'compare' | 'fact' | 'help' | 'out_of_scope';
export type Verdict = Framework | 'either' | null;

export interface SourceRef {
  id: string;
  title: string;
  publisher: string;
}

export interface AnswerPassage {
  id: string;
  text: string;
  topics: string[];
  stance: Stance;
  sources: SourceRef[];
}

export interface Signal {
  /** Rule id from knowledge/rules.yml (negated signals get a `not:` prefix). */
  id: string;
  /** Human label, e.g. "needs an admin interface". */
  label: string;
  favours: Framework | 'neither';
  /** Net weight towards `favours` (>= 0). */
  weight: number;
  /** Passage ids that justify the weight. */
  passages: string[];
  /** The words of the conversation that gave it. */
  evidence?: string[];
  /** The property (dimension) of the project this is a value of. */
  property?: string;
  /** True when the need was stated as absent ("no admin needed"). */
  negated?: boolean;
}

/** One property of the project as read from the conversation. */
export interface ProjectProperty {
  property: string;
  /** The rule id (value) that holds. */
  value: string;
  state: 'positive' | 'negated';
  evidence: string;
}

/** A direct answer to a question of fact. */
export interface FactAnswer {
  /** who | when | version | extension | pattern | built-on | slogan | companies | general */
  kind: string;
  /** The answer: the sentence (or, in a list, the item) that answers it. */
  text: string;
  /** The whole sentence of the passage it comes from. */
  sentence: string;
  passage: string;
  sources: SourceRef[];
}

export interface Disagreement {
  id: string;
  question: string;
  positions: { claim: string; sources: SourceRef[] }[];
  resolution?: string;
}

export interface Answer {
  intent: Intent;
  verdict: Verdict;
  /** 0..1, from the score margin (0 when there is no verdict). */
  confidence: number;
  /** Points each framework collected from the signals. */
  scores: { django: number; flask: number };
  signals: Signal[];
  passages: AnswerPassage[];
  summary: string;
  summarySource: 'rules' | 'llm';
  /** Clarifying questions (recommend) or suggested next questions (other intents). */
  followUps: string[];
  /** Recorded disagreements between sources touching the passages shown. */
  disagreements: Disagreement[];
  /** For `compare`: the aspect asked about. */
  aspect?: { id: string; label: string };
  /** For `recommend`: the properties of the project read from the conversation, with their evidence. */
  properties?: ProjectProperty[];
  /** For `fact`: the answer itself, from the first passage. */
  fact?: FactAnswer;
}

export interface AskOptions {
  /** Earlier messages of the same conversation (oldest first); their signals add up. */
  history?: string[];
  /**
   * The question and history are plain text already: Slack markup stripped and entities decoded
   * once, where they came in (the Slack listeners). Without it they are stripped here (the CLI,
   * the evaluation, raw Slack text). Decoding twice would turn a typed `&amp;lt;` into `<`.
   */
  plain?: boolean;
}

export interface KbStats {
  passages: number;
  sources: number;
  topics: number;
  unsourced: number;
  conflicts: number;
  rules: number;
  synonymGroups: number;
  /** Distinct properties (dimensions) the rules are values of. */
  properties?: number;
  /** Entries of knowledge/lexicon.yml. */
  lexiconEntries?: number;
}
