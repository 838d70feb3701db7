/**
 * Who may share a private answer in a channel (issue 12 item 8): only the person who asked it, and
 * only an answer this instance remembers (the recent-answers cache records who asked). Holding an
 * answer's key (from a button value) is not enough: the key alone once let anyone post someone
 * else's private question to a channel.
 */
import type { CachedAnswer } from '../conversation/answer-cache.ts';

export type ShareDecision = { ok: true; entry: CachedAnswer } | { ok: false; reason: string; message: string };

export function mayShare(entry: CachedAnswer | undefined, userId: string): ShareDecision {
  if (!entry) {
    return {
      ok: false,
      reason: 'an answer this instance does not know',
      message: 'Sorry, I no longer have that answer, so I cannot share it. Ask again with /framework and share the new answer.',
    };
  }
  if (!entry.askedBy || entry.askedBy !== userId) {
    return { ok: false, reason: `the answer was asked by ${entry.askedBy ?? 'nobody known'}`, message: 'Only the person who asked can share this answer.' };
  }
  return { ok: true, entry };
}
