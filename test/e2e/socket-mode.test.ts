/**
 * Socket Mode end to end: the real app (SLACK_APP_TOKEN set) against a local fake of Slack's side.
 * The fake Web API answers apps.connections.open with a ws:// URL on the same server; envelopes go
 * in over the WebSocket, acks must come back by envelope_id, and answers arrive on the fake
 * response_url and chat.postMessage. Nothing leaves 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor } from '../../src/core/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { eventCallback } from './helpers.ts';

const BOT_TOKEN = 'xoxb-socket-test-0000';
const APP_TOKEN = 'xapp-1-socket-test-0000';

let server: Server;
let wss: WebSocketServer;
let base: string;
let socket: WebSocket | undefined;
let running: RunningApp;
let store: SqliteStore;
const logger = memoryLogger('debug');
const apiCalls: { method: string; body: string; auth: string }[] = [];
const hooks: { path: string; body: Record<string, unknown> }[] = [];
const acks: Record<string, unknown>[] = [];
let connectionsOpened = 0;

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const url = req.url ?? '';
      if (url.startsWith('/r/')) {
        hooks.push({ path: url, body: JSON.parse(body) as Record<string, unknown> });
        res.writeHead(200).end('ok');
        return;
      }
      const method = url.replace('/api/', '');
      apiCalls.push({ method, body, auth: String(req.headers.authorization ?? '') });
      let reply: Record<string, unknown> = { ok: true };
      if (method === 'apps.connections.open') {
        connectionsOpened++;
        reply = { ok: true, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link` };
      } else if (method === 'auth.test') reply = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'framework_advisor' };
      else if (method === 'chat.postMessage') reply = { ok: true, ts: '2.2', channel: 'C1' };
      else if (method === 'conversations.replies') reply = { ok: true, messages: [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  wss = new WebSocketServer({ server, path: '/link' });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => acks.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = new SqliteStore(':memory:');
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: `${base}/api/`, LOG_LEVEL: 'debug' });
  expect(config.mode).toBe('socket');
  running = await startApp({ config, advisor: await loadAdvisor({ knowledgeDir: 'knowledge' }), store, logger });
  await waitFor(() => socket !== undefined, 5000, 'the WebSocket connection');
});

afterAll(async () => {
  await running.stop();
  store.close();
  for (const c of wss.clients) c.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function send(envelope: Record<string, unknown>): void {
  socket!.send(JSON.stringify(envelope));
}

describe('Socket Mode', () => {
  it('opens the connection through SLACK_API_URL with the app-level token', () => {
    expect(connectionsOpened).toBe(1);
    const open = apiCalls.find((c) => c.method === 'apps.connections.open');
    expect(open?.auth).toBe(`Bearer ${APP_TOKEN}`);
  });

  it('acks a slash command envelope and answers privately through response_url', async () => {
    send({
      envelope_id: 'env-slash-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'deprecated',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        command: '/framework',
        // A broadcast (markup) and one typed as text (Slack sends it entity-escaped).
        text: 'We need an admin panel for an online shop <!channel> &lt;!here&gt;',
        api_app_id: 'A1',
        response_url: `${base}/r/slash-1`,
        trigger_id: '1.2.3',
      },
    });
    await waitFor(() => acks.some((a) => a.envelope_id === 'env-slash-1'), 5000, 'the ack');
    await waitFor(() => hooks.some((h) => h.path === '/r/slash-1'), 5000, 'the answer');
    const answer = hooks.find((h) => h.path === '/r/slash-1')!.body;
    expect(answer.response_type).toBe('ephemeral');
    // Every mrkdwn field: the question's markup is stripped where it came in (the broadcast goes),
    // what was typed as text is echoed escaped, so no broadcast can come from user text.
    const mrkdwn: string[] = [];
    JSON.stringify(answer.blocks, (_k, v: unknown) => {
      const o = v as { type?: string; text?: unknown } | null;
      if (o && o.type === 'mrkdwn' && typeof o.text === 'string') mrkdwn.push(o.text);
      return v;
    });
    expect(JSON.stringify(answer.blocks)).toContain('Django');
    expect(mrkdwn.join('\n')).not.toContain('<!channel>');
    expect(mrkdwn.join('\n')).not.toContain('<!here>');
    expect(mrkdwn.join('\n')).not.toContain('!channel');
    expect(mrkdwn.join('\n')).toContain('&lt;!here&gt;');
  });

  it('acks an app_mention envelope and answers in a thread', async () => {
    const event = { type: 'app_mention', user: 'U2', text: '<@UBOT> flask or django for one small webhook service?', ts: '1700000000.000100', channel: 'C1', event_ts: '1700000000.000100' };
    send({ envelope_id: 'env-mention-1', type: 'events_api', accepts_response_payload: false, payload: JSON.parse(eventCallback(event, 'Ev-socket-1')) as unknown });
    await waitFor(() => acks.some((a) => a.envelope_id === 'env-mention-1'), 5000, 'the ack');
    await waitFor(() => apiCalls.some((c) => c.method === 'chat.postMessage'), 5000, 'the threaded answer');
    const post = apiCalls.find((c) => c.method === 'chat.postMessage')!;
    const params = post.body.startsWith('{') ? (JSON.parse(post.body) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(post.body));
    expect(params.thread_ts).toBe('1700000000.000100');
    expect(String(params.blocks ?? params.text)).toContain('Flask');
    expect(post.auth).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('never logs either token', () => {
    const all = logger.lines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(APP_TOKEN);
  });
});
