/** The real app in HTTP mode on 127.0.0.1 against the local fake Slack, for the hardening tests. */
import { createHmac } from 'node:crypto';
import { startApp, type AppDeps, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadAdvisor } from '../../src/core/index.ts';
import type { AdvisorLike } from '../../src/slack/deps.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SqliteStore, type Store } from '../../src/store/index.ts';
import { startFakeSlack, type FakeSlack } from '../faults/fake-slack.ts';

export const SECRET = 'hardeningsecret000000000';
export const TOKEN = 'xoxb-hardening-0000-secret';

let advisor: AdvisorLike | undefined;

export function sign(body: string, ts: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export const form = (f: Record<string, string>) => new URLSearchParams(f).toString();

export interface Harness {
  fake: FakeSlack;
  running: RunningApp;
  base: string;
  store: Store;
  logger: ReturnType<typeof memoryLogger>;
  post(body: string, type: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  slash(text: string, hook: string, over?: Record<string, string>): Promise<{ status: number; text: string }>;
  click(o: { actionId: string; value: string; hook: string; user?: string; channel?: string; team?: string; ephemeral?: boolean }): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

export async function startHarness(o: { store?: Store; env?: Record<string, string>; deps?: Partial<AppDeps> } = {}): Promise<Harness> {
  advisor ??= await loadAdvisor({ knowledgeDir: 'knowledge' });
  const fake = await startFakeSlack();
  const store = o.store ?? new SqliteStore(':memory:');
  const logger = memoryLogger('debug');
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.base}/api/`, PORT: '0', ...o.env });
  const running = await startApp({ config, advisor, store, logger, slackTimeoutMs: 1000, ...o.deps });
  const base = `http://127.0.0.1:${running.port}`;
  const post = async (body: string, type: string, headers: Record<string, string> = {}) => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts), ...headers }, body });
    return { status: res.status, text: await res.text() };
  };
  return {
    fake,
    running,
    base,
    store,
    logger,
    post,
    slash: (text, hook, over = {}) =>
      post(
        form({ token: 'x', team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/framework', text, api_app_id: 'A1', response_url: `${fake.base}/r/${hook}`, trigger_id: '1.2.x', ...over }),
        'application/x-www-form-urlencoded',
      ),
    click: (c) =>
      post(
        form({
          payload: JSON.stringify({
            type: 'block_actions',
            team: { id: c.team ?? 'T1' },
            user: { id: c.user ?? 'U1' },
            api_app_id: 'A1',
            container: { type: 'message', is_ephemeral: c.ephemeral ?? true },
            trigger_id: '1.2.3',
            channel: { id: c.channel ?? 'C1' },
            response_url: `${fake.base}/r/${c.hook}`,
            actions: [{ type: 'button', action_id: c.actionId, block_id: 'answer_actions', value: c.value, action_ts: '1.3' }],
          }),
        }),
        'application/x-www-form-urlencoded',
      ),
    stop: async () => {
      await running.stop();
      store.close();
      await fake.close();
    },
  };
}

/** The blocks of the last response_url POST to `hook`. */
export function lastPosted(fake: FakeSlack, hook: string): { text?: string; blocks?: { block_id?: string; elements?: { action_id?: string; value?: string }[] }[] } {
  const c = fake.callsTo(`r/${hook}`).at(-1);
  if (!c) throw new Error(`nothing posted to r/${hook}`);
  return c.body as never;
}

/** The value of button `actionId` in a posted message. */
export function buttonValue(msg: ReturnType<typeof lastPosted>, actionId: string): string {
  for (const b of msg.blocks ?? []) for (const e of b.elements ?? []) if (e.action_id === actionId && e.value) return e.value;
  throw new Error(`no ${actionId} button`);
}
