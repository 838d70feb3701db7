/** Issue 12 items 5, 6 and 8: trusted feedback, durable before the ack, share by the asker only. */
import { describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ui/ids.ts';
import { askStreaming } from '../../src/slack/ask.ts';
import { packValue } from '../../src/slack/ui/button-values.ts';
import { feedbackValue } from '../../src/slack/ui/blocks/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { setup } from '../slack/harness.ts';

const block = (user = 'U1') => ({ type: 'block_actions', user: { id: user }, channel: { id: 'C1' }, container: { type: 'message', is_ephemeral: true }, response_url: 'https://hooks.slack.com/a', trigger_id: 'T2' });

function rows(store: SqliteStore): { question: string; verdict: string | null; confidence: number; helpful: number; user_id: string }[] {
  return (store as unknown as { db: { prepare(s: string): { all(): unknown[] } } }).db.prepare('SELECT * FROM feedback ORDER BY id').all() as never;
}

describe('feedback', () => {
  const vote = async (s: ReturnType<typeof setup>, id: string, value: string, user = 'U1') =>
    s.app.actionHandler(id)({ ack: s.ack, action: { action_id: id, value }, body: block(user), respond: s.respond, client: s.client });

  it("stores the server's question, verdict and confidence, never the button's", async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    const { key, stream } = askStreaming(s.deps, 'an online shop with an admin', [], 'U1');
    await vote(s, ActionId.feedbackUp, packValue({ q: 'forged question', k: key, v: 'flask', c: 1, i: 'recommend' }));
    expect(rows(store)).toMatchObject([{ question: 'an online shop with an admin', verdict: stream.initial.verdict, confidence: stream.initial.confidence, helpful: 1, user_id: 'U1' }]);
  });

  it('one vote per user per answer: a second click changes it, a duplicate delivery changes nothing', async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    const { key } = askStreaming(s.deps, 'an online shop', [], 'U1');
    const value = packValue({ q: 'an online shop', k: key });
    await vote(s, ActionId.feedbackUp, value);
    await vote(s, ActionId.feedbackUp, value); // the same click delivered twice
    expect(rows(store)).toHaveLength(1);
    await vote(s, ActionId.feedbackDown, value); // changes the vote
    expect(rows(store)).toMatchObject([{ helpful: 0, user_id: 'U1' }]);
    await vote(s, ActionId.feedbackUp, value, 'U2'); // someone else on the same (public) answer
    expect(rows(store)).toHaveLength(2);
  });

  it('a vote for an unknown answer is refused politely and nothing is stored', async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    await vote(s, ActionId.feedbackDown, packValue({ q: 'anything', k: '0123456789abcdef', v: 'django', c: 1 }));
    await vote(s, ActionId.feedbackDown, packValue({ q: 'no key at all', v: 'django', c: 1 }));
    expect(rows(store)).toHaveLength(0);
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('I no longer have that answer');
    expect(s.ack).toHaveBeenCalledTimes(2);
  });

  it('button values are bounded: a 1 MB value is ignored whole', async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    const { key } = askStreaming(s.deps, 'an online shop', [], 'U1');
    const huge = JSON.stringify({ q: 'x'.repeat(1_000_000), k: key });
    await vote(s, ActionId.feedbackUp, huge);
    expect(rows(store)).toHaveLength(0);
    expect(s.ack).toHaveBeenCalledTimes(1);
  });

  it('the write is committed before the ack (item 6)', async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    const { key } = askStreaming(s.deps, 'an online shop', [], 'U1');
    let rowsAtAck = -1;
    s.ack.mockImplementation(async () => {
      rowsAtAck = rows(store).length;
    });
    await vote(s, ActionId.feedbackUp, packValue({ q: 'an online shop', k: key }));
    expect(rowsAtAck).toBe(1);
  });
});

describe("feedback_buttons (the answer's own 👍/👎): the same integrity path", () => {
  const vote = async (s: ReturnType<typeof setup>, value: string, user = 'U1') =>
    s.app.actionHandler(ActionId.feedback)({ ack: s.ack, action: { action_id: ActionId.feedback, type: 'feedback_buttons', value }, body: block(user), respond: s.respond, client: s.client });

  it("the value carries only the key and the vote; the server's record is stored, one vote per user per answer", async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    const { key, stream } = askStreaming(s.deps, 'an online shop with an admin', [], 'U1');
    expect(Object.keys(JSON.parse(feedbackValue(key, 'up')))).toEqual(['k', 'vote']);
    let rowsAtAck = -1;
    s.ack.mockImplementation(async () => {
      rowsAtAck = rows(store).length;
    });
    await vote(s, feedbackValue(key, 'up'));
    expect(rowsAtAck).toBe(1);
    await vote(s, feedbackValue(key, 'up')); // delivered twice
    await vote(s, feedbackValue(key, 'down')); // changed
    expect(rows(store)).toMatchObject([{ question: 'an online shop with an admin', verdict: stream.initial.verdict, confidence: stream.initial.confidence, helpful: 0, user_id: 'U1' }]);
    await vote(s, feedbackValue(key, 'up'), 'U2');
    expect(rows(store)).toHaveLength(2);
  });

  it('an unknown or forged key is refused politely; a value that is not ours is ignored', async () => {
    const store = new SqliteStore(':memory:');
    const s = setup({ store });
    await vote(s, feedbackValue('0123456789abcdef', 'down'));
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('I no longer have that answer');
    await vote(s, JSON.stringify({ vote: 'up' }));
    const calls = s.respond.mock.calls.length;
    await vote(s, JSON.stringify({ k: 'x'.repeat(1_000), vote: 'up' }));
    await vote(s, 'not json');
    expect(rows(store)).toHaveLength(0);
    expect(s.respond.mock.calls.length).toBe(calls);
    expect(s.ack).toHaveBeenCalledTimes(4);
  });
});

describe('share (item 8)', () => {
  const share = async (s: ReturnType<typeof setup>, value: string, user: string) =>
    s.app.actionHandler(ActionId.share)({ ack: s.ack, action: { action_id: ActionId.share, value }, body: block(user), respond: s.respond, client: s.client });

  it("someone holding another user's answer key cannot share it", async () => {
    const s = setup();
    const { key } = askStreaming(s.deps, 'my private question about our payroll app', [], 'U1');
    await share(s, packValue({ q: 'whatever', k: key }), 'U2');
    expect(s.client.chat.postMessage).not.toHaveBeenCalled();
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('Only the person who asked');
    expect(s.logger.lines.some((l) => l.includes('share refused for U2'))).toBe(true);
  });

  it('the asker can; an answer the app forgot is refused politely (nothing re-asked from the value)', async () => {
    const s = setup();
    const { key } = askStreaming(s.deps, 'an online shop', [], 'U1');
    await share(s, packValue({ q: 'an online shop', k: key }), 'U1');
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    await share(s, packValue({ q: 'someone else question', k: 'fedcba9876543210' }), 'U1');
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(s.respond.mock.calls.at(-1))).toContain('I no longer have that answer');
  });
});
