/** Small in-memory structures: an LRU of recent answers and a TTL set for event de-duplication. */
import { randomUUID } from 'node:crypto';
import type { Answer } from '../../core/types.ts';

export interface CachedAnswer {
  question: string;
  history: string[];
  answer: Answer;
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
}

export class AnswerCache {
  private readonly lru: Lru<CachedAnswer>;
  constructor(capacity = 500) {
    this.lru = new Lru(capacity);
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
  firstTime(key: string): boolean {
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
