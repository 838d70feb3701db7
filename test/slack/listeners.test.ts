import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackInput, Store } from '../../src/store/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { ActionId, CallbackId, BlockId } from '../../src/slack/ui/ids.ts';
import { packValue } from '../../src/slack/ui/button-values.ts';
import { askStreaming } from '../../src/slack/ask.ts';
import { BOT, setup } from './harness.ts';
import { makeAnswer } from './fixtures.ts';

afterEach(() => vi.restoreAllMocks());

function cmd(text: string, over: Record<string, unknown> = {}) {
  return { command: '/framework', text, user_id: 'U1', channel_id: 'C1', response_url: 'https://hooks.example/r', trigger_id: 'T1', ...over };
}

describe('/framework', () => {
  it('acks first, then answers ephemerally with a shareable answer', async () => {
    const s = setup();
    const order: string[] = [];
    s.ack.mockImplementation(async () => void order.push('ack'));
    s.respond.mockImplementation(async () => void order.push('respond'));
    await s.app.commands.get('/framework')!({ command: cmd('online shop, juniors'), ack: s.ack, respond: s.respond, client: s.client });
    expect(order).toEqual(['ack', 'respond']);
    expect(s.advisor.calls[0]?.question).toBe('online shop, juniors');
    const m = s.respond.mock.calls[0]![0] as { response_type: string; blocks: unknown[] };
    expect(m.response_type).toBe('ephemeral');
    expect(JSON.stringify(m.blocks)).toContain(ActionId.share);
  });

  it('help for an empty command; compare asks "compare <aspect>"; sources lists sources', async () => {
    const s = setup();
    const run = (text: string) => s.app.commands.get('/framework')!({ command: cmd(text), ack: s.ack, respond: s.respond, client: s.client });
    await run('');
    expect(JSON.stringify(s.respond.mock.calls[0]![0])).toContain('/framework compare');
    await run('compare learning curve');
    expect(s.advisor.calls.at(-1)?.question).toBe('compare learning curve');
    await run('sources');
    expect(JSON.stringify(s.respond.mock.calls.at(-1)![0])).toContain('Citrusbug');
    expect(s.ack).toHaveBeenCalledTimes(3);
  });

  it('wizard opens a modal with the response_url in private_metadata', async () => {
    const s = setup();
    await s.app.commands.get('/framework')!({ command: cmd('wizard'), ack: s.ack, respond: s.respond, client: s.client });
    const arg = s.client.views.open.mock.calls[0]![0] as { trigger_id: string; view: { callback_id: string; private_metadata: string } };
    expect(arg.trigger_id).toBe('T1');
    expect(arg.view.callback_id).toBe(CallbackId.wizard);
    expect(JSON.parse(arg.view.private_metadata)).toEqual({ r: 'https://hooks.example/r', c: 'C1' });
  });

  it('watch on|off is stored durably; refused in DMs', async () => {
    const s = setup();
    const run = (text: string, ch = 'C9') => s.app.commands.get('/framework')!({ command: cmd(text, { channel_id: ch }), ack: s.ack, respond: s.respond, client: s.client });
    await run('watch on');
    expect(await s.store.isWatched('C9')).toBe(true);
    await run('watch');
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('I am watching');
    await run('watch off');
    expect(await s.store.isWatched('C9')).toBe(false);
    await run('watch on', 'D1');
    expect(await s.store.isWatched('D1')).toBe(false);
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('channels only');
  });

  it('a failure gives a friendly message with a reference that is in the log, no stack', async () => {
    const s = setup();
    s.advisor.fail = true;
    await s.app.commands.get('/framework')!({ command: cmd('anything'), ack: s.ack, respond: s.respond, client: s.client });
    const text = JSON.stringify(s.respond.mock.calls[0]![0]);
    const ref = /ERR-[0-9A-Z]{7}/.exec(text)?.[0];
    expect(ref).toBeDefined();
    expect(text).not.toContain('secret/path');
    expect(s.logger.lines.some((l) => l.includes(ref!) && l.includes('boom'))).toBe(true);
  });
});

describe('events', () => {
  const mention = (over: Record<string, unknown> = {}) => ({ type: 'app_mention', user: 'U1', text: '<@UBOT> Django or Flask for a shop?', channel: 'C1', ts: '10.0', ...over });

  it('@mention → threaded reply, mention stripped', async () => {
    const s = setup();
    await s.app.events.get('app_mention')!({ event: mention(), client: s.client, context: BOT, body: { event_id: 'E1' } });
    expect(s.advisor.calls[0]?.question).toBe('Django or Flask for a shop?');
    expect(s.client.chat.postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: 'C1', thread_ts: '10.0' }));
  });

  it('retries and duplicate event ids never produce a second answer', async () => {
    const s = setup();
    const h = s.app.events.get('app_mention')!;
    await h({ event: mention(), client: s.client, context: BOT, body: { event_id: 'E1' } });
    await h({ event: mention(), client: s.client, context: BOT, body: { event_id: 'E1' } });
    await h({ event: mention({ ts: '11.0' }), client: s.client, context: { ...BOT, retryNum: 1, retryReason: 'http_timeout' }, body: { event_id: 'E2' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
  });

  it('a mention inside a thread uses the whole thread as history', async () => {
    const s = setup();
    s.client.conversations.replies.mockResolvedValueOnce({
      ok: true,
      messages: [
        { ts: '1.0', user: 'U1', text: 'We are building an online shop' },
        { ts: '2.0', user: 'U2', text: 'our team is mostly juniors' },
        { ts: '3.0', user: 'U1', text: '<@UBOT> what do you think?' },
      ],
    });
    await s.app.events.get('app_mention')!({ event: mention({ ts: '3.0', thread_ts: '1.0', text: '<@UBOT> what do you think?' }), client: s.client, context: BOT, body: { event_id: 'E3' } });
    // Stripped of Slack markup once, where it came in; the core is told (plain) and does not strip again.
    expect(s.advisor.calls[0]).toEqual({ question: 'what do you think?', opts: { history: ['We are building an online shop', 'our team is mostly juniors'], plain: true } });
    expect(s.client.chat.postMessage).toHaveBeenCalledWith(expect.objectContaining({ thread_ts: '1.0' }));
  });

  const msg = (over: Record<string, unknown> = {}) => ({ type: 'message', channel: 'C1', channel_type: 'channel', user: 'U1', text: 'hello', ts: '20.0', ...over });

  it('follow-ups in a thread the bot replied in are answered with the thread; others stay quiet', async () => {
    const s = setup();
    const h = s.app.events.get('message')!;
    s.client.conversations.replies.mockResolvedValueOnce({
      ok: true,
      messages: [
        { ts: '1.0', user: 'U1', text: '<@UBOT> an online shop' },
        { ts: '1.5', user: 'UBOT', bot_id: 'BBOT', text: 'Django' },
        { ts: '2.0', user: 'U1', text: 'our team is mostly juniors' },
      ],
    });
    await h({ event: msg({ ts: '2.0', thread_ts: '1.0', text: 'our team is mostly juniors' }), client: s.client, context: BOT, body: { event_id: 'E4' } });
    expect(s.advisor.calls[0]).toEqual({ question: 'our team is mostly juniors', opts: { history: ['an online shop'], plain: true } });
    expect(s.client.chat.postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: 'C1', thread_ts: '1.0' }));

    s.client.conversations.replies.mockResolvedValueOnce({ ok: true, messages: [{ ts: '5.0', user: 'U1', text: 'unrelated' }] });
    await h({ event: msg({ ts: '6.0', thread_ts: '5.0', text: 'Django or Flask?' }), client: s.client, context: BOT, body: { event_id: 'E5' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
  });

  it('ignores bot messages, itself, edits, deletions, other subtypes and mentions (app_mention answers those)', async () => {
    const s = setup();
    const h = s.app.events.get('message')!;
    for (const event of [
      msg({ channel_type: 'im', bot_id: 'B2', text: 'Django or Flask?' }),
      msg({ channel_type: 'im', user: 'UBOT', text: 'Django or Flask?' }),
      msg({ channel_type: 'im', subtype: 'message_changed', message: { text: 'Django?' } }),
      msg({ channel_type: 'im', subtype: 'message_deleted' }),
      msg({ channel_type: 'im', subtype: 'channel_join' }),
      msg({ text: '<@UBOT> Django or Flask?' }),
      msg({ text: 'Django or Flask for us?' }), // top level, channel not watched
    ]) {
      await h({ event, client: s.client, context: BOT, body: { event_id: `E-${Math.random()}` } });
    }
    expect(s.client.chat.postMessage).not.toHaveBeenCalled();
    expect(s.advisor.calls).toHaveLength(0);
  });

  it('watched channels: framework-choice questions get a threaded answer, other chatter does not', async () => {
    const s = setup();
    await s.store.setWatched('C1', true, 'U1', new Date());
    const h = s.app.events.get('message')!;
    await h({ event: msg({ text: 'lunch anyone?', ts: '30.0' }), client: s.client, context: BOT, body: { event_id: 'E6' } });
    await h({ event: msg({ text: 'Should we pick Django or Flask for the billing service?', ts: '31.0' }), client: s.client, context: BOT, body: { event_id: 'E7' } });
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(s.client.chat.postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: 'C1', thread_ts: '31.0' }));
  });

  it('DMs show a status at once and are answered in their thread; a greeting gets suggested prompts', async () => {
    const s = setup();
    const h = s.app.events.get('message')!;
    await h({ event: msg({ channel: 'D1', channel_type: 'im', text: 'Django or Flask for an API?', ts: '40.0' }), client: s.client, context: BOT, body: { event_id: 'E8' } });
    expect(s.client.assistant.threads.setStatus).toHaveBeenCalledWith(expect.objectContaining({ channel_id: 'D1', thread_ts: '40.0', status: 'is thinking…' }));
    expect(s.client.assistant.threads.setStatus.mock.invocationCallOrder[0]).toBeLessThan(s.client.chat.postMessage.mock.invocationCallOrder[0]!);
    const post = s.client.chat.postMessage.mock.calls[0]![0];
    expect(post).toMatchObject({ channel: 'D1', thread_ts: '40.0' });
    await h({ event: msg({ channel: 'D1', channel_type: 'im', text: 'hi', ts: '41.0' }), client: s.client, context: BOT, body: { event_id: 'E9' } });
    expect(JSON.stringify(s.client.chat.postMessage.mock.calls[1]![0])).toContain(BlockId.examples);
  });

  it('Slack markup is stripped once: a typed &amp;lt; reaches the core as &lt;, a typed &lt;@U1&gt; is not a mention', async () => {
    const s = setup();
    const h = s.app.events.get('message')!;
    // What a user typing "&lt;b&gt; pages and <@U1>" sends: Slack escapes & < > once.
    await h({ event: msg({ channel: 'D1', channel_type: 'im', text: '&amp;lt;b&amp;gt; pages and &lt;@U1&gt; <@U2>', ts: '42.0' }), client: s.client, context: BOT, body: { event_id: 'E10' } });
    expect(s.advisor.calls[0]).toEqual({ question: '&lt;b&gt; pages and <@U1>', opts: { plain: true } });
    await s.app.commands.get('/framework')!({ command: cmd('an admin &amp;amp; accounts <https://x.example|site>'), ack: s.ack, respond: s.respond, client: s.client });
    expect(s.advisor.calls[1]).toEqual({ question: 'an admin &amp; accounts site', opts: { plain: true } });
  });

  it('App Home publishes the home view with KB figures', async () => {
    const s = setup();
    await s.app.events.get('app_home_opened')!({ event: { type: 'app_home_opened', user: 'U1', tab: 'home' }, client: s.client });
    const arg = s.client.views.publish.mock.calls[0]![0] as { user_id: string; view: { type: string } };
    expect(arg.user_id).toBe('U1');
    expect(arg.view.type).toBe('home');
    expect(JSON.stringify(arg.view)).toContain('*179* passages');
    await s.app.events.get('app_home_opened')!({ event: { type: 'app_home_opened', user: 'U1', tab: 'messages' }, client: s.client });
    expect(s.client.views.publish).toHaveBeenCalledTimes(1);
  });
});

describe('actions', () => {
  const block = (over: Record<string, unknown> = {}) => ({
    type: 'block_actions',
    user: { id: 'U1' },
    channel: { id: 'C1' },
    container: { type: 'message', is_ephemeral: true },
    response_url: 'https://hooks.example/r',
    trigger_id: 'T2',
    ...over,
  });

  it('follow-up button asks that question with the earlier conversation', async () => {
    const s = setup();
    await s.app.commands.get('/framework')!({ command: cmd('an online shop'), ack: s.ack, respond: s.respond, client: s.client });
    const blocks = (s.respond.mock.calls[0]![0] as { blocks: { block_id?: string; elements?: { value: string }[] }[] }).blocks;
    const value = blocks.find((b) => b.block_id === BlockId.followUps)!.elements![0]!.value;
    await s.app.actionHandler('ask_0')({ ack: s.ack, action: { action_id: 'ask_0', value }, body: block(), respond: s.respond, client: s.client });
    expect(s.advisor.calls.at(-1)).toEqual({ question: 'How big is your team?', opts: { history: ['an online shop'], plain: true } });
    expect(s.respond).toHaveBeenCalledTimes(2);
  });

  it('follow-up on a public thread answer posts in the thread', async () => {
    const s = setup();
    await s.app.actionHandler('ask_1')({
      ack: s.ack,
      action: { action_id: 'ask_1', value: packValue({ q: 'Do you need user accounts?' }) },
      body: block({ container: { type: 'message', is_ephemeral: false }, message: { ts: '5.0', thread_ts: '1.0' } }),
      respond: s.respond,
      client: s.client,
    });
    expect(s.client.chat.postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: 'C1', thread_ts: '1.0' }));
  });

  it('share posts a decision record (the asker, an answer it remembers); not_in_channel explains /invite', async () => {
    const s = setup();
    const { key } = askStreaming(s.deps, 'an online shop', [], 'U1');
    const value = packValue({ q: 'an online shop', k: key });
    await s.app.actionHandler(ActionId.share)({ ack: s.ack, action: { action_id: ActionId.share, value }, body: block(), respond: s.respond, client: s.client });
    const post = s.client.chat.postMessage.mock.calls[0]![0];
    expect(post.channel).toBe('C1');
    expect(JSON.stringify(post.blocks)).toContain('<@U1> shared a decision');
    expect(s.advisor.calls[0]?.question).toBe('an online shop');

    s.client.chat.postMessage.mockRejectedValueOnce(Object.assign(new Error('An API error occurred: not_in_channel'), { code: 'slack_webapi_platform_error', data: { ok: false, error: 'not_in_channel' } }));
    await s.app.actionHandler(ActionId.share)({ ack: s.ack, action: { action_id: ActionId.share, value }, body: block(), respond: s.respond, client: s.client });
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('/invite @Framework Advisor');
  });

  it("feedback is stored with the answer's question, verdict and confidence, the user and time", async () => {
    const s = setup();
    const { key, stream } = askStreaming(s.deps, 'shop?', [], 'U1');
    const value = packValue({ q: 'shop?', k: key, v: 'either', c: 1, i: 'recommend' });
    await s.app.actionHandler(ActionId.feedbackDown)({ ack: s.ack, action: { action_id: ActionId.feedbackDown, value }, body: block(), respond: s.respond, client: s.client });
    const sum = await s.store.feedbackSummary();
    const a = stream.initial;
    expect(sum.unhelpful[0]).toMatchObject({ question: 'shop?', verdict: a.verdict, confidence: a.confidence, userId: 'U1', helpful: false, at: new Date('2025-06-01T12:00:00Z') });
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('Thanks');
  });

  it('a failed feedback write is retried once, then reported to the user and logged', async () => {
    const calls: FeedbackInput[] = [];
    let failures = 1;
    const real = new (class extends SqliteStore {
      override async recordFeedback(f: FeedbackInput): Promise<void> {
        calls.push(f);
        if (failures-- > 0) throw new Error('SQLITE_BUSY');
        return super.recordFeedback(f);
      }
    })(':memory:');
    const flaky: Store = real;
    const s = setup({ store: flaky });
    const value = packValue({ q: 'q', k: askStreaming(s.deps, 'q', [], 'U1').key });
    const run = () => s.app.actionHandler(ActionId.feedbackUp)({ ack: s.ack, action: { action_id: ActionId.feedbackUp, value }, body: block(), respond: s.respond, client: s.client });
    await run();
    expect(calls).toHaveLength(2);
    expect((await real.feedbackSummary()).total).toBe(1);
    failures = 2;
    await run();
    expect(calls).toHaveLength(4);
    const text = JSON.stringify(s.respond.mock.calls.at(-1));
    expect(text).toContain('could not save your feedback');
    const ref = /ERR-[0-9A-Z]{7}/.exec(text)![0];
    expect(s.logger.lines.some((l) => l.includes(ref) && l.includes('SQLITE_BUSY'))).toBe(true);
  });

  it('refine opens the wizard pre-filled; the Home button opens it too', async () => {
    const s = setup();
    s.advisor.answer = makeAnswer({ signals: [{ id: 'admin', label: 'needs an admin interface', favours: 'django', weight: 2, passages: [] }] });
    await s.app.commands.get('/framework')!({ command: cmd('a CMS, team of four juniors'), ack: s.ack, respond: s.respond, client: s.client });
    const blocks = (s.respond.mock.calls[0]![0] as { blocks: { block_id?: string; elements?: { action_id: string; value: string }[] }[] }).blocks;
    const value = blocks.find((b) => b.block_id === BlockId.answerActions)!.elements!.find((e) => e.action_id === ActionId.refine)!.value;
    await s.app.actionHandler(ActionId.refine)({ ack: s.ack, action: { action_id: ActionId.refine, value }, body: block(), respond: s.respond, client: s.client });
    type El = { initial_value?: string; initial_option?: { value: string }; initial_options?: { value: string }[] };
    const view = (s.client.views.open.mock.calls[0]![0] as { view: { blocks: { block_id: string; element: El }[] } }).view;
    expect(view.blocks.find((b) => b.block_id === BlockId.wizDescription)?.element.initial_value).toBe('a CMS, team of four juniors');
    // What the earlier question said is kept: the need ticked, "team of four" as 2–5, juniors.
    expect(view.blocks.find((b) => b.block_id === BlockId.wizNeeds)?.element.initial_options?.map((o) => o.value)).toEqual(['admin']);
    expect(view.blocks.find((b) => b.block_id === BlockId.wizTeamSize)?.element.initial_option?.value).toBe('small');
    expect(view.blocks.find((b) => b.block_id === BlockId.wizExperience)?.element.initial_option?.value).toBe('junior');
    // One checkbox group instead of six radio groups.
    expect(view.blocks.filter((b) => (b.element as { type?: string } | undefined)?.type === 'radio_buttons')).toEqual([]);
    await s.app.actionHandler(ActionId.openWizard)({ ack: s.ack, action: { action_id: ActionId.openWizard, value: 'home' }, body: block({ channel: undefined }), client: s.client });
    expect(s.client.views.open).toHaveBeenCalledTimes(2);
  });
});

describe('wizard submission', () => {
  it('composes the description, asks, and DMs the user when there is no response_url', async () => {
    const s = setup();
    const view = {
      private_metadata: JSON.stringify({ c: 'U1' }),
      state: {
        values: {
          [BlockId.wizDescription]: { [BlockId.wizDescription]: { value: 'an online shop' } },
          [BlockId.wizNeeds]: { [BlockId.wizNeeds]: { selected_options: [{ value: 'admin' }, { value: 'accounts' }, { value: 'bogus' }] } },
        },
      },
    };
    await s.app.views.get(CallbackId.wizard)!({ ack: s.ack, view, body: { user: { id: 'U1' } }, client: s.client });
    expect(s.ack).toHaveBeenCalled();
    expect(s.advisor.calls[0]?.question).toContain('We are building an online shop. We need an admin interface. We need user accounts');
    expect(s.client.chat.postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: 'U1' }));
  });
});

describe('one delivery path', () => {
  it('a public follow-up button whose post is refused reaches the user by DM, without unfurls', async () => {
    const s = setup();
    s.client.chat.postMessage.mockRejectedValueOnce(Object.assign(new Error('An API error occurred: not_in_channel'), { data: { ok: false, error: 'not_in_channel' } }));
    await s.app.actionHandler('ask_0')({
      ack: s.ack,
      action: { action_id: 'ask_0', value: packValue({ q: 'How big is your team?' }) },
      body: { type: 'block_actions', user: { id: 'U1' }, channel: { id: 'C1' }, container: { type: 'message', is_ephemeral: false }, message: { ts: '5.0', thread_ts: '1.0' }, response_url: 'https://hooks.example/r', trigger_id: 'T' },
      respond: s.respond,
      client: s.client,
    });
    const calls = s.client.chat.postMessage.mock.calls.map((c) => c[0] as Record<string, unknown>);
    expect(calls[0]).toMatchObject({ channel: 'C1', thread_ts: '1.0', unfurl_links: false, unfurl_media: false });
    expect(calls[1]).toMatchObject({ channel: 'U1', unfurl_links: false, unfurl_media: false });
    expect(String(calls[1]!.text)).toContain('I could not answer your follow-up question in <#C1>');
  });
});
