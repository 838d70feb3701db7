/**
 * Summary cache: bounded (least recently used goes first) with a TTL, on an injectable clock.
 * Keyed by the normalised question, the passage ids shown, and the verdict (plus intent and
 * signal ids, which the prompt also carries), so the same question answered from the same
 * passages reuses its summary and a different retrieval never does.
 */
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

export function createTtlCache<V>(opts: { ttlMs: number; maxEntries: number; clock?: Clock }): TtlCache<V> {
  const clock = opts.clock ?? Date.now;
  const entries = new Map<string, { value: V; expires: number }>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expires <= clock()) {
        entries.delete(key);
        return undefined;
      }
      // Refresh recency: Map iteration order is insertion order.
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    set(key, value) {
      if (opts.ttlMs <= 0 || opts.maxEntries <= 0) return;
      entries.delete(key);
      entries.set(key, { value, expires: clock() + opts.ttlMs });
      while (entries.size > opts.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}
