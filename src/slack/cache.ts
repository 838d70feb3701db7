/**
 * Recent answers (behind buttons) and event de-duplication: in memory for one process, and in the
 * app's store when it has one, so several instances on one database share them.
 */
import { randomUUID } from 'node:crypto';
import type { Answer } from '../core/types.ts';
import { ANSWER_TTL_MS, type Store } from '../store/index.ts';

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

export interface AnswerCacheOptions {
  /** Where answers are shared with other instances (kept `ttlMs`, default 7 days). */
  store?: Store;
  ttlMs?: number;
  onError?: (what: string, e: unknown) => void;
}

/**
 * Answers behind buttons. `put` is synchronous (the key goes into the buttons at once): the answer
 * is kept in this process's LRU and written to the store in the background. `get` looks in the LRU,
 * then in the store (an answer made by another instance). A store failure is logged, never thrown:
 * a miss re-asks the question carried in the button.
 */
export class AnswerCache {
  private readonly lru: Lru<CachedAnswer>;
  private readonly o: AnswerCacheOptions;
  private readonly pending = new Set<Promise<void>>();
  constructor(capacity = 500, o: AnswerCacheOptions = {}) {
    this.lru = new Lru(capacity);
    this.o = o;
  }
  /** Store an answer; returns its key (short, URL-safe). */
  put(entry: CachedAnswer): string {
    const key = randomUUID().replace(/-/g, '').slice(0, 16);
    this.lru.set(key, entry);
    const { store } = this.o;
    if (store) {
      const w: Promise<void> = store
        .putAnswer(key, entry, this.o.ttlMs ?? ANSWER_TTL_MS)
        .catch((e: unknown) => this.o.onError?.('keeping an answer for its buttons', e))
        .finally(() => this.pending.delete(w));
      this.pending.add(w);
    }
    return key;
  }
  async get(key: string | undefined): Promise<CachedAnswer | undefined> {
    if (!key) return undefined;
    const hit = this.lru.get(key);
    if (hit || !this.o.store) return hit;
    try {
      const shared = await this.o.store.getAnswer(key);
      if (shared) this.lru.set(key, shared);
      return shared;
    } catch (e) {
      this.o.onError?.('reading an answer behind a button', e);
      return undefined;
    }
  }
  /** Writes still in flight (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

/**
 * Event and message de-duplication shared through the store: a key is handled by whichever
 * instance claims it first (a unique insert, kept `ttlMs`). This process's own TtlSet answers
 * first, so its twins never reach the database; with the store down, it still de-duplicates locally.
 */
export class SharedSeen {
  private readonly local: TtlSet;
  private readonly store: Store | undefined;
  private readonly ttlMs: number;
  private readonly onError: ((what: string, e: unknown) => void) | undefined;
  constructor(store: Store | undefined, ttlMs: number, max = 20_000, onError?: (what: string, e: unknown) => void) {
    this.local = new TtlSet(ttlMs, max);
    this.store = store;
    this.ttlMs = ttlMs;
    this.onError = onError;
  }
  async firstTime(key: string): Promise<boolean> {
    if (!this.local.firstTime(key)) return false;
    if (!this.store) return true;
    try {
      return await this.store.claimOnce('event', key, this.ttlMs);
    } catch (e) {
      this.onError?.('recording an event as seen (de-duplicated in this instance only)', e);
      return true;
    }
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
