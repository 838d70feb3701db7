/**
 * Replay protection for HTTP mode. Bolt's HTTPReceiver checks the signature and rejects a
 * timestamp older than 5 minutes, but it accepts the same signed request again and again inside
 * those 5 minutes (and does not bound timestamps in the future). Whoever captures one signed
 * request (a proxy log, a leaked trace) could replay it. This guard sits in front of Bolt's request
 * listener on the events path:
 *
 * - a timestamp more than 5 minutes in the future gets 401 (Slack's rule is |now - ts| <= 5 min);
 * - a request whose signature is valid and was already seen within the window is acknowledged
 *   (200, empty) and dropped, with a warning in the log: nothing runs twice;
 * - everything else goes to Bolt unchanged (which rejects bad or stale signatures with 401).
 *
 * Cost: one extra HMAC per request and a map of signatures seen in the last 10 minutes (bounded;
 * when full, the oldest are forgotten first). Slack's own retries are re-signed with a fresh
 * timestamp, so they are not replays here (the app ignores them separately, by X-Slack-Retry-Num).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, verifySlackRequest, type HTTPReceiver, type Logger } from '@slack/bolt';

export const REPLAY_WINDOW_SEC = 5 * 60;

export interface ReplayGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** The events path (default /slack/events). */
  path?: string;
  /** How many signatures are remembered at most (default 100,000 ≈ 330 requests/s over 5 min). */
  max?: number;
  now?: () => number;
}

/** Signatures seen recently, each kept until its timestamp leaves the window. */
export class SeenSignatures {
  private readonly until = new Map<string, number>();
  private readonly max: number;
  constructor(max = 100_000) {
    this.max = Math.max(1, max);
  }
  /** True the first time `sig` is offered while remembered; `expiresMs` is when it can be forgotten. */
  firstTime(sig: string, nowMs: number, expiresMs: number): boolean {
    for (const [k, t] of this.until) {
      if (t > nowMs && this.until.size < this.max) break;
      this.until.delete(k);
    }
    const t = this.until.get(sig);
    if (t !== undefined && t > nowMs) return false;
    this.until.set(sig, expiresMs);
    return true;
  }
  get size(): number {
    return this.until.size;
  }
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** The guard as a request listener wrapping `inner` (Bolt's). */
export function replayGuardListener(inner: RequestListener, o: ReplayGuardOptions): RequestListener {
  const path = o.path ?? '/slack/events';
  const now = o.now ?? Date.now;
  const seen = new SeenSignatures(o.max);
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? '').split('?')[0];
    const sig = req.headers['x-slack-signature'];
    const tsHeader = req.headers['x-slack-request-timestamp'];
    if (req.method !== 'POST' || url !== path || typeof sig !== 'string' || typeof tsHeader !== 'string') {
      inner(req, res);
      return;
    }
    const ts = Number(tsHeader);
    const nowMs = now();
    if (Number.isFinite(ts) && ts * 1000 > nowMs + REPLAY_WINDOW_SEC * 1000) {
      o.logger.warn('rejected a request with a timestamp more than 5 minutes in the future');
      reply(res, 401);
      return;
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit).then(
      (buffered) => {
        let valid = false;
        try {
          verifySlackRequest({
            signingSecret: o.signingSecret,
            body: buffered.rawBody.toString(),
            headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': ts },
          });
          valid = true;
        } catch {
          // Not valid: Bolt rejects it (401) and logs why.
        }
        if (valid && !seen.firstTime(sig, nowMs, (ts + REPLAY_WINDOW_SEC) * 1000 + 60_000)) {
          o.logger.warn('dropped a replayed request (same signature and timestamp as an earlier one)');
          reply(res, 200);
          return;
        }
        // Bolt reuses the buffered body (req.rawBody) instead of reading the stream again.
        inner(req, res);
      },
      (e: unknown) => {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(e) && ((e as { type?: string }).type === 'entity.too.large' || (e as { statusCode?: number }).statusCode === 413);
        o.logger.warn(`could not read a request body: ${(e as Error).message}`);
        if (!res.headersSent) reply(res, tooLarge ? 413 : 400);
      },
    );
  };
}

/** Put the guard in front of an HTTPReceiver's request listener (before `app.start`). */
export function guardReplays(receiver: HTTPReceiver, o: ReplayGuardOptions): void {
  receiver.requestListener = replayGuardListener(receiver.requestListener, o);
}
