/**
 * The one-handler-per-turn scheduler: after its ack, a handler waits for its turn to do CPU-bound
 * work (asking, building blocks). Waiters are released one per event-loop turn (each through its
 * own setImmediate), so between two answers the loop polls the network: new requests are read and
 * acked while a burst of answers is being computed. A plain setImmediate would release every
 * waiter in the same check phase. Whether it pays is measured by bench/http.ts (BENCHMARKS.md).
 */
let turn: Promise<void> = Promise.resolve();
let enabled = true;

export function yieldToIo(): Promise<void> {
  if (!enabled) return Promise.resolve();
  const mine = turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  turn = mine;
  return mine;
}

/** For bench/http.ts only: measure the app without the scheduler. */
export function setTurnTaking(on: boolean): void {
  enabled = on;
}
