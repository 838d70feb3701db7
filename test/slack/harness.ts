/** A fake Bolt app that records listeners, and fake Slack clients: listener tests without Slack. */
import { vi } from 'vitest';
import type { App } from '@slack/bolt';
import { SqliteStore, type Store } from '../../src/store/index.ts';
import { AnswerCache, SharedSeen } from '../../src/slack/conversation/answer-cache.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { createAnswerer, type Answerer } from '../../src/answerer.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { FakeAdvisor } from './fixtures.ts';

type Handler = (args: Record<string, unknown>) => Promise<void>;

export class FakeApp {
  commands = new Map<string, Handler>();
  events = new Map<string, Handler>();
  actions: { id: string | RegExp; fn: Handler }[] = [];
  views = new Map<string, Handler>();
  command(name: string, fn: Handler) {
    this.commands.set(name, fn);
  }
  /** Like Bolt, several listeners may take one event: they all run. */
  event(name: string, fn: Handler) {
    const prev = this.events.get(name);
    this.events.set(name, prev ? async (args) => void (await Promise.all([prev(args), fn(args)])) : fn);
  }
  action(id: string | RegExp, fn: Handler) {
    this.actions.push({ id, fn });
  }
  view(id: string, fn: Handler) {
    this.views.set(id, fn);
  }
  actionHandler(actionId: string): Handler {
    const h = this.actions.find((a) => (typeof a.id === 'string' ? a.id === actionId : a.id.test(actionId)));
    if (!h) throw new Error(`no handler for ${actionId}`);
    return h.fn;
  }
}

export function fakeClient() {
  return {
    chat: {
      postMessage: vi.fn(async (a: Record<string, unknown>) => ({ ok: true, ts: '2.0', channel: String(a.channel).startsWith('U') ? 'D9' : a.channel })),
      update: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true, ts: '2.0' })),
      startStream: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true, ts: '3.0' })),
      appendStream: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })),
      stopStream: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })),
    },
    assistant: {
      threads: {
        setStatus: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })),
        setSuggestedPrompts: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })),
      },
    },
    views: { open: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })), publish: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })) },
    reactions: { add: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })), remove: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true })) },
    conversations: { replies: vi.fn(async (_a: Record<string, unknown>) => ({ ok: true, messages: [] as Record<string, unknown>[] })) },
  };
}

export function setup(opts: { store?: Store; advisor?: FakeAdvisor; answerer?: Answerer; streamIntervalMs?: number } = {}) {
  const app = new FakeApp();
  const advisor = opts.advisor ?? new FakeAdvisor();
  const store = opts.store ?? new SqliteStore(':memory:');
  const logger = memoryLogger();
  let r = 0;
  const deps: SlackDeps = {
    advisor,
    // Rules only unless a test brings its own (a fake, or a real one with a nock'd LLM).
    answerer: opts.answerer ?? createAnswerer({ advisor, summariser: null }),
    ...(opts.streamIntervalMs !== undefined ? { streamIntervalMs: opts.streamIntervalMs } : {}),
    store,
    logger,
    clock: () => new Date('2025-06-01T12:00:00Z'),
    cache: new AnswerCache(50),
    seen: new SharedSeen(undefined, 60_000),
    random: () => (r = (r + 0.123456) % 1),
  };
  registerListeners(app as unknown as App, deps);
  const client = fakeClient();
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async (_m: Record<string, unknown>) => {});
  return { app, advisor, store, logger, deps, client, ack, respond };
}

export const BOT = { botUserId: 'UBOT', botId: 'BBOT' };
