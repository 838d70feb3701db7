/**
 * The shared replay memory answers after the ack (guard.ts, first-delivery.ts), against the real
 * app on an ephemeral port. The store's signature claims are held until the test answers them:
 * "first" (the work runs, only then), "seen" (another instance had it: 200, nothing runs, nothing
 * is written) or a failure (this instance's own memory decides).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor } from '../../src/core/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { REPLAY_DROPPED } from '../../src/slack/transport/first-delivery.ts';
import { BlockId } from '../../src/slack/ui/ids.ts';
import { SqliteStore, type ClaimKind, type FeedbackInput } from '../../src/store/index.ts';
import { buttonClick, eventCallback, sign, slashCommand } from '../e2e/helpers.ts';

const SECRET = 'latesharedsigningsecret01';
const TOKEN = 'xoxb-late-0000';
const FORM = 'application/x-www-form-urlencoded';

/** A store whose signature claims wait for the test (when `hold` is on). */
class LateStore extends SqliteStore {
  hold = false;
  readonly held: ((answer: boolean | Error) => void)[] = [];
  votes = 0;
  override claimOnce(kind: ClaimKind, key: string, ttlMs: number, nowMs?: number): Promise<boolean> {
    if (kind !== 'signature' || !this.hold) return super.claimOnce(kind, key, ttlMs, nowMs);
    return new Promise((resolve, reject) => this.held.push((a) => (a instanceof Error ? reject(a) : resolve(a))));
  }
  override recordFeedback(row: FeedbackInput): Promise<void> {
    this.votes++;
    return super.recordFeedback(row);
  }
}

let running: RunningApp;
let base: string;
let store: LateStore;
let slack: Server;
let slackBase: string;
const calls: { path: string; body: string }[] = [];
const logger = memoryLogger('debug');

beforeAll(async () => {
  // One local server plays the Web API and the response_url endpoints.
  slack = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', ts: '1.1', channel: 'C1' }));
    });
  });
  await new Promise<void>((r) => slack.listen(0, '127.0.0.1', r));
  slackBase = `http://127.0.0.1:${(slack.address() as AddressInfo).port}`;
  store = new LateStore(':memory:');
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slackBase}/api/`, PORT: '0' });
  running = await startApp({ config, advisor: await loadAdvisor({ knowledgeDir: 'knowledge' }), store, logger });
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running.stop();
  store.close();
  slack.closeAllConnections();
  await new Promise((r) => slack.close(r));
});

beforeEach(() => {
  store.hold = false;
  store.held.length = 0;
});

async function post(body: string, type = FORM): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) }, body });
  await res.arrayBuffer();
  return res.status;
}
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
const hits = (path: string) => calls.filter((c) => c.path === path);
async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}
const drops = () => logger.lines.filter((l) => l.includes(REPLAY_DROPPED)).length;

describe('the shared replay memory answers late', () => {
  it("a command's ack does not wait for it; the work starts only once it says first", async () => {
    store.hold = true;
    const t0 = Date.now();
    expect(await post(slashCommand('We need an admin interface', `${slackBase}/r/late1`))).toBe(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    await until(() => store.held.length === 1, 'the claim');
    await settle();
    expect(hits('/r/late1')).toHaveLength(0);
    store.held[0]!(true);
    await until(() => hits('/r/late1').length === 1, 'the answer');
  });

  it('a command another instance already had: 200, no answer, the warning', async () => {
    store.hold = true;
    const before = drops();
    expect(await post(slashCommand('We need an admin interface', `${slackBase}/r/late2`))).toBe(200);
    await until(() => store.held.length === 1, 'the claim');
    store.held[0]!(false);
    await settle(300);
    expect(hits('/r/late2')).toHaveLength(0);
    expect(drops()).toBe(before + 1);
  });

  it('a vote another instance already had: 200, nothing written, no thanks', async () => {
    expect(await post(slashCommand('We are building an online shop with an admin back office', `${slackBase}/r/late3`))).toBe(200);
    await until(() => hits('/r/late3').length === 1, 'the answer');
    const answer = JSON.parse(hits('/r/late3')[0]!.body) as { blocks?: { elements?: { type?: string; action_id?: string; positive_button?: { value: string } }[] }[] };
    const fb = (answer.blocks ?? []).flatMap((b) => b.elements ?? []).find((e) => e.type === 'feedback_buttons')!;
    const click = (hook: string) =>
      buttonClick({
        responseUrl: `${slackBase}/r/${hook}`,
        action: { type: 'feedback_buttons', block_id: BlockId.feedback, action_id: fb.action_id, value: fb.positive_button!.value, action_ts: '1.3' },
      });
    // A vote is written before its ack, so its ack waits for the check (the write must not run twice).
    store.hold = true;
    const before = drops();
    const replayed = post(click('vote1'));
    await until(() => store.held.length === 1, 'the claim');
    store.held[0]!(false);
    expect(await replayed).toBe(200);
    await settle(300);
    expect(store.votes).toBe(0);
    expect(hits('/r/vote1')).toHaveLength(0);
    expect(drops()).toBe(before + 1);
    // The same click, first seen: written once, thanked once.
    const held = store.held.length;
    const acked = post(click('vote2'));
    await until(() => store.held.length === held + 1, 'the claim');
    store.held[held]!(true);
    expect(await acked).toBe(200);
    await until(() => hits('/r/vote2').length === 1, 'the thanks');
    expect(store.votes).toBe(1);
  });

  it('an event another instance already had: nothing posted', async () => {
    store.hold = true;
    const before = calls.length;
    const body = eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> Django or Flask for an online shop?', channel: 'C9', ts: '900.1', event_ts: '900.1' }, 'EvLate1');
    expect(await post(body, 'application/json')).toBe(200);
    await until(() => store.held.length === 1, 'the claim');
    store.held[0]!(false);
    await settle(300);
    expect(calls.slice(before).filter((c) => c.path.startsWith('/api/'))).toEqual([]);
  });

  it('the shared memory failing: this instance decides (the work runs), with a warning', async () => {
    store.hold = true;
    expect(await post(slashCommand('We need an admin interface', `${slackBase}/r/late4`))).toBe(200);
    await until(() => store.held.length === 1, 'the claim');
    store.held[0]!(new Error('connection refused'));
    await until(() => hits('/r/late4').length === 1, 'the answer');
    expect(logger.lines.some((l) => l.includes('the shared replay memory failed') && l.includes('connection refused'))).toBe(true);
  });
});
