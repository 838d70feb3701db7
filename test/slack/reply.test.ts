/** The two Reply kinds: the response_url cap and replace_original, posting and updating, the DM fallback; the chat reply's status and native stream. */
import { describe, expect, it, vi } from 'vitest';
import type { webApi } from '@slack/bolt';
import { buildNotice } from '../../src/slack/ui/blocks/index.ts';
import { chatReply, RESPONSE_URL_MAX_USES, responseUrlReply, userDmReply } from '../../src/slack/reply/reply.ts';
import { memoryLogger } from '../../src/logger.ts';
import { fakeClient } from './harness.ts';

const deps = () => ({ logger: memoryLogger(), random: () => 0.5 });
const m = buildNotice('hello');

describe('responseUrlReply', () => {
  it('posts ephemeral, replaces on update, and refuses more than 5 uses', async () => {
    const send = vi.fn(async (_b: Record<string, unknown>) => {});
    const r = responseUrlReply(deps(), { send, where: 'test' });
    expect(r.maxUpdates).toBe(RESPONSE_URL_MAX_USES - 1);
    expect(await r.post(m, { willUpdate: true })).toBe(true);
    expect(send.mock.calls[0]![0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    for (let i = 0; i < 4; i++) await r.update(m);
    expect(send.mock.calls.slice(1).every((c) => (c as unknown as [{ replace_original: boolean }])[0].replace_original)).toBe(true);
    await expect(r.update(m)).rejects.toThrow(/at most 5/);
    expect(send).toHaveBeenCalledTimes(5);
  });
  it('in_channel, and a button’s response_url replaces its message only when updates follow', async () => {
    const send = vi.fn(async (_b: Record<string, unknown>) => {});
    await responseUrlReply(deps(), { send, where: 't', responseType: 'in_channel', ownsMessage: true }).post(m, { willUpdate: true });
    await responseUrlReply(deps(), { send, where: 't', ownsMessage: true }).post(m);
    expect(send.mock.calls.map((c) => (c as unknown as [object])[0])).toMatchObject([
      { response_type: 'in_channel', replace_original: true },
      { response_type: 'ephemeral', replace_original: false },
    ]);
  });
  it('a failing first POST is reported and the reply moves to its fallback, updates included', async () => {
    const d = deps();
    const client = fakeClient();
    const r = responseUrlReply(d, {
      send: async () => Promise.reject(new Error('HTTP 404')),
      where: 't',
      fallback: (ref) => userDmReply(d, client as unknown as webApi.WebClient, { userId: 'U1', channelId: 'C1', what: 'answer', ref }),
    });
    expect(await r.post(m)).toBe(true);
    const dm = client.chat.postMessage.mock.calls[0]![0] as { channel: string; text: string };
    expect(dm.channel).toBe('U1');
    expect(dm.text).toMatch(/I could not answer in <#C1> \(reference ERR-/);
    await r.update(m);
    expect(client.chat.update.mock.calls[0]![0]).toMatchObject({ channel: 'D9', ts: '2.0' });
    expect(d.logger.lines.some((l) => l.includes('HTTP 404'))).toBe(true);
  });
});

describe('chatReply', () => {
  it('posts without unfurls, updates the posted message, falls back to a DM when refused', async () => {
    const client = fakeClient();
    const r = chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'C1', threadTs: '1.0', userId: 'U1' });
    await r.post(m);
    expect(client.chat.postMessage.mock.calls[0]![0]).toMatchObject({ channel: 'C1', thread_ts: '1.0', unfurl_links: false, unfurl_media: false });
    await r.update(m);
    expect(client.chat.update.mock.calls[0]![0]).toMatchObject({ channel: 'C1', ts: '2.0' });

    client.chat.postMessage.mockRejectedValueOnce(new Error('not_in_channel'));
    const refused = chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'C2', userId: 'U1' });
    expect(await refused.post(m)).toBe(true);
    expect(client.chat.postMessage.mock.calls.at(-1)![0]).toMatchObject({ channel: 'U1' });
    expect(String((client.chat.postMessage.mock.calls.at(-1)![0] as { text: string }).text)).toContain('I could not post my answer in <#C2>');
  });
  it('no fallback from our own DM; false when nothing got through', async () => {
    const client = fakeClient();
    client.chat.postMessage.mockRejectedValue(new Error('boom'));
    expect(await chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'D1', userId: 'U1' }).post(m)).toBe(false);
    expect(client.chat.postMessage).toHaveBeenCalledTimes(1);
  });
  it('in a thread: the status is set first and settles before the post; a refused post clears it', async () => {
    const client = fakeClient();
    const order: string[] = [];
    let release: () => void = () => {};
    client.assistant.threads.setStatus.mockImplementation(async (a: Record<string, unknown>) => {
      order.push(`status:${String(a.status)}`);
      if (a.status) await new Promise<void>((r) => (release = r));
      return { ok: true };
    });
    client.chat.postMessage.mockImplementation(async () => {
      order.push('post');
      return { ok: true, ts: '2.0', channel: 'C1' };
    });
    const r = chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'C1', threadTs: '1.0', userId: 'U1' });
    r.showStatus?.();
    const posting = r.post(m);
    await new Promise((res) => setImmediate(res));
    expect(order).toEqual(['status:is thinking…']);
    release();
    await posting;
    expect(order).toEqual(['status:is thinking…', 'post']);

    client.chat.postMessage.mockRejectedValueOnce(new Error('boom'));
    const refused = chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'D1', threadTs: '1.0', userId: 'U1' });
    refused.showStatus?.();
    const p = refused.post(m);
    release();
    expect(await p).toBe(false);
    expect(client.assistant.threads.setStatus.mock.calls.at(-1)![0]).toMatchObject({ channel_id: 'D1', thread_ts: '1.0', status: '' });
  });
  it('streams natively only in a thread, with who asked as the recipient', async () => {
    const client = fakeClient();
    const top = chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'C1', userId: 'U1' });
    expect(top.native).toBeUndefined();
    expect(top.showStatus).toBeUndefined();
    const r = chatReply(deps(), { client: client as unknown as webApi.WebClient, channel: 'C1', threadTs: '1.0', userId: 'U1', teamId: 'T1' });
    expect(await r.native!.start('**Django**')).toBe(true);
    expect(client.chat.startStream.mock.calls[0]![0]).toMatchObject({ channel: 'C1', thread_ts: '1.0', recipient_user_id: 'U1', recipient_team_id: 'T1', markdown_text: '**Django**' });
    await r.native!.append('more');
    await r.native!.stop('', m);
    expect(client.chat.appendStream.mock.calls[0]![0]).toMatchObject({ channel: 'C1', ts: '3.0', markdown_text: 'more' });
    expect(client.chat.stopStream.mock.calls[0]![0]).toMatchObject({ channel: 'C1', ts: '3.0', blocks: m.blocks });
    client.chat.startStream.mockRejectedValueOnce(new Error('not_allowed'));
    const d = deps();
    expect(await chatReply(d, { client: client as unknown as webApi.WebClient, channel: 'C1', threadTs: '1.0' }).native!.start('x')).toBe(false);
    expect(d.logger.lines.some((l) => l.includes('native stream could not start'))).toBe(true);
  });
});
