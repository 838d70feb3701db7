/**
 * End-to-end over HTTP: the real app (HTTP mode, ephemeral port), real advisor and knowledge base,
 * signed requests; the Slack Web API and response_url are nock interceptors.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor } from '../../src/core/index.ts';
import type { AdvisorLike } from '../../src/slack/deps.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { ActionId } from '../../src/slack/ui/ids.ts';
import { BOT_TOKEN, SIGNING_SECRET, buttonClick, eventCallback, form, postSigned, sign, slashCommand, waitFor } from './helpers.ts';

const API = 'http://slack.test';
// response_url POSTs go only to Slack's hosts or SLACK_API_URL's: the fake hooks live on the API's host.
const HOOKS = 'http://slack.test';

let advisor: AdvisorLike;
let running: RunningApp;
let base: string;
let store: SqliteStore;
let logger: ReturnType<typeof memoryLogger>;
let api: nock.Scope;

beforeAll(async () => {
  advisor = await loadAdvisor({ knowledgeDir: 'knowledge' });
});

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  api = nock(API).post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'framework_advisor' });
  // The "is thinking…" status that precedes every conversation answer (asserted in agent.test.ts).
  nock(API).post('/api/assistant.threads.setStatus').optionally().reply(200, { ok: true }).persist();
  store = new SqliteStore(':memory:');
  logger = memoryLogger('debug');
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${API}/api/`, PORT: '0' });
  running = await startApp({ config, advisor, store, logger });
  base = `http://127.0.0.1:${running.port}`;
});

afterEach(async () => {
  await running.stop();
  store.close();
  nock.cleanAll();
  nock.enableNetConnect();
  // Tokens never reach the log.
  expect(logger.lines.join('\n')).not.toContain(BOT_TOKEN);
  expect(logger.lines.join('\n')).not.toContain(SIGNING_SECRET);
});

afterAll(() => nock.restore());

/** Ask through /framework as `user` and return the answer's key (from its Share button). */
async function askForKey(text: string, user = 'U1'): Promise<string> {
  const got: Record<string, unknown>[] = [];
  const hook = nock(HOOKS)
    .post('/commands/key', (b: Record<string, unknown>) => {
      got.push(b);
      return true;
    })
    .reply(200, 'ok');
  await postSigned(base, slashCommand(text, `${HOOKS}/commands/key`, { user_id: user }), { contentType: 'application/x-www-form-urlencoded' });
  await waitFor(() => hook.isDone(), 5000, 'the answer to take a key from');
  const blocks = got[0]!.blocks as { elements?: { action_id?: string; value?: string }[] }[];
  const v = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ActionId.share)!.value!;
  return (JSON.parse(v) as { k: string }).k;
}

describe('HTTP mode', () => {
  it('listens on an ephemeral port and answers /healthz', async () => {
    expect(running.port).toBeGreaterThan(0);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers url_verification', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'chal-123' });
    const r = await postSigned(base, body, { contentType: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('chal-123');
  });

  it('a signed slash command is acked at once (200, empty) and answered ephemerally via response_url', async () => {
    const got: Record<string, unknown>[] = [];
    const hook = nock(HOOKS)
      .post('/commands/1', (b: Record<string, unknown>) => {
        got.push(b);
        return true;
      })
      .reply(200, 'ok');
    const r = await postSigned(base, slashCommand('We are building an online shop, team of juniors, need an admin', `${HOOKS}/commands/1`), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    await waitFor(() => hook.isDone(), 5000, 'response_url');
    hook.done();
    const msg = got[0] as { response_type: string; blocks: { type: string; text?: { text: string } }[] };
    expect(msg.response_type).toBe('ephemeral');
    expect(msg.blocks[0]?.type).toBe('header');
    expect(JSON.stringify(msg.blocks)).toContain(ActionId.share);
    api.done();
  });

  it('a bad signature or a stale timestamp gets 401 and no work is done', async () => {
    const hook = nock(HOOKS).post('/commands/2').reply(200);
    const body = slashCommand('Django or Flask?', `${HOOKS}/commands/2`);
    const bad = await postSigned(base, body, { contentType: 'application/x-www-form-urlencoded', signature: sign(body, Math.floor(Date.now() / 1000), 'wrong-secret') });
    expect(bad.status).toBe(401);
    const staleTs = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await postSigned(base, body, { contentType: 'application/x-www-form-urlencoded', ts: staleTs, signature: sign(body, staleTs) });
    expect(stale.status).toBe(401);
    const tampered = await postSigned(base, body.replace('Django', 'Flask'), { contentType: 'application/x-www-form-urlencoded', signature: sign(body, Math.floor(Date.now() / 1000)) });
    expect(tampered.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.isDone()).toBe(false);
  });

  it('@mention → threaded answer; a retry gets no second answer; a thread follow-up reads the thread', async () => {
    const posts: Record<string, unknown>[] = [];
    api
      .post('/api/chat.postMessage', (b: Record<string, unknown>) => {
        posts.push(b);
        return true;
      })
      .reply(200, { ok: true, ts: '100.2' })
      .post('/api/conversations.replies', (b: Record<string, unknown>) => b.channel === 'C1' && b.ts === '100.1')
      .reply(200, {
        ok: true,
        messages: [
          { ts: '100.1', user: 'U1', text: '<@UBOT> We are building an online shop' },
          { ts: '100.2', user: 'UBOT', bot_id: 'BBOT', text: 'Django' },
          { ts: '100.3', user: 'U1', text: 'our team is mostly juniors' },
        ],
      })
      .post('/api/chat.postMessage', (b: Record<string, unknown>) => {
        posts.push(b);
        return true;
      })
      .reply(200, { ok: true, ts: '100.4' });

    const mention = { type: 'app_mention', user: 'U1', text: '<@UBOT> We are building an online shop', channel: 'C1', ts: '100.1', event_ts: '100.1' };
    const r1 = await postSigned(base, eventCallback(mention, 'Ev1'), { contentType: 'application/json' });
    expect(r1.status).toBe(200);
    // The twin message event of a mention is ignored (app_mention answers it).
    await postSigned(base, eventCallback({ ...mention, type: 'message', channel_type: 'channel' }, 'Ev1m'), { contentType: 'application/json' });
    await waitFor(() => posts.length === 1, 5000, 'first answer');
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '100.1' });

    const retry = await postSigned(base, eventCallback(mention, 'Ev1'), {
      contentType: 'application/json',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);

    const follow = { type: 'message', channel_type: 'channel', user: 'U1', text: 'our team is mostly juniors', channel: 'C1', ts: '100.3', thread_ts: '100.1', event_ts: '100.3' };
    await postSigned(base, eventCallback(follow, 'Ev2'), { contentType: 'application/json' });
    await waitFor(() => api.isDone(), 5000, 'thread follow-up');
    expect(posts).toHaveLength(2);
    expect(posts[1]).toMatchObject({ channel: 'C1', thread_ts: '100.1' });
    // Bolt sends blocks form-encoded as JSON text.
    expect(String(posts[1]?.blocks)).toContain('header');
    api.done();
  });

  it('block_actions: Share in channel posts a decision record and confirms via response_url', async () => {
    const k = await askForKey('We need an admin interface for an online shop');
    const posted: Record<string, unknown>[] = [];
    api
      .post('/api/chat.postMessage', (b: Record<string, unknown>) => {
        posted.push(b);
        return true;
      })
      .reply(200, { ok: true, ts: '200.1' });
    const hookBodies: Record<string, unknown>[] = [];
    const hook = nock(HOOKS)
      .post('/actions/1', (b: Record<string, unknown>) => {
        hookBodies.push(b);
        return true;
      })
      .reply(200, 'ok');
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'acme' },
      user: { id: 'U1', name: 'ada', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'deprecated',
      container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: true },
      trigger_id: '1.2.3',
      channel: { id: 'C1', name: 'planning' },
      response_url: `${HOOKS}/actions/1`,
      actions: [
        {
          type: 'button',
          action_id: ActionId.share,
          block_id: 'answer_actions',
          value: JSON.stringify({ q: 'We need an admin interface for an online shop', k }),
          action_ts: '1.3',
        },
      ],
    };
    const r = await postSigned(base, form({ payload: JSON.stringify(payload) }), { contentType: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(200);
    await waitFor(() => hook.isDone(), 5000, 'share confirmation');
    api.done();
    expect(posted[0]).toMatchObject({ channel: 'C1' });
    expect(String(posted[0]?.blocks)).toContain('<@U1> shared a decision');
    expect(JSON.stringify(hookBodies[0])).toContain('Shared in the channel');
  });

  it('Share where the bot is not a member tells the user how to invite it', async () => {
    const k = await askForKey('Django or Flask?');
    api.post('/api/chat.postMessage').reply(200, { ok: false, error: 'not_in_channel' });
    const hookBodies: unknown[] = [];
    const hook = nock(HOOKS)
      .post('/actions/2', (b: unknown) => {
        hookBodies.push(b);
        return true;
      })
      .reply(200, 'ok');
    const payload = buttonClick({ actionId: ActionId.share, value: { q: 'Django or Flask?', k }, responseUrl: `${HOOKS}/actions/2`, channel: 'C2' });
    await postSigned(base, payload, { contentType: 'application/x-www-form-urlencoded' });
    await waitFor(() => hook.isDone(), 5000, 'invite hint');
    api.done();
    expect(JSON.stringify(hookBodies[0])).toContain('/invite @Framework Advisor');
  });

  it('feedback from a button lands in the store, with the question and verdict of the answer (not of the value)', async () => {
    const k = await askForKey('a CMS?');
    const hook = nock(HOOKS).post('/actions/3').reply(200, 'ok');
    const payload = buttonClick({
      actionId: ActionId.feedbackDown,
      value: { q: 'forged', v: 'flask', c: 1, i: 'recommend', k },
      responseUrl: `${HOOKS}/actions/3`,
      user: 'U7',
    });
    const r = await postSigned(base, payload, { contentType: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(200);
    await waitFor(() => hook.isDone(), 5000, 'feedback thanks');
    const sum = await store.feedbackSummary();
    expect(sum.unhelpful[0]).toMatchObject({ question: 'a CMS?', userId: 'U7' });
    expect(sum.unhelpful[0]!.confidence).toBeLessThan(1);
    api.done();
  });
});
