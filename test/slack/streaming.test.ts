/**
 * The LLM summary streamed into Slack messages: listener tests with fake Slack clients, a fake
 * answerer (exact sequences, rate and caps) and the real answerer against a nock'd LLM.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAnswerer, type AnswerOptions, type Answerer, type AnswerStream } from '../../src/answerer.ts';
import type { Answer } from '../../src/core/types.ts';
import { LLM_STREAMING_NOTE, LLM_SUMMARY_NOTE } from '../../src/slack/ui/blocks/index.ts';
import { BOT, setup } from './harness.ts';
import { FakeAdvisor } from './fixtures.ts';
import { useStrictNock } from '../nock-strict.ts';

const LLM = 'http://llm.test';
const GOOD = 'Django suits a shop with a back office because its admin is built in [1].';

function sse(pieces: string[]): string {
  const ev = (content: string) => JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  return `${pieces.map((p) => `data: ${ev(p)}\n\n`).join('')}data: [DONE]\n\n`;
}

/** A fake answerer whose stream yields `values` `gapMs` apart, then settles on `final`. */
function fakeAnswerer(advisor: FakeAdvisor, plan: { values: string[]; final?: (initial: Answer) => Answer; gapMs?: number; llm?: boolean }) {
  const calls: { question: string; opts?: AnswerOptions }[] = [];
  const answerer: Answerer = {
    llmEnabled: plan.llm ?? true,
    rules: (q, o) => advisor.ask(q, o),
    answer: async (q, o) => advisor.ask(q, o),
    stream(q, o): AnswerStream {
      calls.push({ question: q, ...(o ? { opts: o } : {}) });
      const initial = advisor.ask(q, o);
      if (plan.llm === false) return { initial, updates: (async function* () {})(), final: Promise.resolve(initial), llm: false };
      let done!: (a: Answer) => void;
      const final = new Promise<Answer>((r) => (done = r));
      async function* updates() {
        for (const v of plan.values) {
          await new Promise((r) => setTimeout(r, plan.gapMs ?? 0));
          yield v;
        }
        done(plan.final ? plan.final(initial) : { ...initial, summary: plan.values.at(-1) ?? initial.summary, summarySource: 'llm' });
      }
      return { initial, updates: updates(), final, llm: true };
    },
  };
  return { answerer, calls };
}

const cmd = (text: string) => ({ command: '/framework', text, user_id: 'U1', channel_id: 'C1', response_url: 'https://hooks.example/r', trigger_id: 'T1' });
const mention = { type: 'app_mention', user: 'U1', text: '<@UBOT> Django or Flask for a shop?', channel: 'C1', ts: '10.0' };
const blocksOf = (m: unknown) => JSON.stringify((m as { blocks: unknown }).blocks);

/** Make chat.startStream fail as Slack does where streaming is not available. */
function noNativeStream(s: ReturnType<typeof setup>): void {
  s.client.chat.startStream.mockRejectedValue(Object.assign(new Error('An API error occurred: not_allowed_token_type'), { data: { ok: false, error: 'not_allowed_token_type' } }));
}

describe('streaming with a fake answerer', () => {
  it('slash command: rules answer first, then replace_original updates, the last one the final answer', async () => {
    const advisor = new FakeAdvisor();
    const { answerer, calls } = fakeAnswerer(advisor, { values: ['Django suits', 'Django suits a shop.'] });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    await s.app.commands.get('/framework')!({ command: cmd('a shop'), ack: s.ack, respond: s.respond, client: s.client });
    expect(calls[0]).toEqual({ question: 'a shop', opts: { userId: 'U1', plain: true } });
    const sent = s.respond.mock.calls.map((c) => c[0] as { replace_original: boolean; response_type: string });
    expect(sent[0]).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(blocksOf(sent[0])).toContain('needs an admin interface'); // the rules' answer
    expect(blocksOf(sent[0])).not.toContain('LLM');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const m of sent.slice(1)) expect(m).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(blocksOf(sent.at(-1))).toContain('Django suits a shop.');
    expect(blocksOf(sent.at(-1))).toContain(LLM_SUMMARY_NOTE);
    expect(s.client.chat.update).not.toHaveBeenCalled();
  });

  it('response_url updates are capped (5 messages per response_url): at most 3 partial + the final', async () => {
    const advisor = new FakeAdvisor();
    const values = Array.from({ length: 12 }, (_, i) => `Django suits${' a shop'.repeat(i + 1)}.`);
    const { answerer } = fakeAnswerer(advisor, { values, gapMs: 5 });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    await s.app.commands.get('/framework')!({ command: cmd('a shop'), ack: s.ack, respond: s.respond, client: s.client });
    expect(s.respond.mock.calls.length).toBeLessThanOrEqual(5);
    expect(blocksOf(s.respond.mock.calls.at(-1)![0])).toContain(values.at(-1)!);
    expect(blocksOf(s.respond.mock.calls.at(-1)![0])).toContain(LLM_SUMMARY_NOTE);
    expect(blocksOf(s.respond.mock.calls[1]![0])).toContain(LLM_STREAMING_NOTE);
  });

  it('(native stream refused) @mention: chat.postMessage, then chat.update of that message at a bounded rate, then the final answer', async () => {
    const advisor = new FakeAdvisor();
    const values = Array.from({ length: 10 }, (_, i) => `Django suits${' a shop'.repeat(i + 1)}.`);
    // Ten values within ~100 ms and a 1 s interval: the first is shown, then only the final.
    const { answerer, calls } = fakeAnswerer(advisor, { values, gapMs: 10 });
    const s = setup({ advisor, answerer, streamIntervalMs: 1000 });
    noNativeStream(s); // chat.startStream refused: the answer is posted, then followed with chat.update
    await s.app.events.get('app_mention')!({ event: mention, client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(calls[0]?.opts).toEqual({ userId: 'U1', plain: true });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    const updates = s.client.chat.update.mock.calls.map((c) => c[0]);
    expect(updates).toHaveLength(2);
    for (const u of updates) expect(u).toMatchObject({ channel: 'C1', ts: '2.0' });
    expect(blocksOf(updates[0])).toContain(LLM_STREAMING_NOTE);
    expect(blocksOf(updates[1])).toContain(values.at(-1)!);
    expect(blocksOf(updates[1])).toContain(LLM_SUMMARY_NOTE);
  });

  it('(native stream refused) a failing chat.update (HTTP 500 / ratelimited) does not crash: one log line, the posted answer stays', async () => {
    const advisor = new FakeAdvisor();
    const { answerer } = fakeAnswerer(advisor, { values: ['Django suits', 'Django suits a shop.'] });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    noNativeStream(s); // chat.startStream refused: the answer is posted, then followed with chat.update
    s.client.chat.update.mockRejectedValue(Object.assign(new Error('An API error occurred: ratelimited'), { data: { ok: false, error: 'ratelimited' } }));
    await s.app.events.get('app_mention')!({ event: mention, client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(s.logger.lines.filter((l) => l.includes('could not update'))).toHaveLength(1);
    expect(s.logger.lines.some((l) => l.includes('ERROR'))).toBe(false);
  });

  it('a failing response_url update does not crash: one log line', async () => {
    const advisor = new FakeAdvisor();
    const { answerer } = fakeAnswerer(advisor, { values: ['Django suits a shop.'] });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    s.respond.mockImplementation(async (m: Record<string, unknown>) => {
      if (m.replace_original) throw new Error('Failed to respond to the response_url: 500 Internal Server Error');
    });
    await s.app.commands.get('/framework')!({ command: cmd('a shop'), ack: s.ack, respond: s.respond, client: s.client });
    expect(s.logger.lines.filter((l) => l.includes('could not update'))).toHaveLength(1);
    // The handler did not turn the failed update into an error message for the user.
    expect(JSON.stringify(s.respond.mock.calls)).not.toContain('ERR-');
  });

  it('(native stream refused) a final answer equal to the rules answer, with nothing streamed, sends no update', async () => {
    const advisor = new FakeAdvisor();
    const { answerer } = fakeAnswerer(advisor, { values: [], final: (a) => a });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    noNativeStream(s); // chat.startStream refused: the answer is posted, then followed with chat.update
    await s.app.events.get('app_mention')!({ event: mention, client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(s.client.chat.update).not.toHaveBeenCalled();
  });

  it('(native stream refused) DM, watched channel, thread follow-up, public follow-up button and wizard DM all stream with chat.update', async () => {
    const advisor = new FakeAdvisor();
    const { answerer, calls } = fakeAnswerer(advisor, { values: ['Django suits a shop.'] });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    noNativeStream(s); // chat.startStream refused: the answer is posted, then followed with chat.update
    const h = s.app.events.get('message')!;
    const msg = (over: Record<string, unknown>) => ({ type: 'message', channel: 'C1', channel_type: 'channel', user: 'U2', text: 'x', ts: '20.0', ...over });
    await h({ event: msg({ channel: 'D1', channel_type: 'im', text: 'Django or Flask for an API?' }), client: s.client, context: BOT, body: { event_id: 'E2' } });
    await s.store.setWatched('C1', true, 'U1', new Date());
    await h({ event: msg({ text: 'Should we pick Django or Flask for billing?', ts: '21.0' }), client: s.client, context: BOT, body: { event_id: 'E3' } });
    s.client.conversations.replies.mockResolvedValueOnce({ ok: true, messages: [{ ts: '1.0', user: 'U1', text: 'a shop' }, { ts: '1.5', user: 'UBOT', bot_id: 'BBOT', text: 'Django' }] });
    await h({ event: msg({ ts: '22.0', thread_ts: '1.0', text: 'juniors' }), client: s.client, context: BOT, body: { event_id: 'E4' } });
    const { packValue } = await import('../../src/slack/ui/button-values.ts');
    await s.app.actionHandler('ask_0')({
      ack: s.ack,
      action: { action_id: 'ask_0', value: packValue({ q: 'How big is your team?' }) },
      body: { type: 'block_actions', user: { id: 'U3' }, channel: { id: 'C1' }, container: { type: 'message', is_ephemeral: false }, message: { ts: '5.0', thread_ts: '1.0' }, response_url: 'https://hooks.example/a', trigger_id: 'T' },
      respond: s.respond,
      client: s.client,
    });
    const { BlockId, CallbackId } = await import('../../src/slack/ui/ids.ts');
    await s.app.views.get(CallbackId.wizard)!({
      ack: s.ack,
      view: { private_metadata: '{}', state: { values: { [BlockId.wizDescription]: { [BlockId.wizDescription]: { value: 'an online shop' } } } } },
      body: { user: { id: 'U4' } },
      client: s.client,
    });
    expect(calls.map((c) => c.opts?.userId)).toEqual(['U2', 'U2', 'U2', 'U3', 'U4']);
    expect(calls[2]?.opts?.history).toEqual(['a shop']);
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(5);
    const updates = s.client.chat.update.mock.calls.map((c) => c[0] as { channel: string; blocks: unknown });
    expect(updates.map((u) => u.channel)).toEqual(['D1', 'D1', 'C1', 'C1', 'C1', 'C1', 'C1', 'C1', 'D9', 'D9']);
    expect(blocksOf(updates.at(-1))).toContain(LLM_SUMMARY_NOTE);
    expect(s.respond).not.toHaveBeenCalled();
  });

  it('an ephemeral follow-up with a summary to stream replaces the answer whose button was pressed', async () => {
    const advisor = new FakeAdvisor();
    const { answerer } = fakeAnswerer(advisor, { values: ['Django suits a shop.'] });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    const { packValue } = await import('../../src/slack/ui/button-values.ts');
    await s.app.actionHandler('ask_0')({
      ack: s.ack,
      action: { action_id: 'ask_0', value: packValue({ q: 'How big is your team?' }) },
      body: { type: 'block_actions', user: { id: 'U3' }, channel: { id: 'C1' }, container: { type: 'message', is_ephemeral: true }, response_url: 'https://hooks.example/a', trigger_id: 'T' },
      respond: s.respond,
      client: s.client,
    });
    const sent = s.respond.mock.calls.map((c) => c[0]);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const m of sent) expect(m).toMatchObject({ replace_original: true });
    expect(blocksOf(sent.at(-1))).toContain(LLM_SUMMARY_NOTE);
  });
});

describe('the wizard result through a response_url', () => {
  const submit = async (o: 'eph' | 'pub') => {
    const advisor = new FakeAdvisor();
    const { answerer } = fakeAnswerer(advisor, { values: ['Django suits a shop.'] });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    const posts: Record<string, unknown>[] = [];
    s.deps.fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      posts.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return new Response('ok', { status: 200 });
    }) as typeof fetch;
    const { BlockId, CallbackId } = await import('../../src/slack/ui/ids.ts');
    await s.app.views.get(CallbackId.wizard)!({
      ack: s.ack,
      view: { private_metadata: JSON.stringify({ r: 'https://hooks.example/w', c: 'C1', o }), state: { values: { [BlockId.wizDescription]: { [BlockId.wizDescription]: { value: 'a shop' } } } } },
      body: { user: { id: 'U4' } },
      client: s.client,
    });
    return posts;
  };
  it('after Refine on a private answer: replaces it, then streams the summary into it', async () => {
    const posts = await submit('eph');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const p of posts) expect(p).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(blocksOf(posts.at(-1))).toContain(LLM_SUMMARY_NOTE);
  });
  it('after Refine on a public message: one new private message, no update (that response_url would replace the public one)', async () => {
    const posts = await submit('pub');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ replace_original: false });
  });
});

describe('without an LLM (default)', () => {
  it('exactly the calls as before: one respond, one postMessage, no update', async () => {
    const s = setup();
    await s.app.commands.get('/framework')!({ command: cmd('a shop'), ack: s.ack, respond: s.respond, client: s.client });
    expect(s.respond).toHaveBeenCalledTimes(1);
    expect(s.respond.mock.calls[0]![0]).toMatchObject({ replace_original: false });
    await s.app.events.get('app_mention')!({ event: mention, client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    const { packValue } = await import('../../src/slack/ui/button-values.ts');
    await s.app.actionHandler('ask_0')({
      ack: s.ack,
      action: { action_id: 'ask_0', value: packValue({ q: 'How big is your team?' }) },
      body: { type: 'block_actions', user: { id: 'U3' }, channel: { id: 'C1' }, container: { type: 'message', is_ephemeral: true }, response_url: 'https://hooks.example/a', trigger_id: 'T' },
      respond: s.respond,
      client: s.client,
    });
    expect(s.respond).toHaveBeenCalledTimes(2);
    expect(s.respond.mock.calls[1]![0]).toMatchObject({ replace_original: false });
    expect(s.client.chat.update).not.toHaveBeenCalled();
    expect(JSON.stringify(s.respond.mock.calls)).not.toContain('LLM');
  });
});

describe('streaming with the real answerer and a nock’d LLM', () => {
  useStrictNock();

  it('(native stream refused) @mention: the summary streams into the posted answer (SSE)', async () => {
    const llm = nock(LLM)
      .post('/v1/chat/completions', (b: { stream?: boolean }) => b.stream === true)
      .reply(200, sse(['Django suits a shop', ' with a back office', ' because its admin is built in [1].']), { 'content-type': 'text/event-stream' });
    const advisor = new FakeAdvisor();
    const lines: string[] = [];
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: `${LLM}/v1`, LLM_TIMEOUT_MS: '1500' }, log: (l) => lines.push(l) });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    noNativeStream(s); // chat.startStream refused: the answer is posted, then followed with chat.update
    await s.app.events.get('app_mention')!({ event: mention, client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(llm.isDone()).toBe(true);
    expect(blocksOf(s.client.chat.postMessage.mock.calls[0]![0])).toContain('needs an admin interface'); // the rules' answer
    const last = s.client.chat.update.mock.calls.at(-1)![0];
    expect(last).toMatchObject({ channel: 'C1', ts: '2.0' });
    expect(blocksOf(last)).toContain(GOOD);
    expect(blocksOf(last)).toContain(LLM_SUMMARY_NOTE);
  });

  it('(native stream refused) LLM failing (500): the rules answer stays, no chat.update, one log line', async () => {
    nock(LLM).post('/v1/chat/completions').twice().reply(500, { error: { message: 'down' } });
    const advisor = new FakeAdvisor();
    const lines: string[] = [];
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: `${LLM}/v1`, LLM_TIMEOUT_MS: '1500' }, log: (l) => lines.push(l) });
    const s = setup({ advisor, answerer, streamIntervalMs: 0 });
    noNativeStream(s); // chat.startStream refused: the answer is posted, then followed with chat.update
    await s.app.events.get('app_mention')!({ event: mention, client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(s.client.chat.update).not.toHaveBeenCalled();
    expect(lines.filter((l) => l.includes('rule-based'))).toEqual([expect.stringContaining('HTTP 500')]);
  });

  it('the local console answers through the answerer: the LLM summary shows there too', async () => {
    nock(LLM).post('/v1/chat/completions').reply(200, { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: GOOD }, finish_reason: 'stop' }] });
    const { createConsoleSession } = await import('../../src/console.ts');
    const advisor = new FakeAdvisor();
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: `${LLM}/v1`, LLM_TIMEOUT_MS: '1500' } });
    const out = await createConsoleSession(advisor, () => {}, answerer).handle('a shop with an admin');
    expect(out).toContain(GOOD);
    expect(out).toContain('Summary written by an LLM');
  });
});
