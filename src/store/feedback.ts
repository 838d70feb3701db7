/**
 * Feedback that can be trusted (issue 12 item 5). A 👍/👎 click names an answer by its key; what is
 * stored comes from the server's record of that answer (the recent-answers cache), never from the
 * button value, which the client can forge: the question (cut to FEEDBACK_QUESTION_MAX), intent,
 * verdict and confidence. A click for an answer the server does not know (forgotten, another
 * instance's, or forged) is refused. One vote per user per answer: the store keeps one row per
 * (answer key, user), so a second click changes the vote and a duplicate delivery changes nothing.
 */
import type { FeedbackInput } from './index.ts';

export const FEEDBACK_QUESTION_MAX = 2000;
/** Answer keys are 16 hex characters (AnswerCache.put); anything else is not ours. */
const ANSWER_KEY = /^[0-9a-f]{16}$/;

/** The part of a remembered answer feedback needs (structurally the Slack layer's CachedAnswer). */
export interface AnswerRecord {
  question: string;
  answer: { intent: string; verdict: string | null; confidence: number };
}

export type Vote = { ok: true; row: FeedbackInput & { answerKey: string } } | { ok: false; reason: 'no_key' | 'unknown_answer' };

export function voteFor(
  key: string | undefined,
  lookup: (key: string) => AnswerRecord | undefined,
  click: { helpful: boolean; userId: string; channelId: string | null; at: Date },
): Vote {
  if (!key || !ANSWER_KEY.test(key)) return { ok: false, reason: 'no_key' };
  const rec = lookup(key);
  if (!rec) return { ok: false, reason: 'unknown_answer' };
  const c = rec.answer.confidence;
  return {
    ok: true,
    row: {
      answerKey: key,
      question: rec.question.slice(0, FEEDBACK_QUESTION_MAX),
      intent: rec.answer.intent,
      verdict: rec.answer.verdict,
      confidence: Number.isFinite(c) ? Math.max(0, Math.min(1, c)) : 0,
      helpful: click.helpful,
      userId: click.userId,
      channelId: click.channelId,
      at: click.at,
    },
  };
}
