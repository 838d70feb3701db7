/** Asking: the question and history bounded, the answer remembered for the buttons under a key. */
import type { AnswerStream } from '../answerer.ts';
import type { Answer } from '../core/types.ts';
import { LIMITS } from '../limits.ts';
import type { SlackDeps } from './deps.ts';

export function bounded(question: string, history: string[]): { q: string; h: string[] } {
  return { q: question.slice(0, LIMITS.questionChars), h: history.slice(-LIMITS.historyMessages).map((m) => m.slice(0, LIMITS.questionChars)) };
}

/**
 * Ask through the answerer: the rules' answer at once (`stream.initial`, remembered under `key`),
 * the LLM summary streamed after it when one is configured. `userId` counts against the
 * per-user LLM limit. The cache keeps the rules' answer: Share posts a decision record without
 * the LLM summary (its [n] markers point at passages the record does not list). `plain`: the
 * question and history are stripped of Slack markup already (AskOptions.plain).
 */
export function askStreaming(deps: Pick<SlackDeps, 'answerer' | 'cache'>, question: string, history: string[] = [], userId?: string, plain = false): { stream: AnswerStream; key: string } {
  const { q, h } = bounded(question, history);
  const stream = deps.answerer.stream(q, { ...(h.length ? { history: h } : {}), ...(userId ? { userId } : {}), ...(plain ? { plain } : {}) });
  const key = deps.cache.put({ question: q, history: h, answer: stream.initial, ...(userId ? { askedBy: userId } : {}) });
  return { stream, key };
}

/** The finished answer (rules, then the LLM summary when configured), remembered. */
export async function askFinished(deps: Pick<SlackDeps, 'answerer' | 'cache'>, question: string, history: string[] = [], userId?: string, plain = false): Promise<{ answer: Answer; key: string }> {
  const { q, h } = bounded(question, history);
  const answer = await deps.answerer.answer(q, { ...(h.length ? { history: h } : {}), ...(userId ? { userId } : {}), ...(plain ? { plain } : {}) });
  const key = deps.cache.put({ question: q, history: h, answer, ...(userId ? { askedBy: userId } : {}) });
  return { answer, key };
}
