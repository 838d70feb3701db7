/**
 * A local fake of everything the app talks to, on 127.0.0.1: the Slack Web API (`/api/<method>`),
 * response_url endpoints (`/r/<id>`) and an OpenAI-compatible LLM (`/v1/chat/completions`).
 * Each route's behaviour can be switched per test (ok, HTTP status, Retry-After, hang), and every
 * call is recorded. Used by the fault and security tests, and shaped like bench/load.ts's fake.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  route: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  at: number;
}

/** What a route does: answer (status, body, headers), or hang until the server closes. */
export type Behaviour = { status?: number; body?: unknown; headers?: Record<string, string>; hang?: boolean; delayMs?: number };

export interface FakeSlack {
  base: string;
  calls: Call[];
  /**
   * Set the behaviour of a route: a Web API method (`chat.postMessage`, or `chat.postMessage#C2` for
   * one channel), a response_url (`r/<id>`, or `r/*` for all) or `llm`. A list is used in order, then its last item.
   */
  on(route: string, b: Behaviour | Behaviour[]): void;
  reset(): void;
  /** Calls to a route; `method#channel` filters on the body's channel. */
  callsTo(route: string): Call[];
  waitFor(pred: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { raw };
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export const LLM_OK_TEXT = 'Django fits this project: it ships an admin and an ORM [1].';

function llmOk(): unknown {
  return { id: 'x', object: 'chat.completion', created: 1, model: 'fake', choices: [{ index: 0, message: { role: 'assistant', content: LLM_OK_TEXT }, finish_reason: 'stop' }] };
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: Call[] = [];
  const behaviours = new Map<string, Behaviour[]>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = (req.url ?? '').split('?')[0] ?? '';
      const route = url.startsWith('/api/') ? url.slice(5) : url.startsWith('/r/') ? url.slice(1) : url.includes('chat/completions') ? 'llm' : url;
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      calls.push({ route, body, headers: req.headers, at: Date.now() });
      // `method#channel` (e.g. chat.postMessage#C2) takes precedence over the method alone.
      const list =
        (typeof body.channel === 'string' ? behaviours.get(`${route}#${body.channel}`) : undefined) ??
        behaviours.get(route) ??
        (route.startsWith('r/') ? behaviours.get('r/*') : undefined);
      const b: Behaviour = (list && list.length > 1 ? list.shift() : list?.[0]) ?? {};
      const respond = () => {
        if (b.hang) {
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        }
        const status = b.status ?? 200;
        let body = b.body;
        if (body === undefined) {
          if (route === 'llm') body = llmOk();
          else if (route.startsWith('r/')) body = 'ok';
          else if (route === 'auth.test') body = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
          else if (status === 200) body = { ok: true, ts: `${Date.now() / 1000}`, channel: 'C1' };
          else body = 'error';
        }
        const isText = typeof body === 'string';
        res.writeHead(status, { 'content-type': isText ? 'text/plain' : 'application/json', ...b.headers });
        res.end(isText ? body : JSON.stringify(body));
      };
      if (b.delayMs) setTimeout(respond, b.delayMs);
      else respond();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    calls,
    on(route, b) {
      behaviours.set(route, Array.isArray(b) ? [...b] : [b]);
    },
    reset() {
      behaviours.clear();
      calls.length = 0;
    },
    callsTo(route) {
      const [r, channel] = route.split('#');
      return calls.filter((c) => c.route === r && (channel === undefined || c.body.channel === channel));
    },
    async waitFor(pred, timeoutMs = 5000, what = 'condition') {
      const end = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
