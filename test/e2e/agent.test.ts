/**
 * Slack's agent surface and the answer's controls, end to end: the real app in HTTP mode on an
 * ephemeral port, signed requests, a local fake Web API (test/faults/fake-slack.ts) recording every
 * call. Suggested prompts on the Messages tab, the App Home tab unchanged, Sources & details opening
 * a modal, feedback_buttons storing a vote.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppDeps, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor, type Advisor } from '../../src/core/index.ts';
import { SUGGESTED_PROMPTS } from '../../src/slack/ui/agent.ts';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ui/ids.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { startFakeSlack, type FakeSlack } from '../faults/fake-slack.ts';
import { eventCallback, form, sign, slashCommand } from './helpers.ts';

const SECRET = 'agentsigningsecret0123456';
const TOKEN = 'xoxb-agent-0000';

let advisor: Advisor;
let fake: FakeSlack;
let running: RunningApp | undefined;
let store: SqliteStore;
let base: string;

beforeAll(async () => {
  advisor = await loadAdvisor({ knowledgeDir: 'knowledge' });
});

export async function startAgentApp(extra: Partial<AppDeps> = {}, env: Record<string, string> = {}): Promise<void> {
  fake = await startFakeSlack();
  store = new SqliteStore(':memory:');
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.base}/api/`, PORT: '0', ...env });
  running = await startApp({ config, advisor, store, logger: memoryLogger('debug'), slackTimeoutMs: 1000, ...extra });
  base = `http://127.0.0.1:${running.port}`;
}

afterEach(async () => {
  await running?.stop();
  running = undefined;
  store.close();
  await fake.close();
});

async function post(body: string, type: 'application/json' | 'application/x-www-form-urlencoded'): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) }, body });
  await res.arrayBuffer();
  return res.status;
}

function click(action: Record<string, unknown>, hook: string): Promise<number> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: 'U7' },
    api_app_id: 'A1',
    container: { type: 'message', is_ephemeral: true },
    trigger_id: '1.2.3',
    channel: { id: 'C1' },
    response_url: `${fake.base}/r/${hook}`,
    actions: [{ action_ts: '1.3', ...action }],
  };
  return post(form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');
}

type Blocks = { type: string; block_id?: string; elements?: Record<string, unknown>[] }[];

/** Ask through the slash command; returns the answer's blocks as the response_url got them. */
async function askPrivately(q: string, hook: string): Promise<Blocks> {
  expect(await post(slashCommand(q, `${fake.base}/r/${hook}`), 'application/x-www-form-urlencoded')).toBe(200);
  await fake.waitFor(() => fake.callsTo(`r/${hook}`).length === 1, 5000, 'the answer');
  return fake.callsTo(`r/${hook}`)[0]!.body.blocks as Blocks;
}

describe('agent surface', () => {
  it('opening the Messages tab pins the suggested prompts (no thread_ts under agent_view)', async () => {
    await startAgentApp();
    expect(await post(eventCallback({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages', event_ts: '1.0' }, 'EvMsgTab'), 'application/json')).toBe(200);
    await fake.waitFor(() => fake.callsTo('assistant.threads.setSuggestedPrompts').length === 1, 3000, 'the suggested prompts');
    const body = fake.callsTo('assistant.threads.setSuggestedPrompts')[0]!.body;
    expect(body.channel_id).toBe('D1');
    expect(body.thread_ts).toBeUndefined();
    const prompts = typeof body.prompts === 'string' ? JSON.parse(body.prompts) : body.prompts;
    expect(prompts).toEqual(SUGGESTED_PROMPTS);
    expect(fake.callsTo('views.publish')).toHaveLength(0);
  });

  it('the Home tab still publishes App Home, and sets no prompts', async () => {
    await startAgentApp();
    await post(eventCallback({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.0' }, 'EvHomeTab'), 'application/json');
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1, 3000, 'App Home');
    expect(fake.callsTo('assistant.threads.setSuggestedPrompts')).toHaveLength(0);
  });
});

describe('status while answering, and DMs in their thread', () => {
  it('a mention shows "is thinking…" with loading messages within 1 s, before the answer in the thread', async () => {
    await startAgentApp();
    const t0 = Date.now();
    await post(eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> online shop with a back office, team of four juniors', channel: 'C1', ts: '70.1', event_ts: '70.1' }, 'EvStatus1'), 'application/json');
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C1').length === 1, 5000, 'the answer');
    const status = fake.callsTo('assistant.threads.setStatus')[0]!;
    expect(status.at - t0).toBeLessThan(1000);
    expect(status.body).toMatchObject({ channel_id: 'C1', thread_ts: '70.1', status: 'is thinking…' });
    expect(String(status.body.loading_messages)).toContain('Weighing Django against Flask');
    expect(status.at).toBeLessThanOrEqual(fake.callsTo('chat.postMessage#C1')[0]!.at);
    expect(fake.callsTo('chat.postMessage#C1')[0]!.body.thread_ts).toBe('70.1');
  });

  it('a DM shows the status within 1 s and is answered in its thread (no reaction)', async () => {
    await startAgentApp();
    const t0 = Date.now();
    await post(eventCallback({ type: 'message', channel_type: 'im', user: 'U1', text: 'Django or Flask for a small JSON API?', channel: 'D1', ts: '80.1', event_ts: '80.1' }, 'EvStatus2'), 'application/json');
    await fake.waitFor(() => fake.callsTo('chat.postMessage#D1').length === 1, 5000, 'the DM answer');
    const status = fake.callsTo('assistant.threads.setStatus')[0]!;
    expect(status.at - t0).toBeLessThan(1000);
    expect(status.body).toMatchObject({ channel_id: 'D1', thread_ts: '80.1' });
    expect(fake.callsTo('chat.postMessage#D1')[0]!.body.thread_ts).toBe('80.1');
    expect(fake.callsTo('reactions.add')).toHaveLength(0);
  });
});

describe('answer controls', () => {
  it('Sources & details opens a modal with every passage and disagreement', async () => {
    await startAgentApp();
    const blocks = await askPrivately('online shop with a back office, team of four juniors', 'ans1');
    const details = blocks.find((b) => b.block_id === BlockId.answerActions)!.elements!.find((e) => e.action_id === ActionId.details)!;
    expect(await click({ type: 'button', block_id: BlockId.answerActions, action_id: ActionId.details, value: details.value }, 'det1')).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1, 3000, 'the details modal');
    const raw = fake.callsTo('views.open')[0]!.body.view;
    const view = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { callback_id: string; blocks: unknown[] };
    expect(view.callback_id).toBe(CallbackId.details);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*[4]*');
    expect(text).toContain('Sources disagree: Is Flask or Django the better choice for inexperienced developers?');
    expect(text).toContain('Why not Flask?');
  });

  it('feedback_buttons: a vote is stored with the answer its key points at, the value stays small', async () => {
    await startAgentApp();
    const blocks = await askPrivately('online shop with a back office, team of four juniors', 'ans2');
    const fb = blocks.at(-1)!;
    expect(fb.type).toBe('context_actions');
    const el = fb.elements![0] as { action_id: string; negative_button: { value: string } };
    expect(el.negative_button.value.length).toBeLessThan(80);
    expect(await click({ type: 'feedback_buttons', block_id: BlockId.feedback, action_id: el.action_id, value: el.negative_button.value }, 'fb1')).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/fb1').length === 1, 3000, 'the thanks');
    const summary = await store.feedbackSummary();
    expect(summary.total).toBe(1);
    expect(summary.unhelpful[0]).toMatchObject({ question: 'online shop with a back office, team of four juniors', verdict: 'django', intent: 'recommend', helpful: false, userId: 'U7' });
  });
});
