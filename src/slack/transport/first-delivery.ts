/**
 * The shared replay check, off the ack path. In HTTP mode with a shared memory of signatures (the
 * store's, for several instances), the request guard (guard.ts) drops a replay this instance has
 * seen itself at once, but does not wait for the shared memory's answer before handing the request
 * to Bolt: it starts the claim and attaches it to the request (`attachFirstDelivery`); the receiver
 * passes it into every listener's context (`firstDeliveryProperties`, HTTPReceiver's
 * customPropertiesExtractor), and every listener is registered through `onFirstDelivery`:
 *
 * - events (Bolt acknowledges them itself, before any middleware): the listener starts only once
 *   the check says this is the request's first delivery;
 * - commands, actions and views: the listener's `ack` is wrapped; after the real ack it waits for
 *   the check, and on a replay it throws `ReplayedRequest`, which stops the listener; the wrapper
 *   catches it and logs the guard's warning. So a replay still gets its 200, and nothing after the
 *   ack runs twice;
 * - a listener that writes before it acks (a vote, record-feedback.ts) calls `ensureFirstDelivery`
 *   before the write (alongside whatever precedes it); on a replay the wrapper then acks for it.
 *
 * When the shared memory fails, the guard has already logged it and resolved the check to true:
 * this instance's own memory decided. Without a shared memory (Socket Mode, or a guard built
 * without one) the context has no check and the listeners run exactly as registered.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from '@slack/bolt';

/** Thrown (by a wrapped ack or `ensureFirstDelivery`) when the shared memory saw the request first. */
export class ReplayedRequest extends Error {
  constructor() {
    super('replayed request');
    this.name = 'ReplayedRequest';
  }
}

/** What the guard logs when it drops a replay itself, and the wrapper when the shared check does. */
export const REPLAY_DROPPED = 'dropped a replayed request (same signature and timestamp as an earlier one)';

/** True when this is the request's first delivery (the shared memory had not seen its signature). */
export type FirstDelivery = Promise<boolean>;

type WithFirstDelivery = { firstDelivery?: FirstDelivery };

/** The guard's side: the shared check of `req` (it must never reject). */
export function attachFirstDelivery(req: IncomingMessage, check: FirstDelivery): void {
  (req as IncomingMessage & WithFirstDelivery).firstDelivery = check;
}

/** HTTPReceiver's customPropertiesExtractor: Bolt hands it the buffered request, the guard's `req` itself. */
export function firstDeliveryProperties(req: IncomingMessage): WithFirstDelivery {
  const check = (req as IncomingMessage & WithFirstDelivery).firstDelivery;
  return check ? { firstDelivery: check } : {};
}

/** Resolves when the request is a first delivery (or nothing checks it); throws ReplayedRequest otherwise. */
export async function ensureFirstDelivery(context: unknown): Promise<void> {
  const check = (context as WithFirstDelivery | undefined)?.firstDelivery;
  if (check && !(await check)) throw new ReplayedRequest();
}

type AckFn = (...args: never[]) => Promise<void>;

/**
 * `listener`, run only for a request's first delivery (see above). `A` is Bolt's listener arguments:
 * with `ack` for commands, actions and views, without it for events.
 */
export function onFirstDelivery<A extends { context: unknown }>(logger: Logger, listener: (args: A) => Promise<void>): (args: A) => Promise<void> {
  return async (args) => {
    const check = (args.context as WithFirstDelivery | undefined)?.firstDelivery;
    if (!check) return listener(args);
    const ack = (args as { ack?: AckFn }).ack;
    let acked = false;
    try {
      if (typeof ack !== 'function') {
        await ensureFirstDelivery(args.context);
        return await listener(args);
      }
      const wrapped = async (...a: never[]) => {
        acked = true;
        await ack(...a);
        await ensureFirstDelivery(args.context);
      };
      await listener({ ...args, ack: wrapped });
    } catch (e) {
      if (!(e instanceof ReplayedRequest)) throw e;
      logger.warn(REPLAY_DROPPED);
      // Stopped before its ack (a write checked first): the replay still gets its 200.
      if (ack && !acked) await ack();
    }
  };
}
