/** Small in-memory structures: an LRU of recent answers and a TTL set for event de-duplication. */
import { randomUUID } from 'node:crypto';
import type { Answer } from '../core/types.ts';

export interface CachedAnswer {
  question: string;
  history: string[];
  answer: Answer;
  /** Who asked (the only one who may share a private answer). */
  askedBy?: string;
}

/** Least-recently-used map with a fixed capacity. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  private readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }
  get size(): number {
    return this.map.size;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * Recent answers, bounded by entries and by characters: an entry holds up to 4,000 characters of
 * question, 30 × 4,000 of thread history and the answer, so 500 entries alone could reach ~130 MB.
 * `maxChars` (default 4 M characters, ≈ 8 MB of strings): the oldest entries go first.
 */
export class AnswerCache {
  private readonly lru: Lru<CachedAnswer>;
  private readonly sizes = new Map<string, number>();
  private chars = 0;
  private readonly maxChars: number;
  private readonly capacity: number;
  constructor(capacity = 500, maxChars = 4_000_000) {
    // Both bounds are applied here, oldest first (the LRU itself never evicts).
    this.capacity = Math.max(1, capacity);
    this.lru = new Lru(Number.MAX_SAFE_INTEGER);
    this.maxChars = maxChars;
  }
  /** Store an answer; returns its key (short, URL-safe). */
  put(entry: CachedAnswer): string {
    const key = randomUUID().replace(/-/g, '').slice(0, 16);
    const size = entry.question.length + entry.history.reduce((n, h) => n + h.length, 0) + JSON.stringify(entry.answer).length;
    this.lru.set(key, entry);
    this.sizes.set(key, size);
    this.chars += size;
    // The oldest first, until within both bounds (the entry just stored always stays).
    for (const [k, n] of this.sizes) {
      if (k === key || (this.sizes.size <= this.capacity && this.chars <= this.maxChars)) break;
      this.lru.delete(k);
      this.sizes.delete(k);
      this.chars -= n;
    }
    return key;
  }
  get(key: string | undefined): CachedAnswer | undefined {
    return key ? this.lru.get(key) : undefined;
  }
  /** Entries and characters held (tests). */
  stats(): { entries: number; chars: number } {
    return { entries: this.lru.size, chars: this.chars };
  }
}

/** Remembers keys for `ttlMs`; `firstTime(key)` is true only the first time a key is seen. */
export class TtlSet {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;
  constructor(ttlMs: number, max = 10_000, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.max = max;
    this.now = now;
  }
  firstTime(rawKey: string): boolean {
    // Keys come from requests: bounded in length so that `max` entries bound the bytes too.
    const key = rawKey.length > 200 ? rawKey.slice(0, 200) : rawKey;
    const t = this.now();
    this.sweep(t);
    const at = this.seen.get(key);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, t);
    return true;
  }
  private sweep(t: number): void {
    for (const [k, at] of this.seen) {
      if (t - at < this.ttlMs && this.seen.size <= this.max) break;
      this.seen.delete(k);
    }
  }
}
