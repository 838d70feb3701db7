import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Intent } from '../../src/core/types.ts';
import {
  SLACK_LIMITS as LIMITS,
  LLM_STREAMING_NOTE,
  LLM_SUMMARY_NOTE,
  answerMarkdown,
  buildAnswerBlocks,
  buildDecisionRecord,
  buildError,
  buildHelp,
  buildHome,
  buildNotice,
  buildSources,
  buildWizardModal,
  clampBlocks,
  parseFeedbackValue,
  renderBlocksAsText,
  section,
  verdictTitle,
} from '../../src/slack/ui/blocks/index.ts';
import { ActionId, BlockId } from '../../src/slack/ui/ids.ts';
import { unpackValue } from '../../src/slack/ui/button-values.ts';
import { ANSWERS_BY_INTENT, FakeAdvisor, STATS, limitViolations, makeAnswer } from './fixtures.ts';

const PINGS = ['<!channel>', '<!here>', '<!everyone>', '<!subteam^S0123|@devs>', '<@U0EVIL>'];
const EVIL = `Hey ${PINGS.join(' ')} & <https://evil.example|click> `;

function mrkdwnTexts(blocks: readonly unknown[]): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

function expectNoPings(blocks: readonly unknown[]) {
  for (const t of mrkdwnTexts(blocks)) {
    for (const p of PINGS) expect(t).not.toContain(p);
    expect(t).not.toMatch(/<!|<@U0EVIL/);
  }
}

const huge = 'x'.repeat(10_000);
const hugeWords = 'We need an admin & <!channel> interface '.repeat(250); // ~10 kB

function giantAnswer() {
  const long = (n: number) => `${EVIL}${'y'.repeat(n)}`;
  return makeAnswer({
    summary: long(9000),
    signals: Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, label: long(400), favours: 'django' as const, weight: i, passages: [] })),
    passages: Array.from({ length: 40 }, (_, i) => ({
      id: `p${i}`,
      text: long(5000),
      topics: [],
      stance: 'django' as const,
      sources: Array.from({ length: 12 }, (_, j) => ({ id: `s${i}-${j}`, title: long(300), publisher: long(200) })),
    })),
    followUps: Array.from({ length: 30 }, () => long(3000)),
    disagreements: Array.from({ length: 10 }, (_, i) => ({
      id: `d${i}`,
      question: long(2000),
      positions: [{ claim: long(2000), sources: [{ id: 'a', title: long(500), publisher: 'p' }] }],
      resolution: long(2000),
    })),
    aspect: { id: 'x', label: long(500) },
  });
}

describe('buildAnswerBlocks', () => {
  it.each(Object.keys(ANSWERS_BY_INTENT) as Intent[])('renders intent %s within limits', (intent) => {
    const a = ANSWERS_BY_INTENT[intent];
    const m = buildAnswerBlocks(a, { question: 'Which one?', key: 'k1', shareable: true });
    expect(limitViolations(m.blocks)).toEqual([]);
    expect(['header', 'section']).toContain(m.blocks[0]?.type);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('titles verdicts and intents', () => {
    expect(verdictTitle(makeAnswer({ verdict: 'django' }))).toBe('Django');
    expect(verdictTitle(makeAnswer({ verdict: 'flask' }))).toBe('Flask');
    expect(verdictTitle(makeAnswer({ verdict: 'either' }))).toBe("Either works — it's a close call");
    expect(verdictTitle(makeAnswer({ verdict: null }))).toMatch(/more/);
    expect(verdictTitle(ANSWERS_BY_INTENT.compare)).toBe('Django vs Flask: Performance');
    expect(verdictTitle(ANSWERS_BY_INTENT.fact)).toMatch(/sources say/);
    expect(verdictTitle(ANSWERS_BY_INTENT.out_of_scope)).toMatch(/outside/);
    expect(verdictTitle(ANSWERS_BY_INTENT.help)).toMatch(/works/);
  });

  it('a recommendation says each thing once: verdict and confidence in the header, the points explained, reasons with [n] and publisher', () => {
    const m = buildAnswerBlocks(makeAnswer(), { question: 'q', key: 'k' });
    const text = JSON.stringify(m.blocks);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Django · 72% confidence' } });
    expect(text.match(/72%/g)).toHaveLength(1);
    expect(text).toContain('*Why: 6 points from 1 need vs 2 from 1 need for Flask*');
    expect(text).toContain('• needs an admin interface *+3* · _[1] Publisher a_');
    expect(text).toContain('• a small JSON API *+2 Flask* · _[2] Publisher b_');
    // The rules' summary repeats what the blocks say: not shown. No score bar, no passages inline.
    expect(text).not.toContain('Django looks like the better fit');
    expect(text).not.toContain('█');
    expect(text).not.toContain('saves weeks');
    expect(text).toContain('2 passages from 3 articles');
    // The disagreement (speed) touches nothing the asker said: behind Sources & details.
    expect(text).not.toContain('Sources disagree');
  });

  it('a disagreement gets one line only when it touches the asker\'s signals or the fact asked', () => {
    const a = makeAnswer({ disagreements: [{ id: 'd', question: 'Is the admin interface worth it?', positions: [], resolution: 'Yes for staff tools.' }] });
    const t = JSON.stringify(buildAnswerBlocks(a, { question: 'shop' }).blocks);
    expect(t).toContain(':scales: *Sources disagree:* Is the admin interface worth it? Yes for staff tools.');
    const fact = makeAnswer({ intent: 'fact', verdict: null, signals: [], disagreements: [{ id: 'r', question: 'When did Flask first appear?', positions: [], resolution: '2010.' }] });
    expect(JSON.stringify(buildAnswerBlocks(fact, { question: 'who created Flask?' }).blocks)).not.toContain('Sources disagree');
    expect(JSON.stringify(buildAnswerBlocks(fact, { question: 'when was flask released? when did it appear' }).blocks)).toContain('Sources disagree');
  });

  it('honest numbers: a close call as "4 vs 3 points", no confidence on facts, compares or refusals', () => {
    const close = buildAnswerBlocks(makeAnswer({ verdict: 'either', confidence: 0.1, scores: { django: 4, flask: 3 } }), { question: 'q' });
    expect(JSON.stringify(close.blocks)).toContain('*Django 4 vs Flask 3 points*');
    expect(JSON.stringify(close.blocks)).not.toContain('%');
    for (const intent of ['fact', 'compare', 'out_of_scope', 'help'] as Intent[]) {
      expect(JSON.stringify(buildAnswerBlocks(ANSWERS_BY_INTENT[intent], { question: 'q' }).blocks)).not.toMatch(/\d%/);
    }
    expect(JSON.stringify(buildAnswerBlocks(ANSWERS_BY_INTENT.compare, { question: 'q' }).blocks)).toContain('The articles lean towards *Flask* on performance (1 of 2 passages).');
  });

  it('actions fit the answer: Share first on a private recommendation, Refine only on recommendations, none on refusals or help', () => {
    const m = buildAnswerBlocks(makeAnswer(), { question: 'Our shop?', key: 'abc', shareable: true });
    const acts = m.blocks.find((b) => b.block_id === BlockId.answerActions) as { elements: { action_id: string; value: string }[] };
    expect(acts.elements.map((e) => e.action_id)).toEqual([ActionId.share, ActionId.details, ActionId.refine]);
    expect(unpackValue(acts.elements[0]?.value)).toEqual({ q: 'Our shop?', k: 'abc' });
    const fb = m.blocks.at(-1) as { type: string; elements: { type: string; action_id: string; positive_button: { value: string }; negative_button: { value: string } }[] };
    expect(fb.type).toBe('context_actions');
    expect(fb.elements[0]).toMatchObject({ type: 'feedback_buttons', action_id: ActionId.feedback });
    expect(parseFeedbackValue(fb.elements[0]!.positive_button.value)).toEqual({ k: 'abc', vote: 'up' });
    expect(parseFeedbackValue(fb.elements[0]!.negative_button.value)).toEqual({ k: 'abc', vote: 'down' });
    expect(fb.elements[0]!.positive_button.value.length).toBeLessThan(60);
    const ids = (a: Answer) => JSON.stringify(buildAnswerBlocks(a, { question: 'q', key: 'k', shareable: true }).blocks);
    for (const intent of ['out_of_scope', 'help', 'fact', 'compare'] as Intent[]) {
      expect(ids(ANSWERS_BY_INTENT[intent])).not.toContain(ActionId.share);
      expect(ids(ANSWERS_BY_INTENT[intent])).not.toContain(`"${ActionId.refine}"`);
    }
    expect(ids(ANSWERS_BY_INTENT.help)).not.toContain(ActionId.feedback);
    expect(ids(ANSWERS_BY_INTENT.out_of_scope)).not.toContain(ActionId.details);
    expect(JSON.stringify(buildAnswerBlocks(makeAnswer({ followUps: [] }), { question: 'q' }).blocks)).not.toContain(BlockId.followUps);
    const close = buildAnswerBlocks(makeAnswer({ verdict: 'either' }), { question: 'q', key: 'abc' });
    const follow = close.blocks.find((b) => b.block_id === BlockId.followUps) as { elements: { action_id: string; value: string }[] };
    expect(follow.elements.map((e) => e.action_id)).toEqual(['ask_0', 'ask_1']);
    expect(unpackValue(follow.elements[0]?.value)).toEqual({ q: 'How big is your team?', k: 'abc' });
  });

  it('an LLM summary is shown, marked, and left out after a native stream (it was the streamed text)', () => {
    const a = makeAnswer({ summary: 'LLM words [1].', summarySource: 'llm' });
    expect(JSON.stringify(buildAnswerBlocks(a, { question: 'q' }).blocks)).toContain(LLM_SUMMARY_NOTE);
    expect(JSON.stringify(buildAnswerBlocks(a, { question: 'q', summaryStreaming: true }).blocks)).toContain(LLM_STREAMING_NOTE);
    const after = buildAnswerBlocks(a, { question: 'q', key: 'k', afterStream: true });
    expect(JSON.stringify(after.blocks)).not.toContain('LLM words');
    expect(JSON.stringify(after.blocks)).not.toContain('needs an admin interface'); // the reasons were streamed too
    expect(after.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: LLM_SUMMARY_NOTE }] });
    expect(answerMarkdown(a)).toBe('**Django** · 72% confidence · 6 points from 1 need vs 2 from 1 need for Flask\n- needs an admin interface **+3** [1]\n- a small JSON API **+2 Flask** [2]');
    expect(after.blocks.at(-1)?.type).toBe('context_actions');
  });

  it('stays within limits with a 10 kB question and a giant answer', () => {
    for (const q of [huge, hugeWords, `${EVIL}${huge}`]) {
      const m = buildAnswerBlocks(giantAnswer(), { question: q, key: 'k', shareable: true });
      expect(limitViolations(m.blocks)).toEqual([]);
      expectNoPings(m.blocks);
      expect(m.blocks.at(-1)?.type).toBe('context_actions');
      const acts = m.blocks.at(-2) as { type: string; elements: { value: string }[] };
      expect(acts.type).toBe('actions');
      // The question survives (truncated) in the button value.
      expect(unpackValue(acts.elements[0]?.value)?.q.length).toBeGreaterThan(100);
    }
  });

  it('escapes user text everywhere: no @channel/@here/user-group/user pings', () => {
    const a = makeAnswer({ summary: EVIL, followUps: [EVIL], signals: [{ id: 'x', label: EVIL, favours: 'flask', weight: 1, passages: [] }] });
    const m = buildAnswerBlocks(a, { question: EVIL, key: 'k', shareable: true });
    expectNoPings(m.blocks);
    expect(JSON.stringify(m.blocks)).toContain('&lt;!channel&gt;');
  });

  it('property: any question and summary stay in limits and cannot ping', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12_000 }), fc.string({ maxLength: 5000 }), fc.constantFrom(...PINGS), (q, s, ping) => {
        const m = buildAnswerBlocks(makeAnswer({ summary: s + ping }), { question: ping + q + ping, key: 'k', shareable: true });
        expect(limitViolations(m.blocks)).toEqual([]);
        expectNoPings(m.blocks);
      }),
      { numRuns: 150 },
    );
  });
});

describe('other builders', () => {
  it('decision record: who shared which decision first, the fields, three reasons, sources, discuss in thread', () => {
    const m = buildDecisionRecord(makeAnswer(), { question: `${EVIL} online shop, team of four juniors`, sharedBy: 'U123ABC' });
    const t = JSON.stringify(m.blocks);
    expect(m.blocks[0]).toMatchObject({ type: 'section', text: { text: '<@U123ABC> shared a decision: *Django*' } });
    expect(t).toContain('_Question:_');
    for (const f of ['*Decision*\\nDjango', '*Confidence*\\n72% (6 points from 1 need vs 2 from 1 need for Flask)', '*Team*\\n2–5 developers, mostly junior', '*Needs*\\nneeds an admin interface, a small JSON API']) expect(t).toContain(f);
    expect(t).toContain('*Why*');
    expect(t).toContain('*Sources:* 2 passages from 3 articles');
    expect(t).toContain('Discuss in thread');
    expect(m.text).toContain('shared a decision: Django');
    expectNoPings(m.blocks);
    expect(limitViolations(buildDecisionRecord(giantAnswer(), { question: huge, sharedBy: 'U1' }).blocks)).toEqual([]);
    expect(JSON.stringify(buildDecisionRecord(makeAnswer(), { question: 'q', sharedBy: '<!channel>' }).blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(buildDecisionRecord(makeAnswer({ verdict: 'either', scores: { django: 3, flask: 2 } }), { question: 'q', sharedBy: 'U1' }).blocks)).toContain('close call (Django 3 vs Flask 2 points)');
  });

  it('help, home, sources, error, notice within limits', () => {
    const advisor = new FakeAdvisor();
    const help = buildHelp();
    expect(limitViolations(help.blocks)).toEqual([]);
    expect(JSON.stringify(help.blocks)).toContain('compare');
    const home = buildHome(STATS);
    expect(home.type).toBe('home');
    expect(limitViolations(home.blocks, 100)).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain(ActionId.openWizard);
    expect(JSON.stringify(home.blocks)).toContain('*179* passages');
    expect(JSON.stringify(buildHome(null).blocks)).toContain('not available');
    const src = buildSources(advisor.sources(), STATS);
    expectNoPings(src.blocks);
    expect(JSON.stringify(src.blocks)).toContain('<https://example.com/a|Django vs Flask>');
    const many = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, title: `${EVIL}${i}`, publisher: 'p', seed: 's', passages: i }));
    const big = buildSources(many, STATS);
    expect(limitViolations(big.blocks)).toEqual([]);
    expectNoPings(big.blocks);
    const err = buildError('ERR-ABC1234');
    expect(JSON.stringify(err.blocks)).toContain('ERR-ABC1234');
    expect(err.text).not.toMatch(/at .*\.ts:\d+/);
    expectNoPings(buildNotice(EVIL).blocks);
  });

  it('wizard modal: ids, limits, pre-fill', () => {
    const v = buildWizardModal({ description: huge, admin: 'yes', teamSize: 'small', experience: 'junior' }, '{"r":"x"}');
    expect(v.callback_id).toBe('wizard_modal');
    expect(v.blocks.length).toBeLessThanOrEqual(100);
    expect(v.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    const desc = v.blocks.find((b) => b.block_id === BlockId.wizDescription) as { element: { initial_value: string } };
    expect(desc.element.initial_value.length).toBeLessThanOrEqual(3000);
    const needs = v.blocks.find((b) => b.block_id === BlockId.wizNeeds) as { element: { type: string; initial_options: { value: string }[] } };
    expect(needs.element.type).toBe('checkboxes');
    expect(needs.element.initial_options.map((o) => o.value)).toEqual(['admin']);
    expect(v.private_metadata).toBe('{"r":"x"}');
    expect(buildWizardModal({}, 'x'.repeat(4000)).private_metadata).toBe('');
  });

  it('clampBlocks keeps the actions and notes the cut', () => {
    const blocks = [...Array.from({ length: 80 }, (_, i) => section(`s${i}`)), { type: 'actions' as const, block_id: 'a', elements: [] }];
    const c = clampBlocks(blocks);
    expect(c).toHaveLength(50);
    expect(c.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(c)).toContain('Shortened');
  });

  it('renders blocks as readable text', () => {
    const t = renderBlocksAsText(buildAnswerBlocks(makeAnswer({ summary: 'a <b> & c', summarySource: 'llm' }), { question: 'q', shareable: true }).blocks);
    expect(t).toContain('DJANGO');
    expect(t).toContain('a <b> & c');
    expect(t).toContain('[Share in channel]');
  });
});
