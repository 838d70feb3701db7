/**
 * Two app instances (separate DATA_DIRs, separate ports) on one PostgreSQL, single-workspace HTTP
 * mode: what one instance learns, the other knows.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ActionId, BlockId } from '../../src/slack/ui/ids.ts';
import { unpackValue } from '../../src/slack/ui/button-values.ts';
import { buttonClick, sign, slashCommand } from '../e2e/helpers.ts';
import type { FakeSlack } from '../faults/fake-slack.ts';
import { SECRET, envelope, postTo, twoInstancesPerTest, type Instance } from './helpers.ts';

const Q = 'We are building an online shop with an admin back office and a team of juniors';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let fake: FakeSlack;
let a: Instance;
let b: Instance;

const pair = twoInstancesPerTest('inst');
beforeEach(() => {
  ({ fake, a, b } = pair);
  expect(a.dataDir).not.toBe(b.dataDir);
});


const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
const slash = (inst: Instance, text: string, hook: string, over: Record<string, string> = {}) => postTo(inst.base, slashCommand(text, `${fake.base}/r/${hook}`, over), FORM);

/** The button values of the answer posted to response_url `hook`. */
function buttonsOf(hook: string): Map<string, ReturnType<typeof unpackValue>> {
  const out = new Map<string, ReturnType<typeof unpackValue>>();
  const body = fake.callsTo(`r/${hook}`)[0]?.body as { blocks?: { type: string; elements?: { action_id?: string; value?: string }[] }[] } | undefined;
  for (const block of body?.blocks ?? []) for (const el of block.elements ?? []) if (el.action_id && el.value) out.set(el.action_id, unpackValue(el.value));
  return out;
}

describe('two instances on one PostgreSQL', () => {
  it('a channel watched through one instance is watched by the other', async () => {
    expect(await slash(a, 'watch on', 'w1', { channel_id: 'C5' })).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/w1').length === 1, 5000, 'the watch confirmation');
    // The change is announced in the channel, naming who made it (issue 12 item 9), before it holds.
    expect(fake.callsTo('chat.postMessage#C5')).toHaveLength(1);
    expect(String(fake.callsTo('chat.postMessage#C5')[0]?.body.text)).toContain('<@U1>');
    const question = envelope({ type: 'message', channel: 'C5', channel_type: 'channel', user: 'U1', text: 'Should we pick Django or Flask for our new online shop?', ts: '800.1' }, 'EvW1');
    expect(await postTo(b.base, question, JSON_TYPE)).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C5').length === 2, 8000, 'the answer in the watched channel');
    expect(fake.callsTo('chat.postMessage#C5')[1]?.body.thread_ts).toBe('800.1');
  });

  it('one event delivered to both instances (signed separately, no retry header) is answered once', async () => {
    const body = envelope({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${Q}`, channel: 'C6', ts: '801.1', event_ts: '801.1' }, 'EvTwice');
    const now = Math.floor(Date.now() / 1000);
    const [s1, s2] = await Promise.all([postTo(a.base, body, JSON_TYPE, { ts: now }), postTo(b.base, body, JSON_TYPE, { ts: now - 1 })]);
    expect([s1, s2]).toEqual([200, 200]);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C6').length >= 1, 8000, 'the answer');
    await settle(500);
    expect(fake.callsTo('chat.postMessage#C6')).toHaveLength(1);
  });

  it('the same signed request replayed to the other instance is dropped there', async () => {
    const body = slashCommand(Q, `${fake.base}/r/rp1`);
    const ts = Math.floor(Date.now() / 1000);
    const signature = sign(body, ts, SECRET);
    expect(await postTo(a.base, body, FORM, { ts, signature })).toBe(200);
    expect(await postTo(b.base, body, FORM, { ts, signature })).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/rp1').length >= 1, 5000, 'the answer');
    await settle();
    expect(fake.callsTo('r/rp1')).toHaveLength(1);
    // Dropped after its ack by whichever instance claimed the signature second (b, in practice).
    expect([a, b].flatMap((i) => i.logger.lines).filter((l) => l.includes('dropped a replayed request'))).toHaveLength(1);
  });

  it('a share and a vote replayed to the other instance get 200 there and run nothing: no second share, no second vote', async () => {
    expect(await slash(a, Q, 'rp2')).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/rp2').length === 1, 5000, 'the answer');
    const share = buttonsOf('rp2').get(ActionId.share);
    const key = share!.k!;
    for (let i = 0; !(await b.store.getAnswer(key)) && i < 50; i++) await settle(20);
    // Count the vote writes of each instance (the replay must not write, not even the same row again).
    const writes = { a: 0, b: 0 };
    for (const [name, inst] of [['a', a], ['b', b]] as const) {
      const write = inst.store.recordFeedback.bind(inst.store);
      inst.store.recordFeedback = (row) => (writes[name]++, write(row));
    }
    const replay = async (body: string) => {
      const ts = Math.floor(Date.now() / 1000);
      const signature = sign(body, ts, SECRET);
      expect(await postTo(a.base, body, FORM, { ts, signature })).toBe(200);
      expect(await postTo(b.base, body, FORM, { ts, signature })).toBe(200);
    };
    const drops = () => [a, b].flatMap((i) => i.logger.lines).filter((l) => l.includes('dropped a replayed request')).length;
    const before = drops();
    await replay(buttonClick({ actionId: ActionId.share, value: share, responseUrl: `${fake.base}/r/rsh`, channel: 'C8', user: 'U1' }));
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C8').length === 1, 5000, 'the decision record');
    await replay(buttonClick({ actionId: ActionId.feedbackUp, value: { q: Q, k: key }, responseUrl: `${fake.base}/r/rvote`, user: 'U1' }));
    await fake.waitFor(() => fake.callsTo('r/rvote').length >= 1, 5000, 'the thanks');
    await settle();
    expect(fake.callsTo('chat.postMessage#C8')).toHaveLength(1);
    expect(fake.callsTo('r/rsh')).toHaveLength(1); // "Shared in the channel", once
    expect(fake.callsTo('r/rvote')).toHaveLength(1);
    // One of the two ran each (the first to claim the signature in the store: `a`, in practice).
    expect(writes.a + writes.b).toBe(1);
    expect((await b.store.feedbackSummary()).total).toBe(1);
    expect(drops()).toBe(before + 2);
  });

  it('an answer made by one instance is shared through the other: the stored answer, not a re-ask', async () => {
    expect(await slash(a, Q, 'ans1')).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/ans1').length === 1, 5000, 'the answer');
    const share = buttonsOf('ans1').get(ActionId.share);
    expect(share?.k).toBeTruthy();
    const key = share!.k!;
    let stored = await b.store.getAnswer(key);
    for (let i = 0; !stored && i < 50; i++) stored = (await settle(20), await b.store.getAnswer(key));
    expect(stored?.question).toBe(Q);
    // Mark the stored record: a re-ask would not carry the mark.
    await a.store.putAnswer(key, { ...stored!, question: `${Q} (as stored)` }, 60_000);
    // Only the asker may share it, on the other instance too (the asker comes with the stored answer).
    expect(await postTo(b.base, buttonClick({ actionId: ActionId.share, value: share, responseUrl: `${fake.base}/r/sh0`, channel: 'C1', user: 'U2' }), FORM)).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/sh0').length === 1, 5000, 'the refusal');
    expect(JSON.stringify(fake.callsTo('r/sh0')[0]?.body)).toContain('Only the person who asked can share this answer.');
    expect(fake.callsTo('chat.postMessage#C1')).toHaveLength(0);
    expect(await postTo(b.base, buttonClick({ actionId: ActionId.share, value: share, responseUrl: `${fake.base}/r/sh1`, channel: 'C1', user: 'U1' }), FORM)).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C1').length === 1, 5000, 'the decision record');
    expect(JSON.stringify(fake.callsTo('chat.postMessage#C1')[0]?.body)).toContain('(as stored)');
  });

  it("one user's vote sent through both instances is stored once, from the server's record of the answer", async () => {
    expect(await slash(a, Q, 'v0')).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/v0').length === 1, 5000, 'the answer');
    const body = fake.callsTo('r/v0')[0]?.body as { blocks?: { type: string; elements?: { type?: string; action_id?: string; positive_button?: { value: string }; negative_button?: { value: string } }[] }[] };
    const fb = (body.blocks ?? []).flatMap((b) => b.elements ?? []).find((e) => e.type === 'feedback_buttons')!;
    const up = JSON.parse(fb.positive_button!.value) as { k: string; vote: string };
    const key = up.k;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    let stored = await b.store.getAnswer(key);
    for (let i = 0; !stored && i < 50; i++) stored = (await settle(20), await b.store.getAnswer(key));
    expect(stored).toBeTruthy();
    // The value names the answer and the vote only; fields a client adds (a forged verdict,
    // confidence or question) change nothing of what is stored.
    const vote = (v: 'up' | 'down', k = key) => JSON.stringify({ k, vote: v, q: 'forged question', v: 'flask', c: 1 });
    const click = (inst: Instance, hook: string, value: string, user = 'U1') =>
      postTo(
        inst.base,
        new URLSearchParams({
          payload: JSON.stringify({
            type: 'block_actions',
            team: { id: 'T1' },
            user: { id: user },
            api_app_id: 'A1',
            container: { type: 'message', is_ephemeral: true },
            trigger_id: '1.2.3',
            channel: { id: 'C1' },
            response_url: `${fake.base}/r/${hook}`,
            actions: [{ type: 'feedback_buttons', block_id: BlockId.feedback, action_id: fb.action_id, value, action_ts: '1.3' }],
          }),
        }).toString(),
        FORM,
      );
    // The same click delivered to both (a proxy retrying elsewhere), at once: one row.
    expect(await Promise.all([click(a, 'v1', vote('up')), click(b, 'v2', vote('up'))])).toEqual([200, 200]);
    await fake.waitFor(() => fake.callsTo('r/v1').length === 1 && fake.callsTo('r/v2').length === 1, 5000, 'both thanks');
    let sum = await a.store.feedbackSummary();
    expect(sum.total).toBe(1);
    expect(sum.helpful).toBe(1);
    // A second click by the same user, through the other instance, changes the vote; still one row.
    expect(await click(b, 'v3', vote('down'))).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/v3').length === 1, 5000, 'thanks');
    sum = await b.store.feedbackSummary();
    expect(sum.total).toBe(1);
    expect(sum.helpful).toBe(0);
    const row = sum.unhelpful[0]!;
    expect(row.question).toBe(Q);
    expect(row.verdict).toBe(stored!.answer.verdict);
    expect(row.confidence).toBeCloseTo(stored!.answer.confidence);
    // Another user's vote is a row of its own.
    expect(await click(a, 'v4', vote('up'), 'U2')).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/v4').length === 1, 5000, 'thanks');
    expect((await a.store.feedbackSummary()).total).toBe(2);
    // A vote for an answer neither instance knows is refused politely, and stores nothing.
    expect(await click(b, 'v5', vote('up', '0123456789abcdef'))).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/v5').length === 1, 5000, 'the refusal');
    expect(JSON.stringify(fake.callsTo('r/v5')[0]?.body)).toContain('I no longer have that answer');
    expect((await b.store.feedbackSummary()).total).toBe(2);
  });

  it('the store down at run time: the user gets an answer anyway and the instance keeps serving', async () => {
    await a.store.close(); // its pool is gone: every store call fails with STORAGE
    expect(await slash(a, Q, 'down1')).toBe(200);
    await fake.waitFor(() => fake.callsTo('r/down1').length === 1, 5000, 'the answer');
    const mention = envelope({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${Q}`, channel: 'C7', ts: '802.1', event_ts: '802.1' }, 'EvDown');
    expect(await postTo(a.base, mention, JSON_TYPE)).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage#C7').length === 1, 8000, 'the mention answer');
    expect(a.logger.lines.some((l) => l.includes('STORAGE'))).toBe(true);
  });
});
