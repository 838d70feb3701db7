/**
 * Request verification for HTTP mode, in one place. Bolt's HTTPReceiver can check the signature
 * and reject a timestamp older than 5 minutes, but it accepts the same signed request again and
 * again inside those 5 minutes (and does not bound timestamps in the future). Whoever captures one
 * signed request (a proxy log, a leaked trace) could replay it. So this guard sits in front of
 * Bolt's request listener and does the whole check itself; the receiver is built with
 * `signatureVerification: false` so the HMAC is computed once per request, not twice:
 *
 * - every POST (whatever its path: Bolt dispatches POSTs to its events endpoint) must carry a valid
 *   signature with a timestamp within 5 minutes either way, or it gets 401 and a warning in the log;
 * - a request whose signature this instance already saw within the window is acknowledged (200,
 *   empty) and dropped at once, with a warning in the log: nothing runs twice;
 * - with a shared memory of signatures (`shared`: the store's, so a request replayed to another
 *   instance is caught too), the guard does not wait for it: it starts the claim, attaches it to
 *   the request and hands the request to Bolt, so the ack does not wait on a database round trip.
 *   The claim reaches every listener's context, and the listeners wait for it after their ack (or
 *   before a write that comes before it): first-delivery.ts. A replay caught there still gets its
 *   200 and runs nothing; when the shared memory fails, this instance's own memory decides;
 * - everything else (GET /healthz) goes to Bolt unchanged.
 *
 * Cost: one HMAC per request and a map of signatures seen in the last 10 minutes (bounded; when
 * full, the oldest are forgotten first). Slack's own retries are re-signed with a fresh timestamp,
 * so they are not replays here (the app ignores them separately, by X-Slack-Retry-Num).
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { LIMITS } from '../../limits.ts';
import { ErrorCode, HTTPReceiver, type HTTPReceiverOptions, type Logger } from '@slack/bolt';
import { BodyRefused, createBodyReader, isObjectBody, refuse, type BodyLimits, type BodyReader } from './body-guard.ts';
import { attachFirstDelivery, firstDeliveryProperties, REPLAY_DROPPED } from './first-delivery.ts';

export const REPLAY_WINDOW_SEC = 5 * 60;

export interface ReplayGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** How many signatures are remembered at most (default 100,000 ≈ 330 requests/s over 5 min). */
  max?: number;
  now?: () => number;
  /**
   * A shared memory of signatures (the store's, for several instances): true the first time `sig`
   * is offered before `expiresMs`. Asked after this process's own memory, without waiting: its
   * answer goes with the request to the listeners (first-delivery.ts); when it fails, this
   * process's own memory decides.
   */
  shared?: (sig: string, nowMs: number, expiresMs: number) => Promise<boolean>;
  /** What unauthenticated bodies may hold (body-guard.ts), or a reader to share (tests). */
  bodies?: BodyLimits | BodyReader;
  /** Bolt's events paths: only bodies for these must parse to an object (others get Bolt's 404). */
  eventPaths?: string[];
}

/** Signatures seen recently, each kept until its timestamp leaves the window (at most `max`, least recent first out). */
export class SeenSignatures {
  private readonly until: LRUCache<string, number>;
  constructor(max: number = LIMITS.seenSignatures) {
    this.until = new LRUCache({ max: Math.max(1, max) });
  }
  /** True the first time `sig` is offered while remembered; `expiresMs` is when it can be forgotten. */
  firstTime(sig: string, nowMs: number, expiresMs: number): boolean {
    const t = this.until.get(sig);
    if (t !== undefined && t > nowMs) return false;
    this.until.set(sig, expiresMs);
    return true;
  }
  get size(): number {
    return this.until.size;
  }
}

/**
 * Slack's v0 signature of one request: HMAC-SHA256 over `v0:<timestamp>:<raw body>`, compared in
 * constant time. `sig` has already been checked to be `v0=` and 64 hex digits. Bolt's
 * verifySlackRequest computes the same HMAC, but compares with tsscmp, which computes two more
 * HMACs under a fresh random key, and builds the key from the secret string each time: about
 * 10× the CPU of this (BENCHMARKS.md).
 */
export function signatureMatches(key: KeyObject, ts: number, rawBody: Buffer, sig: string): boolean {
  const expected = createHmac('sha256', key).update(`v0:${ts}:`).update(rawBody).digest();
  const given = Buffer.from(sig.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** The guard as a request listener wrapping `inner` (Bolt's). */
export function replayGuardListener(inner: RequestListener, o: ReplayGuardOptions): RequestListener {
  const now = o.now ?? Date.now;
  const seen = new SeenSignatures(o.max);
  // Fail closed: with no secret, anyone could sign (Bolt's check refused every request then).
  if (!o.signingSecret) throw new Error('the request guard needs a signing secret');
  const key = createSecretKey(Buffer.from(o.signingSecret, 'utf8'));
  const bodies = o.bodies && 'read' in o.bodies ? o.bodies : createBodyReader(o.bodies);
  const reject = (res: ServerResponse, why: string) => {
    o.logger.warn(`rejected a request (401): ${why}`);
    reply(res, 401);
  };
  // Before the body is read: answer and close the connection, so nothing of it is buffered.
  const rejectEarly = (req: IncomingMessage, res: ServerResponse, why: string) => {
    o.logger.warn(`rejected a request (401): ${why}`);
    refuse(req, res, 401);
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method ?? '').toUpperCase() !== 'POST') {
      inner(req, res);
      return;
    }
    const sig = req.headers['x-slack-signature'];
    const tsHeader = req.headers['x-slack-request-timestamp'];
    if (typeof sig !== 'string' || typeof tsHeader !== 'string') {
      rejectEarly(req, res, 'no Slack signature headers');
      return;
    }
    const ts = Number(tsHeader);
    const nowMs = now();
    if (!Number.isInteger(ts) || Math.abs(nowMs - ts * 1000) > REPLAY_WINDOW_SEC * 1000) {
      rejectEarly(req, res, 'timestamp missing or more than 5 minutes from now');
      return;
    }
    if (!/^v0=[0-9a-f]{64}$/.test(sig)) {
      rejectEarly(req, res, 'malformed signature');
      return;
    }
    bodies.read(req).then(
      (rawBody) => {
        // Bolt reuses the buffered body (req.rawBody) instead of reading the stream again.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
        if (!signatureMatches(key, ts, rawBody, sig)) {
          reject(res, 'signature mismatch');
          return;
        }
        const expiresMs = (ts + REPLAY_WINDOW_SEC) * 1000 + 60_000;
        if (!seen.firstTime(sig, nowMs, expiresMs)) {
          o.logger.warn(REPLAY_DROPPED);
          reply(res, 200);
          return;
        }
        // Signed, but Bolt would crash on it (a body or payload that is null, a number, …).
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if ((!o.eventPaths || o.eventPaths.includes(path)) && !isObjectBody(rawBody, req.headers['content-type'])) {
          o.logger.warn('rejected a signed request (400): the body is not a JSON or form object');
          reply(res, 400);
          return;
        }
        // Not awaited here: the listeners wait for it after their ack (first-delivery.ts).
        if (o.shared) {
          attachFirstDelivery(
            req,
            o.shared(sig, nowMs, expiresMs).catch((e: unknown) => {
              o.logger.warn(`the shared replay memory failed (this instance's own decides): ${(e as Error).message}`);
              return true;
            }),
          );
        }
        try {
          inner(req, res);
        } catch (e) {
          // Bolt throws for a path it does not serve (its server would answer 404); here, in a
          // promise callback (the body was read first), nothing else would catch it and the
          // request would hang.
          const unknownPath = (e as { code?: string }).code === ErrorCode.HTTPReceiverDeferredRequestError;
          if (!unknownPath) o.logger.error(`request listener failed: ${(e as Error).message}`);
          if (!res.headersSent) reply(res, unknownPath ? 404 : 500);
        }
      },
      (e: unknown) => {
        o.logger.warn(`could not read a request body: ${(e as Error).message}`);
        refuse(req, res, e instanceof BodyRefused ? e.status : 400);
      },
    ).catch((e: unknown) => {
      o.logger.error(`request guard failed: ${(e as Error).message}`);
      if (!res.headersSent) reply(res, 500);
    });
  };
}

/**
 * An HTTPReceiver with the guard in front of its request listener. Bolt's own signature check is
 * off because the guard does it (once) for every POST; the two are built together here so one can
 * never be switched off without the other.
 */
export function createGuardedReceiver(opts: Omit<HTTPReceiverOptions, 'signatureVerification' | 'signingSecret'> & Omit<ReplayGuardOptions, 'eventPaths'>): HTTPReceiver {
  const { max, now, bodies, shared, customPropertiesExtractor, ...receiverOpts } = opts;
  const receiver = new HTTPReceiver({
    ...receiverOpts,
    signatureVerification: false,
    // The shared replay check the guard attached to the request, into every listener's context.
    ...(shared ? { customPropertiesExtractor: (req) => ({ ...customPropertiesExtractor?.(req), ...firstDeliveryProperties(req) }) } : customPropertiesExtractor ? { customPropertiesExtractor } : {}),
  });
  receiver.requestListener = replayGuardListener(receiver.requestListener, {
    signingSecret: opts.signingSecret,
    logger: opts.logger,
    ...(max !== undefined ? { max } : {}),
    ...(now ? { now } : {}),
    ...(bodies ? { bodies } : {}),
    ...(shared ? { shared } : {}),
    eventPaths: typeof opts.endpoints === 'string' ? [opts.endpoints] : opts.endpoints ? Object.values(opts.endpoints) : ['/slack/events'],
  });
  return receiver;
}
