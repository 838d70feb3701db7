/**
 * End-to-end with the optional LLM summary: the real app over HTTP with the real knowledge base and
 * one real answerer whose OpenAI-compatible endpoint is nock'd (streaming SSE, as the summariser's
 * stream() requests it). Slack's Web API and response_url are nock'd too.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answerer.ts';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor, type Advisor } from '../../src/core/index.ts';
import { LLM_SUMMARY_NOTE } from '../../src/slack/ui/blocks/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { BOT_TOKEN, SIGNING_SECRET, eventCallback, postSigned, slashCommand, waitFor } from './helpers.ts';

const API = 'http://slack.test';
// response_url POSTs go only to Slack's hosts or SLACK_API_URL's: the fake hooks live on the API's host.
const HOOKS = 'http://slack.test';
const LLM = 'http://llm.test';
const QUESTION = 'We are building an online shop, team of juniors, need an admin';
const GOOD = 'Django suits an online shop with a back office because its admin is built in [1].';

function sse(pieces: string[]): string {
  const ev = (content: string) => JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  return `${pieces.map((p) => `data: ${ev(p)}\n\n`).join('')}data: [DONE]\n\n`;
}

let advisor: Advisor;
let running: RunningApp | undefined;
let store: SqliteStore | undefined;

beforeAll(async () => {
  advisor = await loadAdvisor({ knowledgeDir: 'knowledge' });
});

afterEach(async () => {
  await running?.stop();
  store?.close();
  running = undefined;
  store = undefined;
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

afterAll(() => nock.restore());

/** Start the app; `llm` false gives the default (no LLM settings at all). */
async function start(llm: boolean) {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const api = nock(API).post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'framework_advisor' });
  store = new SqliteStore(':memory:');
  const logger = memoryLogger('debug');
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${API}/api/`, PORT: '0' });
  const env = llm ? { OPENAI_BASE_URL: `${LLM}/v1`, LLM_TIMEOUT_MS: '2000' } : {};
  const answerer = createAnswerer({ advisor, env, log: (l) => logger.info(l) });
  running = await startApp({ config, advisor, answerer, store, logger, streamIntervalMs: 50 });
  return { api, logger, base: `http://127.0.0.1:${running.port}` };
}

function recordHook(path: string, bodies: Record<string, unknown>[], times: number) {
  return nock(HOOKS)
    .post(path, (b: Record<string, unknown>) => {
      bodies.push(b);
      return true;
    })
    .times(times)
    .reply(200, 'ok');
}

describe('with an LLM configured', () => {
  it('/framework: response_url gets the rules answer first, then a replace_original update with the LLM summary', async () => {
    const { api, base } = await start(true);
    const llm = nock(LLM)
      .post('/v1/chat/completions', (b: { stream?: boolean; messages: { content: string }[] }) => b.stream === true && b.messages[1]!.content.includes('online shop'))
      .reply(200, sse(['Django suits an online shop', ' with a back office', ' because its admin is built in [1].']), { 'content-type': 'text/event-stream' });
    const bodies: Record<string, unknown>[] = [];
    // The rules answer, one partial update (the SSE body arrives at once), the final one.
    const hook = recordHook('/commands/llm', bodies, 3);
    const r = await postSigned(base, slashCommand(QUESTION, `${HOOKS}/commands/llm`), { contentType: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(200);
    await waitFor(() => bodies.some((b) => JSON.stringify(b.blocks).includes(LLM_SUMMARY_NOTE)), 5000, 'the final update');
    await new Promise((res) => setTimeout(res, 100));
    expect(llm.isDone()).toBe(true);
    const first = bodies[0] as { replace_original: boolean; blocks: unknown };
    expect(first.replace_original).toBe(false);
    expect(JSON.stringify(first.blocks)).not.toContain(GOOD);
    expect(JSON.stringify(first.blocks)).not.toContain('LLM');
    expect(hook.isDone()).toBe(true);
    expect(bodies).toHaveLength(3);
    for (const b of bodies.slice(1)) expect(b).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const last = JSON.stringify(bodies.at(-1)!.blocks);
    expect(last).toContain(GOOD);
    expect(last).toContain(LLM_SUMMARY_NOTE);
    api.done();
  });

  it('@mention: chat.postMessage with the rules answer, then chat.update of that message with the summary', async () => {
    const { api, base } = await start(true);
    nock(LLM)
      .post('/v1/chat/completions')
      .reply(200, sse(['Django suits an online shop', ' with a back office', ' because its admin is built in [1].']), { 'content-type': 'text/event-stream' });
    const posts: Record<string, unknown>[] = [];
    const updates: Record<string, unknown>[] = [];
    api
      .post('/api/chat.postMessage', (b: Record<string, unknown>) => {
        posts.push(b);
        return true;
      })
      .reply(200, { ok: true, channel: 'C1', ts: '300.2' })
      .post('/api/chat.update', (b: Record<string, unknown>) => {
        updates.push(b);
        return true;
      })
      .times(2)
      .reply(200, { ok: true, channel: 'C1', ts: '300.2' });
    const mention = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, channel: 'C1', ts: '300.1', event_ts: '300.1' };
    await postSigned(base, eventCallback(mention, 'EvL1'), { contentType: 'application/json' });
    await waitFor(() => updates.some((u) => String(u.blocks).includes(LLM_SUMMARY_NOTE)), 5000, 'the final chat.update');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C1', thread_ts: '300.1' });
    expect(String(posts[0]!.blocks)).not.toContain('LLM');
    for (const u of updates) expect(u).toMatchObject({ channel: 'C1', ts: '300.2' });
    expect(String(updates.at(-1)!.blocks)).toContain(GOOD);
    // A partial update, then the final one (both interceptors used).
    expect(updates).toHaveLength(2);
    api.done();
  });

  it('LLM failing (HTTP 500): the rules answer stays, no chat.update, one log line', async () => {
    const { api, base, logger } = await start(true);
    const llm = nock(LLM).post('/v1/chat/completions').twice().reply(500, { error: { message: 'down' } });
    const posts: Record<string, unknown>[] = [];
    api
      .post('/api/chat.postMessage', (b: Record<string, unknown>) => {
        posts.push(b);
        return true;
      })
      .reply(200, { ok: true, channel: 'C1', ts: '400.2' });
    const mention = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, channel: 'C1', ts: '400.1', event_ts: '400.1' };
    await postSigned(base, eventCallback(mention, 'EvL2'), { contentType: 'application/json' });
    await waitFor(() => logger.lines.some((l) => l.includes('rule-based')), 5000, 'the fallback log line');
    await new Promise((res) => setTimeout(res, 150));
    expect(llm.isDone()).toBe(true);
    expect(posts).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes('llm: using the rule-based summary'))).toEqual([expect.stringContaining('HTTP 500')]);
    expect(logger.lines.some((l) => l.includes('could not update') || l.includes('chat.update'))).toBe(false);
    // Any chat.update would have been refused by nock (no interceptor) and logged.
    api.done();
  });
});

describe('without an LLM (default)', () => {
  it('exactly the calls as before: one response_url post, one chat.postMessage, no update', async () => {
    const { api, base } = await start(false);
    const bodies: Record<string, unknown>[] = [];
    const hook = recordHook('/commands/plain', bodies, 1);
    const posts: Record<string, unknown>[] = [];
    api
      .post('/api/chat.postMessage', (b: Record<string, unknown>) => {
        posts.push(b);
        return true;
      })
      .reply(200, { ok: true, channel: 'C1', ts: '500.2' });
    await postSigned(base, slashCommand(QUESTION, `${HOOKS}/commands/plain`), { contentType: 'application/x-www-form-urlencoded' });
    const mention = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, channel: 'C1', ts: '500.1', event_ts: '500.1' };
    await postSigned(base, eventCallback(mention, 'EvL3'), { contentType: 'application/json' });
    await waitFor(() => hook.isDone() && api.isDone(), 5000, 'the two answers');
    await new Promise((res) => setTimeout(res, 150));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ replace_original: false });
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(bodies[0]!.blocks)).not.toContain('LLM');
  });
});
