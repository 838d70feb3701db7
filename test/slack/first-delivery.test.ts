/** The shared replay check after the ack (src/slack/transport/first-delivery.ts), on its own. */
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/logger.ts';
import { ensureFirstDelivery, onFirstDelivery, REPLAY_DROPPED } from '../../src/slack/transport/first-delivery.ts';

function later<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setTimeout(r, 10));

describe('onFirstDelivery', () => {
  it('without a check in the context (Socket Mode, one memory only) the listener runs as registered', async () => {
    const logger = memoryLogger('debug');
    const ack = async () => {};
    let got: unknown;
    await onFirstDelivery(logger, async (args: { context: object; ack: () => Promise<void> }) => {
      got = args.ack;
    })({ context: {}, ack });
    expect(got).toBe(ack);
  });

  it('an event: the listener starts only once the check says first, and not at all on a replay', async () => {
    const logger = memoryLogger('debug');
    const runs: string[] = [];
    const listener = onFirstDelivery(logger, async (args: { context: { firstDelivery: Promise<boolean> }; id: string }) => {
      runs.push(args.id);
    });
    const first = later<boolean>();
    const done = listener({ context: { firstDelivery: first.promise }, id: 'a' });
    await tick();
    expect(runs).toEqual([]);
    first.resolve(true);
    await done;
    expect(runs).toEqual(['a']);
    await listener({ context: { firstDelivery: Promise.resolve(false) }, id: 'b' });
    expect(runs).toEqual(['a']);
    expect(logger.lines.filter((l) => l.includes(REPLAY_DROPPED))).toHaveLength(1);
  });

  it('a command: the real ack goes out at once; what follows it waits for the check and stops on a replay', async () => {
    const logger = memoryLogger('debug');
    const steps: string[] = [];
    const listener = onFirstDelivery(logger, async ({ ack }: { context: { firstDelivery: Promise<boolean> }; ack: (r?: string) => Promise<void> }) => {
      await ack('ok');
      steps.push('work');
    });
    const realAck = async (r?: string) => void steps.push(`ack ${r}`);
    const check = later<boolean>();
    const done = listener({ context: { firstDelivery: check.promise }, ack: realAck });
    await tick();
    expect(steps).toEqual(['ack ok']);
    check.resolve(false);
    await done;
    expect(steps).toEqual(['ack ok']);
    expect(logger.lines.some((l) => l.includes(REPLAY_DROPPED))).toBe(true);
    steps.length = 0;
    await listener({ context: { firstDelivery: Promise.resolve(true) }, ack: realAck });
    expect(steps).toEqual(['ack ok', 'work']);
  });

  it('a listener that writes before its ack checks first: on a replay nothing is written and the wrapper acks', async () => {
    const logger = memoryLogger('debug');
    const steps: string[] = [];
    const listener = onFirstDelivery(logger, async ({ ack, context }: { context: { firstDelivery: Promise<boolean> }; ack: () => Promise<void> }) => {
      await ensureFirstDelivery(context);
      steps.push('write');
      await ack();
    });
    await listener({ context: { firstDelivery: Promise.resolve(false) }, ack: async () => void steps.push('ack') });
    expect(steps).toEqual(['ack']);
    await listener({ context: { firstDelivery: Promise.resolve(true) }, ack: async () => void steps.push('ack') });
    expect(steps).toEqual(['ack', 'write', 'ack']);
  });

  it("a listener's own failure is not mistaken for a replay", async () => {
    const logger = memoryLogger('debug');
    const listener = onFirstDelivery(logger, async ({ ack }: { context: { firstDelivery: Promise<boolean> }; ack: () => Promise<void> }) => {
      await ack();
      throw new Error('boom');
    });
    await expect(listener({ context: { firstDelivery: Promise.resolve(true) }, ack: async () => {} })).rejects.toThrow('boom');
    expect(logger.lines.some((l) => l.includes(REPLAY_DROPPED))).toBe(false);
  });
});
