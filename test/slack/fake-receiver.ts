/**
 * A Bolt-style fake receiver (after bolt-js's own test helpers): the real `App`, its real routing
 * (commands, events, action_id patterns, callback_ids, ack semantics) and the app's real listeners,
 * fed payloads in process. Web API calls and response_url POSTs go to a local fake Slack.
 */
import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { createAnswerer } from '../../src/answerer.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { AnswerCache, TtlSet } from '../../src/slack/conversation/answer-cache.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { startFakeSlack, type FakeSlack } from '../faults/fake-slack.ts';
import { FakeAdvisor } from './fixtures.ts';

export class FakeReceiver implements Receiver {
  private app: App | undefined;
  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  /** Deliver one payload as Slack would; resolves after the listener finished, with what was acked. */
  async send(body: Record<string, unknown>, extra: Partial<ReceiverEvent> = {}): Promise<{ acked: unknown[] }> {
    if (!this.app) throw new Error('receiver not initialised');
    const acked: unknown[] = [];
    await this.app.processEvent({ body, ack: async (r?: unknown) => void acked.push(r ?? null), ...extra });
    return { acked };
  }
}

export async function boltWithFakeReceiver(): Promise<{ app: App; receiver: FakeReceiver; fake: FakeSlack; advisor: FakeAdvisor; deps: SlackDeps; close(): Promise<void> }> {
  const fake = await startFakeSlack();
  const receiver = new FakeReceiver();
  const logger = memoryLogger('warn');
  const app = new App({
    token: 'xoxb-test',
    botId: 'BBOT',
    botUserId: 'UBOT',
    receiver,
    logger,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: `${fake.base}/api/`, retryConfig: { retries: 0 } },
  });
  const advisor = new FakeAdvisor();
  const deps: SlackDeps = {
    advisor,
    answerer: createAnswerer({ advisor, summariser: null }),
    store: new SqliteStore(':memory:'),
    logger,
    clock: () => new Date('2025-06-01T12:00:00Z'),
    cache: new AnswerCache(50),
    seen: new TtlSet(60_000),
    random: Math.random,
  };
  registerListeners(app, deps);
  return { app, receiver, fake, advisor, deps, close: () => fake.close() };
}
