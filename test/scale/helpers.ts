/**
 * Several app instances on one database: each with its own DATA_DIR and port, all on one
 * PostgreSQL (a fresh database of the run's embedded server) and one local fake Slack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { AdvisorLike } from '../../src/slack/deps.ts';
import { memoryLogger } from '../../src/logger.ts';
import type { Store } from '../../src/store/index.ts';
import { openConfiguredStore } from '../../src/store/open.ts';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { sign } from '../e2e/helpers.ts';
import { startFakeSlack, type FakeSlack } from '../faults/fake-slack.ts';
import { freshDatabase } from '../pg.ts';

export const SECRET = 'scalesigningsecret0123456';
export const BOT_TOKEN = 'xoxb-scale-0000-secret';
export const CLIENT_ID = '1234.5678';
export const CLIENT_SECRET = 'scaleclientsecret0123456789';
export const STATE_SECRET = 'scale-state-secret-0123456789';

export interface Instance {
  base: string;
  store: Store;
  logger: ReturnType<typeof memoryLogger>;
  running: RunningApp;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startInstance(o: { advisor: AdvisorLike; databaseUrl: string; apiBase: string; oauth?: boolean; env?: Record<string, string> }): Promise<Instance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fa-inst-'));
  const env: Record<string, string> = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${o.apiBase}/api/`,
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: o.databaseUrl,
    ...(o.oauth ? { SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET } : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    ...o.env,
  };
  const config = loadConfig(env);
  const store = await openConfiguredStore(config);
  const logger = memoryLogger('debug');
  const running = await startApp({ config, advisor: o.advisor, store, logger });
  return {
    base: `http://127.0.0.1:${running.port}`,
    store,
    logger,
    running,
    dataDir,
    stop: async () => {
      await running.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST a signed body to an instance's /slack/events. */
export async function postTo(base: string, body: string, type: 'application/json' | 'application/x-www-form-urlencoded', o: { ts?: number; signature?: string } = {}): Promise<number> {
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': o.signature ?? sign(body, ts, SECRET) },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

/** An Events API envelope for `team`. */
export function envelope(event: Record<string, unknown>, eventId: string, team = 'T1', botUser = 'UBOT'): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: team,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: botUser, is_bot: true, is_enterprise_install: false }],
    event,
  });
}

/** Every secret of these tests, for log scans. */
export const SECRETS = [SECRET, BOT_TOKEN, CLIENT_SECRET, STATE_SECRET];

export interface InstancePair {
  fake: FakeSlack;
  a: Instance;
  b: Instance;
}

/**
 * Registers the hooks of a two-instance suite: per test, a local fake Slack and two instances on one
 * fresh database (`dbName` prefix); after it, both stopped and none of `SECRETS` (nor `moreSecrets`)
 * in either instance's log. The returned object holds the current test's fake and instances.
 */
export function twoInstancesPerTest(dbName: string, o: { oauth?: boolean; moreSecrets?: string[] } = {}): InstancePair {
  const pair = {} as InstancePair;
  let advisor: AdvisorLike;
  beforeAll(async () => {
    advisor = await loadAdvisor({ knowledgeDir: 'knowledge' });
  });
  beforeEach(async () => {
    pair.fake = await startFakeSlack();
    const databaseUrl = await freshDatabase(dbName);
    const opts = { advisor, databaseUrl, apiBase: pair.fake.base, ...(o.oauth ? { oauth: true } : {}) };
    pair.a = await startInstance(opts);
    pair.b = await startInstance(opts);
  });
  afterEach(async () => {
    await pair.a.stop();
    await pair.b.stop();
    await pair.fake.close();
    const lines = [...pair.a.logger.lines, ...pair.b.logger.lines].join('\n');
    for (const secret of [...SECRETS, ...(o.moreSecrets ?? [])]) expect(lines).not.toContain(secret);
  });
  return pair;
}
