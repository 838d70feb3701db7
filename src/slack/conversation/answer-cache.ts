/**
 * The recent answers behind the buttons and event de-duplication: in this process's memory,
 * bounded (lru-cache: answers by entries and by characters), and in the app's store when it has
 * one, so several instances on one database share them.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Answer } from '../../core/types.ts';
import { LIMITS } from '../../limits.ts';
import { clockOptions } from '../../lru.ts';
import { ANSWER_TTL_MS, type Store } from '../../store/index.ts';

export interface CachedAnswer {
  question: string;
  history: string[];
  answer: Answer;
  /** Who asked (the only one who may share a private answer: listeners/share-policy.ts). */
  askedBy?: string;
}

/**
 * About the characters an entry holds: its question, its history and every string in the answer,
 * plus a few per value for the structure. A walk, not JSON.stringify: this runs on every answer.
 */
function charsOf(entry: CachedAnswer): number {
  return Math.max(1, entry.question.length + entry.history.reduce((n, h) => n + h.length, 0) + charsIn(entry.answer));
}

function charsIn(v: unknown): number {
  if (typeof v === 'string') return v.length + 2;
  if (v === null || typeof v !== 'object') return 8;
  let n = 2;
  if (Array.isArray(v)) for (const x of v) n += charsIn(x) + 1;
  else for (const k in v) n += k.length + 4 + charsIn((v as Record<string, unknown>)[k]);
  return n;
}

export interface AnswerCacheOptions {
  /** Where answers are shared with other instances (kept `ttlMs`, default 7 days). */
  store?: Store;
  ttlMs?: number;
  onError?: (what: string, e: unknown) => void;
}

/**
 * The answers recently shown, least recently used forgotten first, bounded by entries
 * (`capacity`) and by characters (`maxChars`, LIMITS.recentAnswerChars by default): entries vary
 * from a few hundred characters to ~100,000 (a long thread), so a count alone does not bound memory.
 * An entry larger than `maxChars` on its own is not kept here (the store still has it; without a
 * store its buttons re-ask the question).
 *
 * With a store, `put` stays synchronous (the key goes into the buttons at once) and writes the
 * answer, with its asker, to the store in the background; `get` looks here, then in the store (an
 * answer made by another instance). A store failure is logged, never thrown: a miss is "unknown".
 */
export class AnswerCache {
  private readonly lru: LRUCache<string, CachedAnswer>;
  private readonly o: AnswerCacheOptions;
  private readonly pending = new Set<Promise<void>>();
  constructor(capacity: number = LIMITS.recentAnswers, maxChars: number = LIMITS.recentAnswerChars, o: AnswerCacheOptions = {}) {
    this.lru = new LRUCache({ max: Math.max(1, capacity), maxSize: Math.max(1, maxChars), sizeCalculation: charsOf });
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
    const key = boundedKey(rawKey);
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
}

/** Keys come from requests: bounded in length so that `max` entries (and store rows) bound the bytes too. */
function boundedKey(rawKey: string): string {
  return rawKey.length > LIMITS.seenKeyChars ? rawKey.slice(0, LIMITS.seenKeyChars) : rawKey;
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
  constructor(store: Store | undefined, ttlMs: number, max: number = LIMITS.seenEvents, onError?: (what: string, e: unknown) => void) {
    this.local = new TtlSet(ttlMs, max);
    this.store = store;
    this.ttlMs = ttlMs;
    this.onError = onError;
  }
  async firstTime(rawKey: string): Promise<boolean> {
    const key = boundedKey(rawKey);
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
