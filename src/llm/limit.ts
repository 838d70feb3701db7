/** Per-user limit on LLM calls: a sliding window (default one hour) on an injectable clock. */
import { LRUCache } from 'lru-cache';
import { LIMITS } from '../limits.ts';
import type { Clock } from './cache.ts';

export interface UserLimiter {
  /** Record a call for `user` if under the limit; false means the limit is reached. */
  tryTake(user: string): boolean;
  /** Calls left in the current window. */
  remaining(user: string): number;
}

export function createUserLimiter(opts: { limit: number; windowMs?: number; clock?: Clock; maxUsers?: number }): UserLimiter {
  const windowMs = opts.windowMs ?? 60 * 60 * 1000;
  const clock = opts.clock ?? Date.now;
  // Bounded: the least recently active users are forgotten first.
  const calls = new LRUCache<string, number[]>({ max: Math.max(1, opts.maxUsers ?? LIMITS.llmUsers) });

  const recent = (user: string, now: number): number[] => {
    const kept = (calls.peek(user) ?? []).filter((t) => t > now - windowMs);
    if (kept.length === 0) calls.delete(user);
    return kept;
  };

  return {
    tryTake(user) {
      const now = clock();
      const kept = recent(user, now);
      if (kept.length >= opts.limit) return false;
      calls.set(user, [...kept, now]);
      return true;
    },
    remaining(user) {
      return Math.max(0, opts.limit - recent(user, clock()).length);
    },
  };
}
