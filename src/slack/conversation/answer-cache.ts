/**
 * In-memory, bounded by entries (lru-cache): the recent answers behind the buttons, and a TTL set
 * for de-duplicating events.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Answer } from '../../core/types.ts';
import { clockOptions } from '../../lru.ts';

export interface CachedAnswer {
  question: string;
  history: string[];
  answer: Answer;
}

/** The answers recently shown, least recently used forgotten first. */
export class AnswerCache {
  private readonly lru: LRUCache<string, CachedAnswer>;
  constructor(capacity = 500) {
    this.lru = new LRUCache({ max: Math.max(1, capacity) });
  }
  /** Store an answer; returns its key (short, URL-safe). */
  put(entry: CachedAnswer): string {
    const key = randomUUID().replace(/-/g, '').slice(0, 16);
    this.lru.set(key, entry);
    return key;
  }
  get(key: string | undefined): CachedAnswer | undefined {
    return key ? this.lru.get(key) : undefined;
  }
}

/** Remembers keys for `ttlMs` (at most `max`); `firstTime(key)` is true only the first time a key is seen. */
export class TtlSet {
  private readonly seen: LRUCache<string, true>;
  constructor(ttlMs: number, max = 10_000, now: () => number = Date.now) {
    this.seen = new LRUCache({ max: Math.max(1, max), ttl: Math.max(1, ttlMs), ...clockOptions(now) });
  }
  firstTime(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
}
