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
import { STREAM_INTERRUPTED_NOTE } from '../../src/slack/reply/native-stream.ts';
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
  // The "is thinking…" status that precedes every conversation answer (asserted in agent.test.ts).
  nock(API).post('/api/assistant.threads.setStatus').optionally().reply(200, { ok: true }).persist();
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

  /** Record the three stream calls (and chat.update) on the nock'd Web API. */
  function recordStream(_api: nock.Scope, o: { ts: string; append?: { status: number; body: unknown } } ) {
    const calls: { method: string; body: Record<string, unknown> }[] = [];
    // nock may try a body matcher on requests to other paths: each one also checks the body's shape.
    const shapes: Record<string, (b: Record<string, unknown>) => boolean> = {
      start: (b) => 'thread_ts' in b && 'markdown_text' in b,
      append: (b) => 'markdown_text' in b && !('thread_ts' in b) && !('blocks' in b),
      stop: (b) => 'ts' in b && !('text' in b) && ('blocks' in b || 'markdown_text' in b) && !('thread_ts' in b),
      update: (b) => 'ts' in b && 'text' in b && 'blocks' in b,
    };
    const rec = (method: string) => (b: Record<string, unknown>) => {
      if (!shapes[method]!(b)) return false;
      calls.push({ method, body: b });
      return true;
    };
    _api.post('/api/chat.startStream', rec('start')).reply(200, { ok: true, channel: 'C1', ts: o.ts });
    nock(API).post('/api/chat.appendStream', rec('append')).optionally().reply(o.append?.status ?? 200, (o.append?.body ?? { ok: true }) as nock.Body).persist();
    nock(API).post('/api/chat.stopStream', rec('stop')).optionally().reply(200, { ok: true, channel: 'C1', ts: o.ts }).persist();
    nock(API).post('/api/chat.update', rec('update')).optionally().reply(200, { ok: true, channel: 'C1', ts: o.ts }).persist();
    return calls;
  }
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>[];

  it("@mention: a native stream in the thread: the rules' answer first, the summary appended, stopped with the answer blocks and feedback_buttons", async () => {
    const { api, base } = await start(true);
    nock(LLM)
      .post('/v1/chat/completions')
      .reply(200, sse(['Django suits an online shop', ' with a back office', ' because its admin is built in [1].']), { 'content-type': 'text/event-stream' });
    const calls = recordStream(api, { ts: '300.2' });
    const mention = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, channel: 'C1', ts: '300.1', event_ts: '300.1' };
    await postSigned(base, eventCallback(mention, 'EvL1'), { contentType: 'application/json' });
    await waitFor(() => calls.some((c) => c.method === 'stop'), 5000, 'chat.stopStream');
    const [first, ...rest] = calls;
    expect(first).toMatchObject({ method: 'start', body: { channel: 'C1', thread_ts: '300.1', recipient_user_id: 'U1', recipient_team_id: 'T1' } });
    expect(String(first!.body.markdown_text)).toMatch(/^\*\*Django\*\* · \d+% confidence · \d+ points from \d needs vs 0 for Flask\n- /);
    // The summary, appended and/or carried by the stop, in order, exactly once.
    const streamed = rest.filter((c) => c.method !== 'update').map((c) => String(c.body.markdown_text ?? '')).join('');
    expect(streamed).toBe(GOOD);
    const stop = calls.find((c) => c.method === 'stop')!;
    expect(stop.body).toMatchObject({ channel: 'C1', ts: '300.2' });
    const blocks = parse(stop.body.blocks);
    expect(JSON.stringify(blocks)).toContain(LLM_SUMMARY_NOTE);
    expect(blocks.at(-1)).toMatchObject({ type: 'context_actions', elements: [{ type: 'feedback_buttons' }] });
    expect(JSON.stringify(blocks)).not.toContain('"header"');
    expect(calls.filter((c) => c.method === 'update')).toEqual([]);
    api.done();
  });

  it('a stream call failing (message_not_in_streaming_state) falls back to chat.update with the finished answer, visibly, and says so in the log', async () => {
    const { api, base, logger } = await start(true);
    nock(LLM)
      .post('/v1/chat/completions')
      .reply(200, sse(['Django suits an online shop', ' with a back office', ' because its admin is built in [1].']), { 'content-type': 'text/event-stream' });
    const calls = recordStream(api, { ts: '350.2', append: { status: 200, body: { ok: false, error: 'message_not_in_streaming_state' } } });
    const mention = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, channel: 'C1', ts: '350.1', event_ts: '350.1' };
    await postSigned(base, eventCallback(mention, 'EvL3'), { contentType: 'application/json' });
    await waitFor(() => calls.some((c) => c.method === 'update'), 5000, 'the chat.update fallback');
    const update = calls.find((c) => c.method === 'update')!;
    expect(update.body).toMatchObject({ channel: 'C1', ts: '350.2' });
    const text = JSON.stringify(parse(update.body.blocks));
    expect(text).toContain(STREAM_INTERRUPTED_NOTE);
    expect(text).toContain(GOOD);
    expect(text).toContain('feedback_buttons');
    expect(calls.some((c) => c.method === 'stop')).toBe(false);
    expect(logger.lines.filter((l) => l.includes('native stream') && l.includes('message_not_in_streaming_state'))).toHaveLength(1);
    api.done();
  });

  it("LLM failing (HTTP 500): the stream carries the rules' answer and stops with its blocks; no chat.update, one log line", async () => {
    const { api, base, logger } = await start(true);
    const llm = nock(LLM).post('/v1/chat/completions').twice().reply(500, { error: { message: 'down' } });
    const calls = recordStream(api, { ts: '400.2' });
    const mention = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, channel: 'C1', ts: '400.1', event_ts: '400.1' };
    await postSigned(base, eventCallback(mention, 'EvL2'), { contentType: 'application/json' });
    await waitFor(() => calls.some((c) => c.method === 'stop'), 5000, 'chat.stopStream');
    expect(llm.isDone()).toBe(true);
    expect(calls.map((c) => c.method)).toEqual(['start', 'stop']);
    expect(String(calls[0]!.body.markdown_text)).toContain('**Django**');
    expect(JSON.stringify(parse(calls[1]!.body.blocks))).not.toContain('LLM');
    expect(logger.lines.filter((l) => l.includes('llm: using the rule-based summary'))).toEqual([expect.stringContaining('HTTP 500')]);
    expect(logger.lines.some((l) => l.includes('native stream'))).toBe(false);
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
