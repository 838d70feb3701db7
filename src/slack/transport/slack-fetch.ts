/**
 * The `fetch` the Bolt app is given. Web API calls go through the platform fetch (with a deadline);
 * POSTs to a response_url (every `/framework` answer, every button's reply) go through node:http(s)
 * on keep-alive agents instead. The platform fetch costs about 0.5 ms more CPU per call than a
 * plain request (WHATWG streams on both bodies), which showed as a third of the app's overhead
 * over a bare Bolt app in `npm run bench` (BENCHMARKS.md). Bolt's respond() only reads the
 * status, so the fast path answers with a bodiless Response carrying it.
 *
 * The fast path is skipped (plain fetch) for anything else: other methods, non-string bodies,
 * the Web API base URL, and when NODE_USE_ENV_PROXY asks Node to route fetch through a proxy.
 */
import http from 'node:http';
import https from 'node:https';

export interface SlackFetchOptions {
  /** Deadline for every call without its own AbortSignal. */
  timeoutMs: number;
  /** The Web API base URL (default https://slack.com/api/): never on the fast path. */
  apiUrl?: string;
  /** The platform fetch (tests inject one). */
  fetch?: typeof fetch;
  /** Extra conditions under which to use plain fetch (default: NODE_USE_ENV_PROXY set). */
  env?: NodeJS.ProcessEnv;
  /**
   * Every URL outside the Web API base must pass this (allowed-hosts.ts: Slack's response_url
   * hosts and SLACK_API_URL's); others are refused without a connection. Default: no check.
   */
  allowUrl?: (url: string) => boolean;
  /** Told about each refused URL (to log its host). */
  onRefused?: (url: string) => void;
}

const DEFAULT_API = 'https://slack.com/api/';

export function createSlackFetch(o: SlackFetchOptions): typeof fetch & { close(): void } {
  const platform = o.fetch ?? globalThis.fetch;
  const api = o.apiUrl ?? DEFAULT_API;
  const viaProxy = Boolean((o.env ?? process.env).NODE_USE_ENV_PROXY);
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

  // A keep-alive socket the server has just closed fails the request reusing it with ECONNRESET
  // before anything was sent to the server: that request is sent again once, on a new socket
  // (what Node's http docs advise for `req.reusedSocket`). Any other failure is reported.
  const fast = (url: URL, init: RequestInit & { body: string }, retried = false): Promise<Response> =>
    new Promise((resolve, reject) => {
      const mod = url.protocol === 'https:' ? https : http;
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => (headers[k] = v));
      headers['content-length'] = String(Buffer.byteLength(init.body));
      const req = mod.request(url, { method: 'POST', headers, agent: agents[url.protocol as 'http:' | 'https:'], ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        // Settled at the status line, as fetch is; the body is not needed, and draining it in the
        // background frees the socket for the next call.
        res.on('error', () => {});
        res.resume();
        const status = res.statusCode ?? 0;
        resolve(new Response(null, status >= 200 && status <= 599 ? { status, statusText: res.statusMessage ?? '' } : { status: 502, statusText: `unexpected status ${status}` }));
      });
      // Same shape as a failed fetch: a TypeError with the cause (timeouts: an AbortError cause).
      req.once('error', (e: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE') && !init.signal?.aborted) {
          fast(url, init, true).then(resolve, reject);
          return;
        }
        reject(new TypeError('fetch failed', { cause: e }));
      });
      // The deadline covers the whole exchange, as AbortSignal.timeout does for fetch.
      const timer = setTimeout(() => req.destroy(new DOMException(`no answer within ${o.timeoutMs} ms`, 'TimeoutError')), o.timeoutMs);
      req.once('close', () => clearTimeout(timer));
      req.end(init.body);
    });

  const slackFetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const method = (init?.method ?? 'GET').toUpperCase();
    const href = url ?? (input as Request).url;
    if (o.allowUrl && !href.startsWith(api) && !o.allowUrl(href)) {
      o.onRefused?.(href);
      return Promise.reject(new TypeError('fetch refused: not a Slack response_url host', { cause: new Error('host not allowed') }));
    }
    if (!viaProxy && url !== undefined && method === 'POST' && typeof init?.body === 'string' && !url.startsWith(api) && /^https?:\/\//.test(url)) {
      return fast(new URL(url), init as RequestInit & { body: string });
    }
    return platform(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(o.timeoutMs) });
  }) as typeof fetch & { close(): void };
  slackFetch.close = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
  return slackFetch;
}
