/**
 * Summary cache: bounded (least recently used goes first) with a TTL, on an injectable clock.
 * Keyed by the normalised question, the passage ids shown, and the verdict (plus intent and
 * signal ids, which the prompt also carries), so the same question answered from the same
 * passages reuses its summary and a different retrieval never does.
 */
import { LRUCache } from 'lru-cache';
import { clockOptions } from '../lru.ts';
import { normalise, type Answer } from '../core/index.ts';

export type Clock = () => number;

export function summaryCacheKey(question: string, a: Answer, extra = ''): string {
  return JSON.stringify([
    normalise(question),
    a.passages.map((p) => p.id),
    a.verdict,
    a.intent,
    a.signals.map((s) => s.id).sort(),
    extra,
  ]);
}

export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  readonly size: number;
  clear(): void;
}

/** Bounded by entries (least recently used first) with a TTL from `set`; ttlMs or maxEntries 0 keeps nothing. */
export function createTtlCache<V extends object | string | number | boolean>(opts: { ttlMs: number; maxEntries: number; clock?: Clock }): TtlCache<V> {
  if (opts.ttlMs <= 0 || opts.maxEntries <= 0) return { get: () => undefined, set: () => {}, size: 0, clear: () => {} };
  const lru = new LRUCache<string, V>({ max: opts.maxEntries, ttl: opts.ttlMs, ...clockOptions(opts.clock ?? Date.now) });
  return {
    get: (key) => lru.get(key),
    set: (key, value) => void lru.set(key, value),
    get size() {
      return lru.size;
    },
    clear: () => lru.clear(),
  };
}
