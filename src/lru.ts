/** Every in-memory cache is an lru-cache bounded by entries (sizes in src/limits.ts); this is their one shared option. */

/**
 * lru-cache options for an injected clock: read on every call (ttlResolution 0; an injected clock
 * moves in steps), offset by 1 because lru-cache takes a start time of 0 for "no TTL".
 */
export function clockOptions(now: () => number): { ttlResolution: 0; perf: { now: () => number } } {
  return { ttlResolution: 0, perf: { now: () => now() + 1 } };
}
