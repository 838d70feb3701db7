/** DATABASE_URL and the OAuth variables: what selects what, and what is refused (names, never values). */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { redactSecrets } from '../../src/errors.ts';

const OAUTH = { SLACK_SIGNING_SECRET: 'abcdef0123456789', SLACK_CLIENT_ID: '1234.5678', SLACK_CLIENT_SECRET: 'clientsecret0123456789', SLACK_STATE_SECRET: 'statesecret-0123456789' };

describe('configuration for scale-out', () => {
  it('DATABASE_URL selects PostgreSQL; SQLite stays the default', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/advisor', DATABASE_POOL_MAX: '4' })).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/advisor', databasePoolMax: 4 });
    const bad = (() => {
      try {
        loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(bad).toContain('DATABASE_URL');
    expect(bad).not.toContain('hunter2');
  });

  it('OAuth: HTTP mode without a bot token; all three variables, no bot or app token', () => {
    const c = loadConfig(OAUTH);
    expect(c.mode).toBe('http');
    expect(c.slack.botToken).toBeUndefined();
    expect(c.slack.oauth).toEqual({ clientId: '1234.5678', clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(problems({ ...OAUTH, SLACK_STATE_SECRET: '' })).toContain('SLACK_STATE_SECRET: required for OAuth');
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1-2' })).toContain('SLACK_BOT_TOKEN: must be unset');
    expect(problems({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1-2', SLACK_BOT_TOKEN: '' })).toContain('Socket Mode is for a single workspace');
    const all = problems({ ...OAUTH, SLACK_CLIENT_SECRET: 'short' });
    expect(all).toContain('SLACK_CLIENT_SECRET');
    expect(all).not.toContain(OAUTH.SLACK_STATE_SECRET);
    // Single-workspace HTTP mode is as it was.
    expect(problems({ SLACK_SIGNING_SECRET: 'abcdef0123456789' })).toContain('SLACK_BOT_TOKEN: required in HTTP mode');
  });

  it('logs never carry a database password, a client secret or a refresh token', () => {
    expect(redactSecrets('connect postgres://advisor:s3cret@db:5432/x failed')).toBe('connect postgres://advisor:[redacted]@db:5432/x failed');
    expect(redactSecrets('{"client_secret":"abc123","refresh_token":"xoxe-1-zzz"}')).not.toMatch(/abc123|zzz/);
    expect(redactSecrets('client_secret=abc123&code=x')).toBe('client_secret=[redacted]&code=x');
  });
});
