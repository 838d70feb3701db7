import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ENV_VARS, loadConfig } from '../src/config.ts';
import { isAdvisorError } from '../src/errors.ts';

describe('config', () => {
  it('.env.example documents every variable', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const v of ENV_VARS) expect(example).toMatch(new RegExp(`^${v}=`, 'm'));
    expect(() => loadConfig(Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]])))).not.toThrow();
  });

  it('selects the mode and applies defaults', () => {
    expect(loadConfig({}).mode).toBe('console');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc12345', PORT: '0', SLACK_API_URL: 'http://127.0.0.1:9/api', OPENAI_MODEL: '', LLM_USER_LIMIT: '5' });
    expect(c).toMatchObject({ mode: 'http', port: 0, dataDir: './data', logLevel: 'info', slack: { apiUrl: 'http://127.0.0.1:9/api/' }, llm: { userLimit: 5 } });
    expect(c.llm).toMatchObject({ enabled: false, model: 'gpt-4o-mini' });
  });
  it('gives clear messages without echoing secret values', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value', PORT: '99999', LOG_LEVEL: 'chatty' });
      expect.unreachable();
    } catch (e) {
      expect(isAdvisorError(e, 'CONFIG_INVALID')).toBe(true);
      const msg = (e as Error).message;
      expect(msg).toContain('SLACK_BOT_TOKEN');
      expect(msg).toContain('PORT: must be at most 65535');
      expect(msg).toContain('LOG_LEVEL');
      expect(msg).not.toContain('secret-value');
    }
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'abc12345' })).toThrow(/SLACK_BOT_TOKEN: required in HTTP mode/);
  });
});
