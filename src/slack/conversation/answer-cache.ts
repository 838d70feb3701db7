/**
 * In-memory, bounded (lru-cache): the recent answers behind the buttons, by entries and by
 * characters, and a TTL set for de-duplicating events.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Answer } from '../../core/types.ts';
import { LIMITS } from '../../limits.ts';
import { clockOptions } from '../../lru.ts';

export interface CachedAnswer {
  question: string;
  history: string[];
  answer: Answer;
  /** Who asked (the only one who may share a private answer: listeners/share-policy.ts). */
  askedBy?: string;
}

/** The characters an entry holds: its question, its history and the answer as JSON. */
function charsOf(entry: CachedAnswer): number {
  return Math.max(1, entry.question.length + entry.history.reduce((n, h) => n + h.length, 0) + JSON.stringify(entry.answer).length);
}

/**
 * The answers recently shown, least recently used forgotten first, bounded by entries
 * (`capacity`) and by characters (`maxChars`, LIMITS.recentAnswerChars by default): entries vary
 * from a few hundred characters to ~100,000 (a long thread), so a count alone does not bound memory.
 * An entry larger than `maxChars` on its own is not kept (its buttons re-ask the question).
 */
export class AnswerCache {
  private readonly lru: LRUCache<string, CachedAnswer>;
  constructor(capacity: number = LIMITS.recentAnswers, maxChars: number = LIMITS.recentAnswerChars) {
    this.lru = new LRUCache({ max: Math.max(1, capacity), maxSize: Math.max(1, maxChars), sizeCalculation: charsOf });
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
  /** Entries and characters held (tests). */
  stats(): { entries: number; chars: number } {
    return { entries: this.lru.size, chars: this.lru.calculatedSize };
  }
}

/** Remembers keys for `ttlMs` (at most `max`); `firstTime(key)` is true only the first time a key is seen. */
export class TtlSet {
  private readonly seen: LRUCache<string, true>;
  constructor(ttlMs: number, max = 10_000, now: () => number = Date.now) {
    this.seen = new LRUCache({ max: Math.max(1, max), ttl: Math.max(1, ttlMs), ...clockOptions(now) });
  }
  firstTime(rawKey: string): boolean {
    // Keys come from requests: bounded in length so that `max` entries bound the bytes too.
    const key = rawKey.length > LIMITS.seenKeyChars ? rawKey.slice(0, LIMITS.seenKeyChars) : rawKey;
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
}
