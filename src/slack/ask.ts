/** Asking: the question and history bounded, the answer remembered for the buttons under a key. */
import type { AnswerStream } from '../answerer.ts';
import type { Answer } from '../core/types.ts';
import { LIMITS } from '../limits.ts';
import type { CachedAnswer } from './conversation/answer-cache.ts';
import type { SlackDeps } from './deps.ts';
import type { ButtonPayload } from './ui/button-values.ts';

export function bounded(question: string, history: string[]): { q: string; h: string[] } {
  return { q: question.slice(0, LIMITS.questionChars), h: history.slice(-LIMITS.historyMessages).map((m) => m.slice(0, LIMITS.questionChars)) };
}

/** The rule-based answer only (no LLM call), remembered; returns the answer and its cache key. */
export function askAndCache(deps: Pick<SlackDeps, 'answerer' | 'cache'>, question: string, history: string[] = []): { answer: Answer; key: string } {
  const { q, h } = bounded(question, history);
  const answer = deps.answerer.rules(q, h.length ? { history: h } : undefined);
  const key = deps.cache.put({ question: q, history: h, answer });
  return { answer, key };
}

/**
 * Ask through the answerer: the rules' answer at once (`stream.initial`, remembered under `key`),
 * the LLM summary streamed after it when one is configured. `userId` counts against the
 * per-user LLM limit. The cache keeps the rules' answer: Share posts a decision record without
 * the LLM summary (its [n] markers point at passages the record does not list).
 */
export function askStreaming(deps: Pick<SlackDeps, 'answerer' | 'cache'>, question: string, history: string[] = [], userId?: string): { stream: AnswerStream; key: string } {
  const { q, h } = bounded(question, history);
  const stream = deps.answerer.stream(q, { ...(h.length ? { history: h } : {}), ...(userId ? { userId } : {}) });
  const key = deps.cache.put({ question: q, history: h, answer: stream.initial });
  return { stream, key };
}

/** The finished answer (rules, then the LLM summary when configured), remembered. */
export async function askFinished(deps: Pick<SlackDeps, 'answerer' | 'cache'>, question: string, history: string[] = [], userId?: string): Promise<{ answer: Answer; key: string }> {
  const { q, h } = bounded(question, history);
  const answer = await deps.answerer.answer(q, { ...(h.length ? { history: h } : {}), ...(userId ? { userId } : {}) });
  const key = deps.cache.put({ question: q, history: h, answer });
  return { answer, key };
}

/**
 * The remembered answer a button points at, or, once the recent answers forgot it (or after a
 * restart), a fresh one by asking its question again: same rules, same answer.
 */
export function answerForButton(deps: Pick<SlackDeps, 'answerer' | 'cache'>, p: ButtonPayload): CachedAnswer & { key: string } {
  const hit = p.k ? deps.cache.get(p.k) : undefined;
  if (hit && p.k) return { ...hit, key: p.k };
  const { answer, key } = askAndCache(deps, p.q);
  return { question: p.q, history: [], answer, key };
}
