/**
 * What an unauthenticated request may cost before its signature can be checked, and what a signed
 * body must look like before Bolt sees it (HTTP mode; used by guard.ts).
 *
 * A request body has to be read in full before its signature can be verified, so a client without
 * the signing secret can make the app hold memory: Bolt buffers up to 4 MB per request with Node's
 * default timeouts (40 stalled uploads held ~146 MB). Here:
 *
 * - a declared `content-length` over the limit is refused (413) before anything is read;
 * - every body gets `FREE_BYTES_PER_BODY` of its own; beyond that it draws from one shared budget
 *   (`sharedBytes`), and a body that would overdraw it is refused (503) and its connection closed,
 *   so small requests (every real Slack request is a few kB) still get through while large ones are
 *   pending;
 * - at most `maxBodies` bodies are read at once (503 beyond);
 * - a body not complete within `timeoutMs` is refused (408) and its connection closed.
 *
 * Worst case held by bodies being read: maxBodies × FREE_BYTES_PER_BODY + sharedBytes
 * (128 × 64 kB + 16 MB = 24 MB with the defaults). Bytes are released once the body is complete
 * (its signature is then checked at once) or refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const FREE_BYTES_PER_BODY = 64 * 1024;

export interface BodyLimits {
  /** Largest body accepted (default 4 MB, Bolt's own limit). */
  limitBytes?: number;
  /** Shared budget for the part of bodies beyond FREE_BYTES_PER_BODY (default 16 MB). */
  sharedBytes?: number;
  /** Bodies read at once (default 128). */
  maxBodies?: number;
  /** Deadline for a whole body once its headers are in (default 5 s). */
  timeoutMs?: number;
}

export class BodyRefused extends Error {
  readonly status: 408 | 413 | 503;
  constructor(status: 408 | 413 | 503, message: string) {
    super(message);
    this.status = status;
  }
}

export interface BodyReader {
  read(req: IncomingMessage): Promise<Buffer>;
  /** Bodies being read and the bytes they hold now (for tests and figures). */
  stats(): { bodies: number; bytes: number; sharedInUse: number };
}

export function createBodyReader(l: BodyLimits = {}): BodyReader {
  const limit = l.limitBytes ?? 4 * 1024 * 1024;
  const shared = l.sharedBytes ?? 16 * 1024 * 1024;
  const maxBodies = l.maxBodies ?? 128;
  const timeoutMs = l.timeoutMs ?? 5000;
  let bodies = 0;
  let bytes = 0;
  let sharedInUse = 0;

  const read = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        reject(new BodyRefused(413, `body of ${declared} bytes declared, over the ${limit}-byte limit`));
        return;
      }
      if (bodies >= maxBodies) {
        reject(new BodyRefused(503, `${bodies} bodies already being read`));
        return;
      }
      bodies++;
      const chunks: Buffer[] = [];
      let mine = 0;
      let mineShared = 0;
      let done = false;
      const finish = (err?: BodyRefused) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('aborted', onAborted);
        bodies--;
        bytes -= mine;
        sharedInUse -= mineShared;
        if (err) {
          chunks.length = 0;
          reject(err);
        } else resolve(Buffer.concat(chunks, mine));
      };
      const onData = (c: Buffer) => {
        const over = Math.max(0, mine + c.length - FREE_BYTES_PER_BODY) - mineShared;
        if (mine + c.length > limit) return finish(new BodyRefused(413, `body over the ${limit}-byte limit`));
        if (over > 0 && sharedInUse + over > shared) return finish(new BodyRefused(503, 'too many bytes of unauthenticated bodies pending'));
        mine += c.length;
        bytes += c.length;
        if (over > 0) {
          mineShared += over;
          sharedInUse += over;
        }
        chunks.push(c);
      };
      const onEnd = () => finish();
      const onError = () => finish(new BodyRefused(408, 'the connection failed while the body was read'));
      const onAborted = () => finish(new BodyRefused(408, 'the client went away while the body was read'));
      const timer = setTimeout(() => finish(new BodyRefused(408, `body not complete within ${timeoutMs} ms`)), timeoutMs);
      req.on('data', onData);
      req.once('end', onEnd);
      req.once('error', onError);
      req.once('aborted', onAborted);
    });

  return { read, stats: () => ({ bodies, bytes, sharedInUse }) };
}

/**
 * Answer `status` and close the connection: nothing more of this request is read, so a client
 * still sending (or stalling) holds nothing.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  if (!res.headersSent) {
    res.writeHead(status, { connection: 'close' });
    res.end();
  }
  res.once('finish', () => req.socket?.destroy());
  if (res.writableFinished) req.socket?.destroy();
}

/**
 * Does a verified body parse, the way Bolt parses it, to an object? Bolt reads properties of the
 * parsed body (and of an interaction's `payload`) in an async path nobody catches: `null`, a number
 * or a string there made the process exit. Mirrors HTTPModuleFunctions.parseHTTPRequestBody.
 */
export function isObjectBody(raw: Buffer, contentType: string | undefined): boolean {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  try {
    const text = raw.toString();
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(text).getAll('payload');
      // querystring.parse (Bolt's) gives an array for a repeated key: then Bolt uses the whole form.
      if (payload.length === 1) return isObject(JSON.parse(payload[0] ?? ''));
      return true;
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * Options for the HTTP server (Bolt's `start(port, serverOptions)`): the whole header block within
 * 5 s and the whole request within 10 s (Node's defaults are 60 s and 300 s), checked every second
 * (the default check runs every 30 s).
 */
export const HTTP_SERVER_OPTIONS = { headersTimeout: 5000, requestTimeout: 10_000, connectionsCheckingInterval: 1000 } as const;
