/**
 * Issue 12 item 7 (no POST to a stranger) and item 10 (other workspaces are refused), against the
 * real app in HTTP mode with a local fake Slack (SLACK_API_URL on 127.0.0.1).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { responseUrlAllowlist } from '../../src/slack/transport/allowed-hosts.ts';
import { createSlackFetch } from '../../src/slack/transport/slack-fetch.ts';
import { TOKEN, SECRET, form, startHarness, type Harness } from './harness.ts';

let stranger: Server;
let strangerBase: string;
const strangerHits: string[] = [];
let h: Harness;

beforeAll(async () => {
  // Another local server: the app must never POST here (it is not SLACK_API_URL's origin).
  stranger = createServer((req, res) => {
    strangerHits.push(req.url ?? '');
    req.resume();
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((r) => stranger.listen(0, '127.0.0.1', r));
  strangerBase = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
});
afterAll(async () => {
  stranger.closeAllConnections();
  await new Promise((r) => stranger.close(r));
});
beforeEach(async () => {
  strangerHits.length = 0;
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
  const log = h.logger.lines.join('\n');
  expect(log).not.toContain(TOKEN);
  expect(log).not.toContain(SECRET);
});

const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe('response_url allowlist', () => {
  it('allows Slack, GovSlack and SLACK_API_URL origins only', () => {
    const ok = responseUrlAllowlist('http://127.0.0.1:9999/api/');
    expect(ok('https://hooks.slack.com/commands/T1/1/abc')).toBe(true);
    expect(ok('https://hooks.slack-gov.com/actions/T1/1/abc')).toBe(true);
    expect(ok('http://127.0.0.1:9999/r/x')).toBe(true);
    for (const bad of [
      'http://hooks.slack.com/commands/1',
      'https://hooks.slack.com.evil.example/x',
      'https://evil.example/hooks.slack.com/',
      'https://hooks.slack.com@evil.example/x',
      'https://user@hooks.slack.com/x',
      'https://hooks.slack.com:8443/x',
      'http://127.0.0.1:9998/r/x',
      'https://slack.com/api/chat.postMessage',
      'not a url',
      '',
    ])
      expect(ok(bad), bad).toBe(false);
  });

  it("the app's fetch refuses other hosts without connecting", async () => {
    const refused: string[] = [];
    const f = createSlackFetch({ timeoutMs: 1000, apiUrl: `${h.fake.base}/api/`, allowUrl: responseUrlAllowlist(`${h.fake.base}/api/`), onRefused: (u) => refused.push(u) });
    await expect(f(`${strangerBase}/r/1`, { method: 'POST', body: '{}' })).rejects.toThrow(/refused/);
    await settle(50);
    expect(strangerHits).toEqual([]);
    expect(refused).toHaveLength(1);
    f.close();
  });

  it('a slash command whose response_url is a stranger is acknowledged, never followed, and logged', async () => {
    const body = form({ token: 'x', team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/framework', text: 'admin panel', api_app_id: 'A1', response_url: `${strangerBase}/steal`, trigger_id: '1.2.x' });
    expect((await h.post(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await settle();
    expect(strangerHits).toEqual([]);
    expect(h.logger.lines.some((l) => l.includes('response_url points at 127.0.0.1:'))).toBe(true);
  });

  it('a button whose response_url is a stranger is not followed either', async () => {
    const payload = JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      container: { type: 'message', is_ephemeral: true },
      trigger_id: '1.2.3',
      channel: { id: 'C1' },
      response_url: `${strangerBase}/steal`,
      actions: [{ type: 'button', action_id: 'ask_0', block_id: 'followups', value: JSON.stringify({ q: 'How big is your team?' }), action_ts: '1.3' }],
    });
    expect((await h.post(form({ payload }), 'application/x-www-form-urlencoded')).status).toBe(200);
    await settle();
    expect(strangerHits).toEqual([]);
  });

  it("a modal's private_metadata pointing at a stranger is refused at the fetch and logged", async () => {
    const payload = JSON.stringify({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      view: { id: 'V1', callback_id: 'wizard_modal', private_metadata: JSON.stringify({ r: `${strangerBase}/steal`, c: 'C1' }), state: { values: {} } },
    });
    expect((await h.post(form({ payload }), 'application/x-www-form-urlencoded')).status).toBe(200);
    await settle(600);
    expect(strangerHits).toEqual([]);
    expect(h.logger.lines.some((l) => l.includes('refused to POST to 127.0.0.1:'))).toBe(true);
  });

  it('a response_url on the configured API host still works', async () => {
    expect((await h.slash('admin panel for a shop', 'fine')).status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('r/fine').length > 0, 5000, 'the answer');
  });
});

describe('other workspaces', () => {
  it('a slash command for another team is refused (no answer) and logged', async () => {
    expect((await h.slash('admin panel', 'other', { team_id: 'T2' })).status).toBe(200);
    await settle();
    expect(h.fake.callsTo('r/other')).toEqual([]);
    expect(h.logger.lines.some((l) => l.includes('refused a request for team T2'))).toBe(true);
  });

  it('a button for another team is refused', async () => {
    await h.click({ actionId: 'ask_0', value: JSON.stringify({ q: 'How big is your team?' }), hook: 'otherclick', team: 'T9' });
    await settle();
    expect(h.fake.callsTo('r/otherclick')).toEqual([]);
    expect(h.logger.lines.some((l) => l.includes('refused a request for team T9'))).toBe(true);
  });

  it('an event for another team is refused; the installed team is served; auth.test is called once', async () => {
    const event = (team: string, ts: string) =>
      JSON.stringify({
        token: 'x',
        team_id: team,
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `Ev${ts}`,
        event_time: 1,
        authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true }],
        event: { type: 'app_mention', user: 'U1', text: '<@UBOT> admin panel, Django or Flask?', channel: 'C2', ts, event_ts: ts },
      });
    await h.post(event('T3', '10.1'), 'application/json');
    await h.post(event('T1', '10.2'), 'application/json');
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').length > 0, 5000, 'the T1 answer');
    await settle();
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.body.thread_ts)).toEqual(['10.2']);
    expect(h.logger.lines.some((l) => l.includes('refused a request for team T3'))).toBe(true);
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
  });
});
