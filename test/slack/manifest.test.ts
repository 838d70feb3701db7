import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLASH_COMMAND } from '../../src/slack/ui/ids.ts';
import { SUGGESTED_PROMPTS } from '../../src/slack/ui/agent.ts';
import { SHARED_DIR } from '../shared-dir.ts';

const schemaDir = path.join(SHARED_DIR, 'slack/manifest-schema');
const readJson = (f: string) => JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')) as Record<string, unknown>;
const manifest = parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function validator() {
  const root = readJson('manifest.schema.json');
  expect(root.$schema).toBe('http://json-schema.org/draft-07/schema#');
  // The root schema references the versioned files by their published URLs; register the local copies under those ids.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s));
  for (const v of ['1.0.0', '2.0.0']) {
    ajv.addSchema(readJson(`manifest.schema.${v}.json`), `https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.${v}.json`);
  }
  return ajv.compile(root);
}

describe('manifest.yml', () => {
  it('validates against the Slack manifest schema', () => {
    const validate = validator();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is real: a broken manifest fails', () => {
    const validate = validator();
    expect(validate({ ...manifest, display_information: { name: 'x'.repeat(40) } })).toBe(false);
    expect(validate({ ...manifest, settings: { ...manifest.settings, interactivity: {} } })).toBe(false);
  });

  it('declares what the app uses, and no more', () => {
    expect(manifest.display_information.name).toBe('Framework Advisor');
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    const cmd = manifest.features.slash_commands[0];
    expect(cmd.command).toBe(SLASH_COMMAND);
    expect(cmd.usage_hint).toBeTruthy();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'message.channels', 'message.groups', 'message.im', 'tokens_revoked']);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'assistant:write', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
  });

  it('declares the agent view with the same suggested prompts the Messages tab gets', () => {
    const av = manifest.features.agent_view;
    expect(av.agent_description.length).toBeGreaterThan(20);
    expect(av.agent_description.length).toBeLessThanOrEqual(300);
    expect(av.suggested_prompts).toEqual(SUGGESTED_PROMPTS.map((p) => ({ ...p })));
    expect(av.suggested_prompts.length).toBeLessThanOrEqual(4);
  });
});
