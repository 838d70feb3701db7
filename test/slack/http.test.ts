/** The Bolt app's fetch: response_url POSTs over node:http, everything else through the platform fetch. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackFetch } from '../../src/slack/transport/slack-fetch.ts';

let server: Server;
let base: string;
const seen: { url: string; method: string; headers: IncomingMessage['headers']; body: string }[] = [];
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok');

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const platformCalls: string[] = [];
const platform = (async (input: string | URL | Request) => {
  platformCalls.push(String(input));
  return new Response('{"ok":true}', { status: 200 });
}) as typeof fetch;

describe('createSlackFetch', () => {
  it('POSTs a response_url payload over node:http and settles with its status', async () => {
    const f = createSlackFetch({ timeoutMs: 2000, fetch: platform, env: {} });
    handler = (_req, res) => res.writeHead(200).end('ok');
    const body = JSON.stringify({ text: 'héllo', response_type: 'ephemeral' });
    const res = await f(`${base}/hooks/1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(res.ok).toBe(true);
    expect(seen.at(-1)).toMatchObject({ url: '/hooks/1', method: 'POST', body });
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json');
    expect(seen.at(-1)?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(platformCalls).toEqual([]);
    f.close();
  });

  it('passes an error status through (Bolt turns it into a RespondError)', async () => {
    const f = createSlackFetch({ timeoutMs: 2000, fetch: platform, env: {} });
    handler = (_req, res) => res.writeHead(404).end('expired_url');
    const res = await f(`${base}/hooks/2`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(res.ok).toBe(false);
    f.close();
  });

  it('gives up after the deadline like a failed fetch (TypeError with a TimeoutError cause)', async () => {
    const f = createSlackFetch({ timeoutMs: 150, fetch: platform, env: {} });
    handler = () => {}; // never answers
    const t0 = Date.now();
    const err = await f(`${base}/hooks/3`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(((err as Error).cause as Error).name).toBe('TimeoutError');
    expect(Date.now() - t0).toBeLessThan(2000);
    f.close();
  });

  it('sends a POST again, once, when the kept-alive socket it reused was just closed by the server', async () => {
    // A server that answers the first request on a connection and resets the connection when a
    // second request arrives on it (an idle keep-alive socket closed as it is reused).
    let connections = 0;
    const requests: number[] = [];
    const raw = net.createServer((socket) => {
      const n = ++connections;
      let onThis = 0;
      socket.on('data', () => {
        onThis++;
        requests.push(n);
        if (onThis === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
        else socket.resetAndDestroy();
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/hooks/ka`;
    const f = createSlackFetch({ timeoutMs: 2000, fetch: platform, env: {} });
    expect((await f(url, { method: 'POST', body: '{"n":1}' })).status).toBe(200);
    // Reuses connection 1, which resets: sent again on connection 2.
    expect((await f(url, { method: 'POST', body: '{"n":2}' })).status).toBe(200);
    expect(requests).toEqual([1, 1, 2]);
    f.close();
    await new Promise((r) => raw.close(r));
  });

  it('fails like fetch when nothing listens', async () => {
    const f = createSlackFetch({ timeoutMs: 2000, fetch: platform, env: {} });
    const err = await f('http://127.0.0.1:1/hooks', { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    f.close();
  });

  it('leaves Web API calls, other methods, non-string bodies and proxied setups to the platform fetch', async () => {
    platformCalls.length = 0;
    const f = createSlackFetch({ timeoutMs: 2000, apiUrl: `${base}/api/`, fetch: platform, env: {} });
    await f(`${base}/api/chat.postMessage`, { method: 'POST', body: 'x=1' });
    await f(`${base}/hooks/4`, { method: 'GET' });
    await f(`${base}/hooks/5`, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    const proxied = createSlackFetch({ timeoutMs: 2000, fetch: platform, env: { NODE_USE_ENV_PROXY: '1' } });
    await proxied(`${base}/hooks/6`, { method: 'POST', body: '{}' });
    expect(platformCalls).toEqual([`${base}/api/chat.postMessage`, `${base}/hooks/4`, `${base}/hooks/5`, `${base}/hooks/6`]);
    f.close();
    proxied.close();
  });
});
