/**
 * Request signatures in HTTP mode, against the real app on an ephemeral port: missing, wrong,
 * stale, future, tampered and replayed requests. Only a correctly signed, fresh, first-seen request
 * does any work (a response_url POST here).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor } from '../../src/core/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SeenSignatures } from '../../src/slack/transport/guard.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { sign, slashCommand } from '../e2e/helpers.ts';

const SECRET = 'securitysigningsecret0123';
const TOKEN = 'xoxb-sec-0000';

let running: RunningApp;
let base: string;
let store: SqliteStore;
let hooks: Server;
let hookBase: string;
const hits: string[] = [];
const logger = memoryLogger('debug');

beforeAll(async () => {
  // One local server plays the Web API (auth.test) and the response_url endpoints.
  hooks = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/r/')) hits.push(req.url);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }));
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  hookBase = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  store = new SqliteStore(':memory:');
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${hookBase}/api/`, PORT: '0' });
  running = await startApp({ config, advisor: await loadAdvisor({ knowledgeDir: 'knowledge' }), store, logger });
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running.stop();
  store.close();
  hooks.closeAllConnections();
  await new Promise((r) => hooks.close(r));
});

async function post(body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  await res.arrayBuffer();
  return res.status;
}

const now = () => Math.floor(Date.now() / 1000);
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('signed requests', () => {
  it('missing signature or timestamp → 401, nothing done', async () => {
    const body = slashCommand('Django or Flask?', `${hookBase}/r/missing`);
    expect(await post(body, {})).toBe(401);
    expect(await post(body, { 'x-slack-request-timestamp': String(now()) })).toBe(401);
    expect(await post(body, { 'x-slack-signature': sign(body, now(), SECRET) })).toBe(401);
    await settle();
    expect(hits).not.toContain('/r/missing');
  });

  it('wrong secret, malformed signature, stale or future timestamp, tampered body → 401', async () => {
    const body = slashCommand('Django or Flask?', `${hookBase}/r/bad`);
    const ts = now();
    expect(await post(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, 'another-secret') })).toBe(401);
    expect(await post(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': 'v1=abc' })).toBe(401);
    expect(await post(body, { 'x-slack-request-timestamp': 'nope', 'x-slack-signature': sign(body, ts, SECRET) })).toBe(401);
    const stale = ts - 5 * 60 - 5;
    expect(await post(body, { 'x-slack-request-timestamp': String(stale), 'x-slack-signature': sign(body, stale, SECRET) })).toBe(401);
    // Bolt alone accepts any future timestamp; the replay guard bounds it like the past.
    const future = ts + 5 * 60 + 30;
    expect(await post(body, { 'x-slack-request-timestamp': String(future), 'x-slack-signature': sign(body, future, SECRET) })).toBe(401);
    const tampered = body.replace('Django', 'Flask');
    expect(await post(tampered, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) })).toBe(401);
    // A signature for another timestamp.
    expect(await post(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts - 1, SECRET) })).toBe(401);
    await settle();
    expect(hits).not.toContain('/r/bad');
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('a replay of a valid request (same signature and timestamp) is acknowledged and dropped: it runs once', async () => {
    const body = slashCommand('We need an admin interface', `${hookBase}/r/replay`);
    const ts = now();
    const headers = { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) };
    expect(await post(body, headers)).toBe(200);
    expect(await post(body, headers)).toBe(200);
    expect(await post(body, headers)).toBe(200);
    const end = Date.now() + 5000;
    while (!hits.includes('/r/replay') && Date.now() < end) await settle();
    await settle();
    expect(hits.filter((h) => h === '/r/replay')).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes('dropped a replayed request'))).toHaveLength(2);
    // The same body signed again with a later timestamp is a new request (what Slack's retries look like).
    const ts2 = ts + 1;
    expect(await post(body, { 'x-slack-request-timestamp': String(ts2), 'x-slack-signature': sign(body, ts2, SECRET) })).toBe(200);
    const end2 = Date.now() + 5000;
    while (hits.filter((h) => h === '/r/replay').length < 2 && Date.now() < end2) await settle();
    expect(hits.filter((h) => h === '/r/replay')).toHaveLength(2);
  });

  it('health checks pass through; a signed POST to an unknown path is 404', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ts = now();
    const res = await fetch(`${base}/nope`, { method: 'POST', body: 'x', headers: { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign('x', ts, SECRET) } });
    expect(res.status).toBe(404);
  });

  it('every unsigned POST is 401 whatever the path spelling (the guard, not Bolt, verifies)', async () => {
    for (const p of ['/nope', '/slack/events?x=1', '/slack/events#x', '/slack/./events', '/slack/%65vents', '//slack/events']) {
      const body = slashCommand('Django or Flask?', `${hookBase}/r/path`);
      const res = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      await res.arrayBuffer();
      expect([p, res.status]).toEqual([p, 401]);
    }
    await settle();
    expect(hits).not.toContain('/r/path');
  });
});

describe('SeenSignatures', () => {
  it('remembers a signature until it expires, and stays bounded', () => {
    const s = new SeenSignatures(3);
    expect(s.firstTime('a', 0, 100)).toBe(true);
    expect(s.firstTime('a', 50, 150)).toBe(false);
    expect(s.firstTime('a', 101, 200)).toBe(true);
    for (const k of ['b', 'c', 'd', 'e']) s.firstTime(k, 110, 1000);
    expect(s.size).toBeLessThanOrEqual(3);
  });
});
