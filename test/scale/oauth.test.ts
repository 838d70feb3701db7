/**
 * Multi-workspace installs across two instances on one PostgreSQL: an install through one, the
 * new workspace's events answered by the other with that workspace's token; uninstall deletes the
 * workspace's data; with token rotation, one refresh for two instances.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/transport/oauth.ts';
import type { FakeSlack } from '../faults/fake-slack.ts';
import { CLIENT_ID, CLIENT_SECRET, envelope, postTo, twoInstancesPerTest, type Instance } from './helpers.ts';

const Q = 'We are building an online shop with an admin back office and a team of juniors';

let fake: FakeSlack;
let a: Instance;
let b: Instance;

const pair = twoInstancesPerTest('oauth', { oauth: true, moreSecrets: ['xoxb-T2-secret', 'xoxe-1-refresh', 'xoxb-T3-new'] });
beforeEach(() => {
  ({ fake, a, b } = pair);
});


const granted = (team: string, token: string, extra: Record<string, unknown> = {}) => ({
  ok: true,
  app_id: 'A1',
  authed_user: { id: 'UADMIN' },
  scope: BOT_SCOPES.join(','),
  token_type: 'bot',
  access_token: token,
  bot_user_id: `UBOT${team}`,
  team: { id: team, name: `Team ${team}` },
  enterprise: null,
  is_enterprise_install: false,
  ...extra,
});

async function install(via: Instance, back: Instance, team: string, token: string): Promise<Response> {
  const start = await fetch(`${via.base}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(`${fake.base}/oauth/v2/authorize`);
  expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(location.searchParams.get('scope')?.split(',').sort()).toEqual([...BOT_SCOPES].sort());
  const state = location.searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  fake.on('oauth.v2.access', { body: granted(team, token) });
  fake.on('auth.test', { body: { ok: true, user_id: `UBOT${team}`, bot_id: `BBOT${team}`, team_id: team } });
  return fetch(`${back.base}/slack/oauth_redirect?code=c0de-${team}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
}

const mention = (team: string, id: string, ts: string, channel = 'C2') =>
  envelope({ type: 'app_mention', user: 'U1', text: `<@UBOT${team}> ${Q}`, channel, ts, event_ts: ts }, id, team, `UBOT${team}`);

describe('OAuth across two instances', () => {
  it('installed through one instance, the new workspace is answered by the other with its own token', async () => {
    const done = await install(a, b, 'T2', 'xoxb-T2-secret');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('installed');
    const exchange = fake.callsTo('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0]?.body).toMatchObject({ code: 'c0de-T2', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

    expect(await postTo(a.base, mention('T2', 'EvT2a', '700.1'), 'application/json')).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C2').length === 1, 8000, 'the answer in T2');
    const post = fake.callsTo('chat.postMessage#C2')[0]!;
    expect(post.headers.authorization).toBe('Bearer xoxb-T2-secret');
    expect(post.body.thread_ts).toBe('700.1');

    // Any installed workspace is served; one with no installation is refused, logged, not answered.
    expect(await postTo(b.base, mention('T404', 'EvT404', '700.2', 'C404'), 'application/json')).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.callsTo('chat.postMessage#C404')).toHaveLength(0);
    expect(b.logger.lines.some((l) => l.includes('refused a request for team T404: no installation'))).toBe(true);
  });

  it('a redirect without the browser state cookie, or with a forged state, installs nothing', async () => {
    const start = await fetch(`${a.base}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    fake.on('oauth.v2.access', { body: granted('T9', 'xoxb-T9-x') });
    expect((await fetch(`${b.base}/slack/oauth_redirect?code=x&state=${encodeURIComponent(state)}`)).status).toBe(400);
    expect((await fetch(`${b.base}/slack/oauth_redirect?code=x&state=forged`, { headers: { cookie: 'slack-app-oauth-state=forged' } })).status).toBe(400);
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(0);
    // An event for a workspace that never installed is not answered.
    expect(await postTo(a.base, mention('T9', 'EvT9', '701.1'), 'application/json')).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('app_uninstalled through one instance deletes the installation and the workspace data for both', async () => {
    expect((await install(b, a, 'T2', 'xoxb-T2-secret')).status).toBe(200);
    await a.store.setWatched('CW2', true, 'U1', new Date(), { teamId: 'T2' });
    await a.store.recordFeedback({ question: 'q', intent: null, verdict: null, confidence: 0, helpful: true, userId: 'U1', channelId: 'CW2', at: new Date(), teamId: 'T2' });
    expect(await postTo(b.base, envelope({ type: 'app_uninstalled' }, 'EvUn', 'T2', 'UBOTT2'), 'application/json')).toBe(200);
    await fake.waitFor(() => b.logger.lines.some((l) => l.includes('deleted the data of workspace T2')), 5000, 'the deletion');
    await expect(a.store.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow();
    expect(await a.store.isWatched('CW2')).toBe(false);
    expect((await a.store.feedbackSummary()).total).toBe(0);
    expect(await postTo(a.base, mention('T2', 'EvT2after', '702.1'), 'application/json')).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('tokens_revoked for the bot deletes the workspace; for user tokens only, nothing', async () => {
    expect((await install(a, b, 'T2', 'xoxb-T2-secret')).status).toBe(200);
    expect(await postTo(a.base, envelope({ type: 'tokens_revoked', tokens: { oauth: ['UADMIN'] } }, 'EvRevU', 'T2', 'UBOTT2'), 'application/json')).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect((await b.store.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-T2-secret');
    expect(await postTo(a.base, envelope({ type: 'tokens_revoked', tokens: { bot: ['UBOTT2'] } }, 'EvRevB', 'T2', 'UBOTT2'), 'application/json')).toBe(200);
    await fake.waitFor(() => a.logger.lines.some((l) => l.includes('bot token revoked: deleted the data of workspace T2')), 5000, 'the deletion');
    await expect(b.store.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow();
  });

  it('token rotation: two instances seeing an expiring token refresh it once, under the lock, and both use the new one', async () => {
    const soon = Math.floor(Date.now() / 1000) + 60;
    await a.store.storeInstallation({
      team: { id: 'T3', name: 'Three' },
      enterprise: undefined,
      user: { id: 'UADMIN', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-T3-old', refreshToken: 'xoxe-1-refresh', expiresAt: soon, scopes: BOT_SCOPES, id: 'BBOTT3', userId: 'UBOTT3' },
      isEnterpriseInstall: false,
      authVersion: 'v2',
      appId: 'A1',
    });
    fake.on('oauth.v2.access', { delayMs: 300, body: { ok: true, token_type: 'bot', access_token: 'xoxb-T3-new', refresh_token: 'xoxe-1-refresh2', expires_in: 43_200, team: { id: 'T3' } } });
    const [ra, rb] = await Promise.all([postTo(a.base, mention('T3', 'EvR1', '710.1', 'C31'), 'application/json'), postTo(b.base, mention('T3', 'EvR2', '710.2', 'C32'), 'application/json')]);
    expect([ra, rb]).toEqual([200, 200]);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C31').length === 1 && fake.callsTo('chat.postMessage#C32').length === 1, 10_000, 'both answers');
    const refreshes = fake.callsTo('oauth.v2.access');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'xoxe-1-refresh' });
    for (const c of ['C31', 'C32']) expect(fake.callsTo(`chat.postMessage#${c}`)[0]?.headers.authorization).toBe('Bearer xoxb-T3-new');
    const stored = await b.store.fetchInstallation({ teamId: 'T3', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(stored.bot?.token).toBe('xoxb-T3-new');
    expect(stored.bot?.refreshToken).toBe('xoxe-1-refresh2');
  });
});
