/**
 * The manifest asks for exactly the scopes the code needs: the list is asserted, and it is also
 * derived from the code (every Web API method called under src/, every event subscribed, the slash
 * command). A new API call without a mapped scope, or a scope nothing uses, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/transport/oauth.ts';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; user_events?: string[] } };
  features: { slash_commands: unknown[] };
};

/** Bot scopes per Web API method (docs.slack.dev/reference/methods). `[]`: no scope needed. */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  // Reading a thread: public channels, private channels and DMs (the app answers in all three).
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  // Slack's changelog (2026-03-05): setStatus takes chat:write (assistant:write is being phased out for it).
  'assistant.threads.setStatus': ['chat:write'],
  // Still assistant:write only (docs.slack.dev/reference/methods/assistant.threads.setSuggestedPrompts).
  'assistant.threads.setSuggestedPrompts': ['assistant:write'],
  // Native streaming (client.chatStream wraps these three).
  'chat.startStream': ['chat:write'],
  'chat.appendStream': ['chat:write'],
  'chat.stopStream': ['chat:write'],
  chatStream: ['chat:write'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  'auth.test': [],
};

/** Bot scopes per event subscription. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  app_home_opened: [],
  // Multi-workspace installs: the workspace's data is deleted (no scope needed).
  app_uninstalled: [],
  tokens_revoked: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Web API methods the app calls: `client.chat.postMessage(`, `client.assistant.threads.setStatus(`, `client.chatStream(`, … */
function methodsCalled(): Set<string> {
  const found = new Set<string>();
  // src/llm/ holds the OpenAI client (`client.chat.completions.create`), not Slack's.
  for (const f of sourceFiles(path.join(root, 'src')).filter((f) => !f.includes(`${path.sep}llm${path.sep}`))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bclient\.([a-zA-Z]+(?:\.[a-zA-Z]+){0,2})\s*\(/g)) found.add(m[1]!);
  }
  return found;
}

describe('manifest scopes are minimal', () => {
  it('the bot scopes are exactly these, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'assistant:write', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
    expect(manifest.settings.event_subscriptions.user_events ?? []).toEqual([]);
    // OAuth installs ask for exactly these.
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('every scope is needed by a call, an event or the command, and every call is covered', () => {
    const called = methodsCalled();
    expect(called.size).toBeGreaterThan(3); // the scan is real
    const unmapped = [...called].filter((m) => !(m in METHOD_SCOPES));
    expect(unmapped, 'Web API methods with no known scope: add them to METHOD_SCOPES').toEqual([]);
    const needed = new Set<string>();
    for (const m of called) for (const s of METHOD_SCOPES[m]!) needed.add(s);
    for (const e of manifest.settings.event_subscriptions.bot_events) {
      expect(e in EVENT_SCOPES, `event ${e} not mapped`).toBe(true);
      for (const s of EVENT_SCOPES[e]!) needed.add(s);
    }
    if (manifest.features.slash_commands.length) needed.add('commands');
    expect([...needed].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
