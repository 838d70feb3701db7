/** The listeners behind Bolt's own routing (a fake receiver, the real App): each id reaches its callback. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askStreaming } from '../../src/slack/ask.ts';
import { packValue } from '../../src/slack/ui/button-values.ts';
import { feedbackValue } from '../../src/slack/ui/blocks/index.ts';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ui/ids.ts';
import { boltWithFakeReceiver } from './fake-receiver.ts';

let t: Awaited<ReturnType<typeof boltWithFakeReceiver>>;
beforeEach(async () => {
  t = await boltWithFakeReceiver();
});
afterEach(() => t.close());

const url = (id: string) => `${t?.fake.base}/r/${id}`;

describe('Bolt routing through a fake receiver', () => {
  it('/framework is acked and answered through its response_url', async () => {
    const { acked } = await t.receiver.send({ command: '/framework', text: 'an online shop', user_id: 'U1', channel_id: 'C1', response_url: url('cmd'), trigger_id: 'T', team_id: 'T1' });
    expect(acked).toHaveLength(1);
    expect(t.advisor.calls[0]?.question).toBe('an online shop');
    const body = t.fake.callsTo('r/cmd')[0]!.body as { response_type: string; replace_original: boolean };
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('an app_mention event is answered in its thread with chat.postMessage', async () => {
    await t.receiver.send({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> Django or Flask?', channel: 'C1', ts: '10.0' } });
    const post = t.fake.callsTo('chat.postMessage')[0]!.body;
    expect(post).toMatchObject({ channel: 'C1', thread_ts: '10.0' });
    expect(t.advisor.calls[0]?.question).toBe('Django or Flask?');
  });

  it('a retried event is not answered (X-Slack-Retry-Num reaches the context)', async () => {
    await t.receiver.send({ type: 'event_callback', team_id: 'T1', event_id: 'Ev2', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> Django?', channel: 'C1', ts: '11.0' } }, { retryNum: 1, retryReason: 'http_timeout' });
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('follow-up buttons match the ask_<n> pattern; share, feedback, feedback_buttons and the wizard submission reach theirs', async () => {
    const block = (actionId: string, value: string, id: string) => ({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      channel: { id: 'C1' },
      container: { type: 'message', is_ephemeral: true },
      response_url: url(id),
      trigger_id: 'T',
      actions: [{ type: 'button', action_id: actionId, block_id: BlockId.followUps, value, action_ts: '1' }],
    });
    await t.receiver.send(block('ask_3', packValue({ q: 'How big is your team?' }), 'ask'));
    expect(t.advisor.calls.at(-1)?.question).toBe('How big is your team?');
    expect(t.fake.callsTo('r/ask')).toHaveLength(1);

    // Share and feedback act on an answer this instance remembers, asked by U1 (issue 12).
    const { key } = askStreaming(t.deps, 'an online shop', [], 'U1');
    await t.receiver.send(block(ActionId.share, packValue({ q: 'an online shop', k: key }), 'share'));
    expect(JSON.stringify(t.fake.callsTo('chat.postMessage')[0]!.body)).toContain('shared a decision');

    await t.receiver.send(block(ActionId.feedbackUp, packValue({ q: 'shop', k: key, v: 'django', c: 0.7 }), 'fb'));
    expect((await t.deps.store.feedbackSummary()).total).toBe(1);

    // Slack's feedback_buttons: routed by its action_id; the value carries only the key and the vote,
    // through the same integrity path (one vote per user per answer: this click changes U1's vote).
    const fbb = (value: string) => ({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      channel: { id: 'C1' },
      container: { type: 'message', is_ephemeral: false },
      response_url: url('fbb'),
      trigger_id: 'T',
      actions: [{ type: 'feedback_buttons', action_id: ActionId.feedback, block_id: BlockId.feedback, value, action_ts: '1' }],
    });
    await t.receiver.send(fbb(feedbackValue(key, 'down')));
    expect(await t.deps.store.feedbackSummary()).toMatchObject({ total: 1, helpful: 0 });
    await t.receiver.send(fbb(feedbackValue(askStreaming(t.deps, 'a JSON API', [], 'U1').key, 'up')));
    expect(await t.deps.store.feedbackSummary()).toMatchObject({ total: 2, helpful: 1 });

    const { acked } = await t.receiver.send({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'U4' },
      view: { callback_id: CallbackId.wizard, private_metadata: '{}', state: { values: { [BlockId.wizDescription]: { [BlockId.wizDescription]: { value: 'a CMS' } } } } },
    });
    expect(acked).toHaveLength(1);
    expect(t.fake.callsTo('chat.postMessage').at(-1)!.body).toMatchObject({ channel: 'U4' });
  });
});
