/**
 * Per-user limit on LLM calls: a sliding window (default one hour) on an injectable clock. In
 * memory for one process (the CLI, tests), bounded by users, or in the app's store so every
 * instance on one database counts the same calls (`createStoreUserLimiter`).
 */
import { LRUCache } from 'lru-cache';
import { LIMITS } from '../limits.ts';
import type { Clock } from './cache.ts';

export interface UserLimiter {
  /** Record a call for `user` if under the limit; false means the limit is reached. */
  tryTake(user: string): boolean | Promise<boolean>;
  /** Calls left in the current window. */
  remaining(user: string): number | Promise<number>;
}

/** The part of the app's Store the shared limiter uses (src/store). */
export interface LimitStore {
  takeLlmCall(userId: string, limit: number, windowMs: number, ws?: undefined, nowMs?: number): Promise<boolean>;
  llmCallsLeft(userId: string, limit: number, windowMs: number, nowMs?: number): Promise<number>;
}

/** The limit kept in the store: one sliding window per user shared by every instance on it. */
export function createStoreUserLimiter(store: LimitStore, opts: { limit: number; windowMs?: number; clock?: Clock }): UserLimiter {
  const windowMs = opts.windowMs ?? 60 * 60 * 1000;
  const clock = opts.clock ?? Date.now;
  return {
    tryTake: (user) => (opts.limit <= 0 ? false : store.takeLlmCall(user, opts.limit, windowMs, undefined, clock())),
    remaining: (user) => store.llmCallsLeft(user, opts.limit, windowMs, clock()),
  };
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
