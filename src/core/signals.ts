/**
 * Requirement signals: the rules of knowledge/rules.yml matched against the question
 * (and earlier messages of the same thread), with negation and combinations, then
 * turned into scores, a verdict and a confidence. Pure functions over plain data.
 */
import type { Framework, Signal, Verdict } from './types.ts';
import type { Combo, Rule, Weights } from './schema.ts';
import { foldCase, prefilterOf } from './text.ts';

export const SCORING = {
  /** Below this many points between the two, it is a close call: "either". */
  closeCallPoints: 1,
  /** Below this confidence, it is a close call too. */
  closeCallConfidence: 0.2,
  /** Smooths confidence so one weak signal is not "certain": margin / (total + prior). */
  confidencePrior: 2,
  /** With fewer positive signals than this, clarifying questions are offered. */
  fewSignals: 2,
  /** How far back (characters) a negation cue reaches before a match, within its clause. */
  negationWindow: 40,
} as const;

/** Words that negate what follows them in the same clause. */
const NEGATION_BEFORE =
  /(?:^|[^\p{L}])(?:no|not|never|without|don't|dont|do not|doesn't|doesnt|does not|won't|will not|isn't|aren't|neither|nor|no need for|no need of|nothing like|skip|avoid|instead of|rather than|other than|except)(?:[^\p{L}]|$)/u;
/** Phrases after a match that negate it: "an admin panel is not needed". */
const NEGATION_AFTER =
  /^[^.;!?]{0,25}?\b(?:is not|isn't|are not|aren't|not)\s+(?:needed|required|necessary|important|a (?:requirement|priority|concern)|in scope|planned)\b|^[^.;!?]{0,15}?\b(?:unnecessary|not needed|out of scope)\b/u;
/** Clause boundaries: a negation before one of these does not reach past it. */
const CLAUSE_BREAK = /[.;!?\n]|[,:(-]\s*(?:and|yet|just|only|instead|simply|rather|plus)\b|\b(?:but|however|although|though|whereas|while)\b/gu;

export interface CompiledRule {
  rule: Rule;
  /** Global, case-insensitive, unicode: compiled once at start-up. */
  patterns: RegExp[];
  /** All patterns as one case-sensitive alternation, for `foldCase` text (see `prefilterOf`). */
  prefilter?: RegExp;
}

export function compileRules(rules: Rule[]): CompiledRule[] {
  return rules.map((rule) => {
    const prefilter = prefilterOf(rule.patterns);
    return { rule, patterns: rule.patterns.map((p) => new RegExp(p, 'giu')), ...(prefilter ? { prefilter } : {}) };
  });
}

export type MatchState = 'positive' | 'negated';

/** Is the match at [start, end) in `text` negated? */
export function isNegated(text: string, start: number, end: number): boolean {
  let from = Math.max(0, start - SCORING.negationWindow);
  const before = text.slice(from, start);
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) clauseStart = (m.index ?? 0) + m[0].length;
  from += clauseStart;
  // The cue may sit before the match or inside it ("pages, no other editors").
  if (NEGATION_BEFORE.test(text.slice(from, end))) return true;
  return NEGATION_AFTER.test(text.slice(end, end + 60));
}

/** How one rule matches one message: positive wins over negated if both occur. */
export function matchRule(text: string, compiled: CompiledRule): MatchState | undefined {
  let negated = false;
  for (const re of compiled.patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (!isNegated(text, m.index, m.index + m[0].length)) return 'positive';
      negated = true;
    }
  }
  return negated ? 'negated' : undefined;
}

/**
 * Match rules over the messages of a conversation, oldest first. A later message
 * overrides an earlier one for the same rule ("we need an admin" ... "no admin after all").
 */
export function matchConversation(messages: string[], rules: CompiledRule[]): Map<string, MatchState> {
  const state = new Map<string, MatchState>();
  for (const text of messages) {
    // Most rules do not match most messages: one cheap pass per rule rules them out.
    const folded = foldCase(text);
    for (const c of rules) {
      if (folded !== undefined && c.prefilter && !c.prefilter.test(folded)) continue;
      const s = matchRule(text, c);
      if (s) state.set(c.rule.id, s);
    }
  }
  return state;
}

function toSignal(id: string, label: string, w: Weights, passages: string[]): Signal {
  const d = w.django ?? 0;
  const f = w.flask ?? 0;
  const favours: Signal['favours'] = d > f ? 'django' : f > d ? 'flask' : 'neither';
  return { id, label, favours, weight: Math.abs(d - f), passages };
}

export interface Scored {
  signals: Signal[];
  scores: { django: number; flask: number };
  /** Rule ids that fired either way (for clarifying questions). */
  decided: Set<string>;
  positiveCount: number;
}

/** Turn matched rules (plus combos and suppression) into signals and scores. */
export function scoreSignals(state: Map<string, MatchState>, rules: Rule[], combos: Combo[]): Scored {
  const positive = new Set([...state].filter(([, s]) => s === 'positive').map(([id]) => id));
  const suppressed = new Set<string>();
  const signals: Signal[] = [];
  const weightsOf = new Map<string, Weights>();
  for (const combo of combos) {
    if (combo.all.every((id) => positive.has(id))) {
      for (const s of combo.suppresses) suppressed.add(s);
      signals.push(toSignal(combo.id, combo.label, combo.weights, combo.passages));
      weightsOf.set(combo.id, combo.weights);
    }
  }
  for (const rule of rules) {
    const s = state.get(rule.id);
    if (!s || suppressed.has(rule.id)) continue;
    if (s === 'positive') {
      signals.push(toSignal(rule.id, rule.label, rule.weights, rule.passages));
      weightsOf.set(rule.id, rule.weights);
    } else if (rule.negated) {
      const id = `not:${rule.id}`;
      signals.push(toSignal(id, rule.negated.label, rule.negated.weights, rule.passages));
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
    decided: new Set(state.keys()),
    positiveCount: signals.filter((s) => !s.id.startsWith('not:')).length,
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Verdict and confidence from the scores: confidence grows with the margin and the evidence. */
export function decide(scores: { django: number; flask: number }): { verdict: Verdict; confidence: number } {
  const { django, flask } = scores;
  const total = django + flask;
  if (total === 0) return { verdict: 'either', confidence: 0 };
  const margin = Math.abs(django - flask);
  const confidence = round2(Math.min(1, margin / (total + SCORING.confidencePrior)));
  if (margin < SCORING.closeCallPoints || confidence < SCORING.closeCallConfidence) {
    return { verdict: 'either', confidence };
  }
  const leader: Framework = django > flask ? 'django' : 'flask';
  return { verdict: leader, confidence };
}
