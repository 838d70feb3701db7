/** Issue 12 item 9: turning watching on or off is announced in the channel, naming who did it. */
import { describe, expect, it } from 'vitest';
import { setup } from '../slack/harness.ts';

const cmd = (text: string, user = 'U1') => ({ command: '/framework', text, user_id: user, channel_id: 'C1', response_url: 'https://hooks.slack.com/r', trigger_id: 'T1' });

describe('watch on/off', () => {
  it('posts a notice in the channel naming who turned it on, then off', async () => {
    const s = setup();
    const run = (text: string, user: string) => s.app.commands.get('/framework')!({ command: cmd(text, user), ack: s.ack, respond: s.respond, client: s.client });
    await run('watch on', 'U1');
    expect(await s.store.isWatched('C1')).toBe(true);
    const first = s.client.chat.postMessage.mock.calls[0]![0];
    expect(first).toMatchObject({ channel: 'C1' });
    expect(String(first.text)).toContain('<@U1> turned on');
    await run('watch off', 'U2');
    expect(await s.store.isWatched('C1')).toBe(false);
    expect(String(s.client.chat.postMessage.mock.calls[1]![0].text)).toContain('<@U2> turned off');
  });

  it('cannot be turned on silently: when the notice cannot be posted, nothing changes and the user is told', async () => {
    const s = setup();
    s.client.chat.postMessage.mockRejectedValueOnce(Object.assign(new Error('An API error occurred: not_in_channel'), { data: { ok: false, error: 'not_in_channel' } }));
    await s.app.commands.get('/framework')!({ command: cmd('watch on'), ack: s.ack, respond: s.respond, client: s.client });
    expect(await s.store.isWatched('C1')).toBe(false);
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('I did not turn watching on');
    expect(s.logger.lines.some((l) => l.includes('could not announce it (not_in_channel)'))).toBe(true);
  });
});
