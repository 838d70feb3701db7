/**
 * Faults, against the real app (HTTP mode, ephemeral port) with a local fake Slack and LLM:
 * the Web API answering 429 with Retry-After, 500, or hanging; response_url failing or hanging;
 * the LLM answering 500 or hanging; the feedback store failing. In every case the app keeps
 * serving (the next request is answered), the user is told where a reply could not go, nothing
 * crashes (no unhandled rejection), and a feedback write is retried, then reported, never dropped.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answerer.ts';
import { startApp, type AppDeps, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor, type Advisor } from '../../src/core/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { ActionId } from '../../src/slack/ui/ids.ts';
import { SqliteStore, type FeedbackInput } from '../../src/store/index.ts';
import { buttonClick, eventCallback, sign, slashCommand } from '../e2e/helpers.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';

const SECRET = 'faultssigningsecret01234';
const TOKEN = 'xoxb-faults-0000';
const Q = 'We are building an online shop with an admin back office and a team of juniors';

/** A store whose feedback writes fail the next `failures` times. */
class FlakyStore extends SqliteStore {
  failures = 0;
  attempts = 0;
  constructor() {
    super(':memory:');
  }
  override async recordFeedback(f: FeedbackInput): Promise<void> {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('SQLITE_BUSY: database is locked');
    }
    return super.recordFeedback(f);
  }
}

let advisor: Advisor;
let fake: FakeSlack;
let running: RunningApp | undefined;
let store: FlakyStore;
let logger: ReturnType<typeof memoryLogger>;
let base: string;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  advisor = await loadAdvisor({ knowledgeDir: 'knowledge' });
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

async function start(extra: Partial<AppDeps> = {}): Promise<void> {
  fake = await startFakeSlack();
  store = new FlakyStore();
  logger = memoryLogger('debug');
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.base}/api/`, PORT: '0' });
  // A short deadline per Slack call keeps the hanging cases quick (default 10 s).
  running = await startApp({ config, advisor, store, logger, slackTimeoutMs: 400, ...extra });
  base = `http://127.0.0.1:${running.port}`;
}

beforeEach(() => {
  unhandled.length = 0;
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
  store.close();
  await fake.close();
  expect(unhandled).toEqual([]);
  expect(logger.lines.join('\n')).not.toContain(TOKEN);
});

async function post(body: string, type: 'application/json' | 'application/x-www-form-urlencoded'): Promise<{ status: number; ms: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const t0 = performance.now();
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) }, body });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

const slash = (text: string, hook: string, over: Record<string, string> = {}) => post(slashCommand(text, `${fake.base}/r/${hook}`, over), 'application/x-www-form-urlencoded');
const mention = (id: string, ts: string, channel = 'C2') =>
  post(eventCallback({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${Q}`, channel, ts, event_ts: ts }, id), 'application/json');
const click = (actionId: string, value: unknown, hook: string, channel = 'C1') =>
  post(buttonClick({ actionId, value, responseUrl: `${fake.base}/r/${hook}`, user: 'U7', channel }), 'application/x-www-form-urlencoded');

/** Ask `question` through /framework as `user` and return the answer's key (from its Share button). */
async function keyFor(question: string, user = 'U7'): Promise<string> {
  const hook = `key-${Math.random().toString(36).slice(2)}`;
  await slash(question, hook, { user_id: user });
  await fake.waitFor(() => fake.callsTo(`r/${hook}`).length > 0, 5000, 'the answer to take a key from');
  const blocks = (fake.callsTo(`r/${hook}`)[0]!.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[];
  const v = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ActionId.share)!.value!;
  return (JSON.parse(v) as { k: string }).k;
}

/** The app still serves: a fresh /framework gets its answer through a working response_url. */
async function expectStillServing(hook = `ok-${Math.random().toString(36).slice(2)}`): Promise<void> {
  const r = await slash('Django or Flask for a small JSON API?', hook);
  expect(r.status).toBe(200);
  await fake.waitFor(() => fake.callsTo(`r/${hook}`).length === 1, 5000, 'the next answer');
  expect(JSON.stringify(fake.callsTo(`r/${hook}`)[0]?.body)).toContain('header');
}

const dmsTo = (user: string) => fake.callsTo(`chat.postMessage#${user}`);
const refIn = (text: string) => /ERR-[0-9A-Z]+/.exec(text)?.[0];

describe('Web API faults', () => {
  it('429 with Retry-After: the answer waits as told, then goes out; acks stay fast', async () => {
    await start();
    fake.on('chat.postMessage#C2', [{ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }, {}]);
    const r = await mention('Ev429', '500.1');
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(1000);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C2').length === 2, 8000, 'the retried post');
    const [first, second] = fake.callsTo('chat.postMessage#C2');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.body.thread_ts).toBe('500.1');
    expect(dmsTo('U1')).toHaveLength(0);
    await expectStillServing();
  });

  it('500: a bounded number of retries, then the user is told by DM where the answer could not go (with the answer)', async () => {
    await start();
    fake.on('chat.postMessage#C2', { status: 500, body: 'upstream error' });
    expect((await mention('Ev500', '501.1')).status).toBe(200);
    await fake.waitFor(() => dmsTo('U1').length === 1, 10_000, 'the DM');
    expect(fake.callsTo('chat.postMessage#C2')).toHaveLength(3); // 1 + 2 retries, not 10 over 30 minutes
    const dm = dmsTo('U1')[0]!.body;
    expect(String(dm.text)).toContain('I could not post my answer in <#C2>');
    const ref = refIn(String(dm.text));
    expect(ref).toBeDefined();
    expect(logger.lines.some((l) => l.includes(ref!) && l.includes('ERROR'))).toBe(true);
    expect(String(dm.blocks)).toContain('header'); // the answer itself follows the note
    await expectStillServing();
  });

  it('a hung Web API call is abandoned at its deadline; the user is told by DM; later calls still work', async () => {
    await start();
    fake.on('chat.postMessage#C2', { hang: true });
    expect((await mention('EvHang', '502.1')).status).toBe(200);
    await fake.waitFor(() => dmsTo('U1').length === 1, 10_000, 'the DM after the deadline');
    expect(String(dmsTo('U1')[0]!.body.text)).toContain('I could not post my answer in <#C2>');
    // The next mention in a healthy channel is answered.
    expect((await mention('EvOk', '503.1', 'C9')).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C9').length === 1, 5000, 'the next answer');
    await expectStillServing();
  });

  it('Share when chat.postMessage keeps failing: the user hears it through response_url', async () => {
    await start();
    fake.on('chat.postMessage#C1', { status: 500 });
    expect((await click(ActionId.share, { q: Q, k: await keyFor(Q) }, 'share1')).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/share1').length === 1, 10_000, 'the failure notice');
    expect(JSON.stringify(fake.callsTo('r/share1')[0]!.body)).toContain('could not share that in the channel');
    await expectStillServing();
  });
});

describe('response_url faults', () => {
  it('response_url answering 500: the user is told by DM (with a reference also in the log)', async () => {
    await start();
    fake.on('r/broken', { status: 500 });
    expect((await slash(Q, 'broken')).status).toBe(200);
    await fake.waitFor(() => dmsTo('U1').length === 1, 8000, 'the DM');
    const text = String(dmsTo('U1')[0]!.body.text);
    expect(text).toContain('I could not reply to your `/framework` command in <#C1>');
    const ref = refIn(text);
    expect(logger.lines.filter((l) => l.includes(ref!))).not.toHaveLength(0);
    await expectStillServing();
  });

  it('response_url hanging: abandoned at the deadline, the user is told by DM', async () => {
    await start();
    fake.on('r/hung', { hang: true });
    expect((await slash(Q, 'hung')).status).toBe(200);
    await fake.waitFor(() => dmsTo('U1').length === 1, 8000, 'the DM');
    await expectStillServing();
  });

  it('response_url gone (404) on a button: the reply goes to the user by DM', async () => {
    await start();
    fake.on('r/gone', { status: 404 });
    expect((await click(ActionId.share, { q: Q, k: await keyFor(Q) }, 'gone', 'C1')).status).toBe(200);
    await fake.waitFor(() => dmsTo('U7').length === 1, 8000, 'the DM');
    expect(String(dmsTo('U7')[0]!.body.text)).toContain('I could not confirm the share in <#C1>');
    expect(fake.callsTo('chat.postMessage#C1')).toHaveLength(1); // the decision record itself went out
    await expectStillServing();
  });
});

describe('feedback writes are never lost silently', () => {
  const vote = { q: 'a CMS with an admin?', v: 'django', c: 0.4, i: 'recommend' };

  it('a failing write is retried, and saved', async () => {
    await start();
    store.failures = 1;
    expect((await click(ActionId.feedbackUp, { ...vote, k: await keyFor(vote.q) }, 'fb1')).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/fb1').length === 1, 5000, 'thanks');
    expect(JSON.stringify(fake.callsTo('r/fb1')[0]!.body)).toContain('Thanks');
    expect(store.attempts).toBe(2);
    expect((await store.feedbackSummary()).total).toBe(1);
    expect(logger.lines.some((l) => l.includes('retrying the feedback write'))).toBe(true);
  });

  it('a write that keeps failing is reported to the user and logged with a reference', async () => {
    await start();
    store.failures = 5;
    const k = await keyFor(vote.q);
    await click(ActionId.feedbackDown, { ...vote, k }, 'fb2');
    await fake.waitFor(() => fake.callsTo('r/fb2').length === 1, 5000, 'the failure notice');
    const body = JSON.stringify(fake.callsTo('r/fb2')[0]!.body);
    expect(body).toContain('could not save your feedback');
    const ref = refIn(body);
    expect(logger.lines.some((l) => l.includes(ref!) && l.includes('NOT SAVED'))).toBe(true);
    expect((await store.feedbackSummary()).total).toBe(0);
    // Once the store recovers, the next vote is saved.
    store.failures = 0;
    await click(ActionId.feedbackDown, { ...vote, k }, 'fb3');
    await fake.waitFor(() => fake.callsTo('r/fb3').length === 1, 5000, 'thanks');
    expect((await store.feedbackSummary()).total).toBe(1);
  });

  it('store and response_url both failing: the user still hears it, by DM', async () => {
    await start();
    store.failures = 5;
    fake.on('r/fb4', { status: 500 });
    await click(ActionId.feedbackUp, { ...vote, k: await keyFor(vote.q) }, 'fb4');
    await fake.waitFor(() => dmsTo('U7').length === 1, 8000, 'the DM');
    expect(String(dmsTo('U7')[0]!.body.text)).toContain('I could not save your feedback');
    await expectStillServing();
  });
});

describe('LLM faults', () => {
  const llmApp = async (timeoutMs: number) => {
    const lines: string[] = [];
    await start();
    const answerer = createAnswerer({
      advisor,
      env: { OPENAI_BASE_URL: `${fake.base}/v1`, OPENAI_API_KEY: 'sk-faults-0123456789abcdef', LLM_TIMEOUT_MS: String(timeoutMs) },
      log: (l) => lines.push(l),
    });
    // Restart the app with the LLM-backed answerer, against the same fake.
    await running?.stop();
    const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.base}/api/`, PORT: '0' });
    running = await startApp({ config, advisor, answerer, store, logger, slackTimeoutMs: 400, streamIntervalMs: 50 });
    base = `http://127.0.0.1:${running.port}`;
    return lines;
  };

  for (const [name, behaviour] of [
    ['answering 500', { status: 500, body: { error: { message: 'internal error' } } }],
    ['hanging past its deadline', { hang: true }],
    ['answering 429', { status: 429, headers: { 'retry-after': '30' }, body: { error: { message: 'rate limited' } } }],
  ] as const) {
    it(`LLM ${name}: the rules' answer is delivered, nothing else breaks`, async () => {
      const llmLog = await llmApp(600);
      fake.on('llm', behaviour);
      expect((await slash(Q, 'llm1')).status).toBe(200);
      await fake.waitFor(() => fake.callsTo('r/llm1').length >= 1, 5000, "the rules' answer");
      await fake.waitFor(() => llmLog.some((l) => l.includes('using the rule-based summary')), 5000, 'the fallback');
      expect(fake.callsTo('llm').length).toBeGreaterThanOrEqual(1);
      const first = JSON.stringify(fake.callsTo('r/llm1')[0]!.body);
      expect(first).toContain('header');
      await new Promise((r) => setTimeout(r, 200));
      // No error message replaced the answer.
      for (const c of fake.callsTo('r/llm1')) expect(JSON.stringify(c.body)).not.toContain('went wrong');
      // A mention is answered too, and the key never reaches a log line.
      expect((await mention(`EvL${name.length}`, '600.1', 'C5')).status).toBe(200);
      // With an LLM the mention is streamed natively: started with the rules' answer, stopped with its blocks.
      await fake.waitFor(() => fake.callsTo('chat.startStream#C5').length === 1 && fake.callsTo('chat.stopStream#C5').length === 1, 5000, 'the mention answer');
      expect([...llmLog, ...logger.lines].join('\n')).not.toContain('sk-faults-0123456789abcdef');
      await expectStillServing();
    });
  }
});
