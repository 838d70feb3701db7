/**
 * Property tests over every Block Kit builder with generated, hostile content everywhere a
 * string can come from (the question, an LLM summary, knowledge-base labels, passages, sources,
 * disagreements, follow-ups, the sharer's id, the wizard's description, button values).
 *
 * Generated inputs checked in this file (numRuns): answers 3,000 + decision records 1,200 +
 * notices/errors 1,000 + sources 500 + wizard 500 + help/home 300 + button values 1,000 +
 * markup helpers 500 = 8,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerPassage, Disagreement, Signal, SourceRef } from '../../src/core/types.ts';
import {
  buildAnswerBlocks,
  buildDecisionRecord,
  buildError,
  buildHelp,
  buildHome,
  buildNotice,
  buildSources,
  buildWizardModal,
  renderBlocksAsText,
} from '../../src/slack/ui/blocks/index.ts';
import { escapeMrkdwn, stripSlackMarkup, truncate } from '../../src/slack/ui/mrkdwn.ts';
import { packValue, unpackValue } from '../../src/slack/ui/button-values.ts';
import { parseFeedbackValue } from '../../src/slack/ui/blocks/feedback.ts';
import { counter, hostileText, messageViolations, pingsIn, SLACK, viewViolations } from './helpers.ts';

export const RUNS = { answers: 3000, records: 1200, notices: 1000, sources: 500, wizard: 500, helpHome: 300, values: 1000, markup: 500 } as const;

const shortText = fc.oneof(hostileText.map((t) => t.slice(0, 400)), fc.string({ maxLength: 40 }));
const num = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 100 }), fc.constantFrom(0, 1, 0.5, Infinity, -Infinity, NaN));
const source: fc.Arbitrary<SourceRef> = fc.record({ id: fc.string({ maxLength: 10 }), title: shortText, publisher: shortText });
const passage: fc.Arbitrary<AnswerPassage> = fc.record({
  id: fc.string({ maxLength: 10 }),
  text: hostileText,
  topics: fc.array(shortText, { maxLength: 3 }),
  stance: fc.constantFrom('django', 'flask', 'neutral', 'fastapi'),
  sources: fc.array(source, { maxLength: 6 }),
});
const signal: fc.Arbitrary<Signal> = fc.record({
  id: fc.string({ maxLength: 20 }),
  label: shortText,
  favours: fc.constantFrom('django', 'flask', 'neither'),
  weight: num,
  passages: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
});
const disagreement: fc.Arbitrary<Disagreement> = fc.record(
  {
    id: fc.string({ maxLength: 10 }),
    question: shortText,
    positions: fc.array(fc.record({ claim: shortText, sources: fc.array(source, { maxLength: 3 }) }), { maxLength: 4 }),
    resolution: shortText,
  },
  { requiredKeys: ['id', 'question', 'positions'] },
);
const answer: fc.Arbitrary<Answer> = fc.record(
  {
    intent: fc.constantFrom('recommend', 'compare', 'fact', 'help', 'out_of_scope'),
    verdict: fc.constantFrom('django', 'flask', 'either', null),
    confidence: num,
    scores: fc.record({ django: num, flask: num }),
    signals: fc.array(signal, { maxLength: 14 }),
    passages: fc.array(passage, { maxLength: 8 }),
    summary: hostileText,
    summarySource: fc.constantFrom('rules', 'llm'),
    followUps: fc.array(shortText, { maxLength: 8 }),
    disagreements: fc.array(disagreement, { maxLength: 5 }),
    aspect: fc.record({ id: fc.string({ maxLength: 10 }), label: shortText }),
  },
  { requiredKeys: ['intent', 'verdict', 'confidence', 'scores', 'signals', 'passages', 'summary', 'summarySource', 'followUps', 'disagreements'] },
);

describe('Block Kit builders under hostile content', () => {
  it(`answer message: ${RUNS.answers} generated answers and questions`, () => {
    const c = counter();
    fc.assert(
      fc.property(answer, hostileText, fc.boolean(), fc.option(fc.string({ minLength: 1, maxLength: 64 })), (a, question, shareable, key) => {
        c.hit();
        const m = buildAnswerBlocks(a, { question, shareable, ...(key ? { key } : {}) });
        expect(messageViolations(m)).toEqual([]);
        expect(['header', 'section']).toContain(m.blocks[0]?.type);
        // Every button value parses back to a payload the handlers accept.
        for (const b of m.blocks) {
          if (b.type === 'context_actions') {
            for (const e of b.elements) if (e.type === 'feedback_buttons') for (const side of [e.positive_button, e.negative_button]) expect(parseFeedbackValue(side.value)).not.toBeNull();
          }
          if (b.type !== 'actions') continue;
          for (const e of b.elements) if (e.type === 'button' && e.value !== undefined) expect(unpackValue(e.value)).not.toBeNull();
        }
        expect(() => renderBlocksAsText(m.blocks)).not.toThrow();
      }),
      { numRuns: RUNS.answers, seed: 6101 },
    );
    expect(c.n).toBe(RUNS.answers);
  });

  it(`decision record: ${RUNS.records} generated answers, questions and sharers`, () => {
    const c = counter();
    const sharer = fc.oneof(fc.constantFrom('U0A1B2C3', 'W123', '<!channel>', 'U1> <!here', '', 'u1'), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(answer, hostileText, sharer, (a, question, sharedBy) => {
        c.hit();
        const m = buildDecisionRecord(a, { question, sharedBy });
        // The only mention allowed is the sharer's, and only when it is a real user id.
        const allowed = /^[UW][A-Z0-9]{1,20}$/.test(sharedBy) ? [`<@${sharedBy}>`] : [];
        expect(messageViolations(m, allowed)).toEqual([]);
      }),
      { numRuns: RUNS.records, seed: 6102 },
    );
    expect(c.n).toBe(RUNS.records);
  });

  it(`notices and errors: ${RUNS.notices} generated texts`, () => {
    const c = counter();
    fc.assert(
      fc.property(hostileText, hostileText, (text, ref) => {
        c.hit();
        expect(messageViolations(buildNotice(text.trim() || 'x'))).toEqual([]);
        expect(messageViolations(buildError(ref, text.trim() || undefined))).toEqual([]);
      }),
      { numRuns: RUNS.notices, seed: 6103 },
    );
    expect(c.n).toBe(RUNS.notices);
  });

  it(`sources: ${RUNS.sources} generated source lists`, () => {
    const c = counter();
    const src = fc.record({
      id: fc.string({ maxLength: 8 }),
      title: shortText,
      publisher: shortText,
      seed: fc.oneof(fc.webUrl(), shortText, fc.constantFrom('https://x.example/a|<!channel>', 'https://x.example/<!here>', 'seed.txt')),
      passages: fc.nat(1000),
    });
    const stats = fc.record({ passages: fc.nat(), sources: fc.nat(), topics: fc.nat(), unsourced: fc.nat(), conflicts: fc.nat(), rules: fc.nat(), synonymGroups: fc.nat() });
    fc.assert(
      fc.property(fc.array(src, { maxLength: 300 }), stats, (sources, s) => {
        c.hit();
        const m = buildSources(sources, s);
        expect(messageViolations(m)).toEqual([]);
      }),
      { numRuns: RUNS.sources, seed: 6104 },
    );
    expect(c.n).toBe(RUNS.sources);
  });

  it(`wizard modal: ${RUNS.wizard} generated pre-fills and metadata`, () => {
    const c = counter();
    const pick = (xs: string[]) => fc.option(fc.oneof(fc.constantFrom(...xs), fc.string({ maxLength: 10 })), { nil: undefined });
    fc.assert(
      fc.property(hostileText, pick(['1', '2-5', 'small', 'junior', 'yes', 'no']), hostileText, (description, v, meta) => {
        c.hit();
        const prefill = { description, teamSize: v, experience: v, admin: v, deadline: v, architecture: v } as Parameters<typeof buildWizardModal>[0];
        expect(viewViolations(buildWizardModal(prefill, meta))).toEqual([]);
      }),
      { numRuns: RUNS.wizard, seed: 6105 },
    );
    expect(c.n).toBe(RUNS.wizard);
  });

  it(`help and home: ${RUNS.helpHome} generated commands and figures`, () => {
    const c = counter();
    const stats = fc.option(fc.record({ passages: fc.nat(), sources: fc.nat(), topics: fc.nat(), unsourced: fc.nat(), conflicts: fc.nat(), rules: fc.nat(), synonymGroups: fc.nat() }), { nil: null });
    fc.assert(
      fc.property(fc.constantFrom('/framework', '/fw', '/framework-dev'), stats, (command, s) => {
        c.hit();
        expect(messageViolations(buildHelp({ command }))).toEqual([]);
        const home = buildHome(s);
        expect(viewViolations(home as never)).toEqual([]);
        expect(home.blocks.length).toBeLessThanOrEqual(SLACK.modalBlocks);
      }),
      { numRuns: RUNS.helpHome, seed: 6106 },
    );
    expect(c.n).toBe(RUNS.helpHome);
  });

  it(`button values: ${RUNS.values} generated payloads fit 2000 characters and round-trip`, () => {
    const c = counter();
    fc.assert(
      fc.property(
        hostileText,
        fc.option(fc.string({ maxLength: 64 }), { nil: undefined }),
        fc.constantFrom('django', 'flask', 'either', null, undefined),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        (q, k, v, conf) => {
          c.hit();
          const p = { q, ...(k !== undefined ? { k } : {}), ...(v !== undefined ? { v } : {}), ...(conf !== undefined ? { c: conf } : {}), i: 'recommend' };
          const packed = packValue(p);
          expect(packed.length).toBeLessThanOrEqual(SLACK.buttonValue);
          const back = unpackValue(packed);
          expect(back).not.toBeNull();
          // The question survives whole, or as a prefix of it (cut with an ellipsis) when too long.
          if (back && back.q !== q) expect(q.startsWith(back.q.replace(/…$/, ''))).toBe(true);
          // A hostile value never throws.
          expect(() => unpackValue(q)).not.toThrow();
        },
      ),
      { numRuns: RUNS.values, seed: 6107 },
    );
    expect(c.n).toBe(RUNS.values);
  });

  it(`markup helpers: ${RUNS.markup} generated texts`, () => {
    const c = counter();
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 0, max: 4000 }), (t, max) => {
        c.hit();
        const e = escapeMrkdwn(t);
        expect(pingsIn(e)).toEqual([]);
        expect(e).not.toMatch(/[<>]/);
        const cut = truncate(e, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(/&[a-z]{0,3}…$/); // never half an entity
        expect(() => stripSlackMarkup(t)).not.toThrow();
      }),
      { numRuns: RUNS.markup, seed: 6108 },
    );
    expect(c.n).toBe(RUNS.markup);
  });
});

describe('the checker is real', () => {
  it('reports broken limits and pings', () => {
    const bad = {
      text: 'hi <!here>',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: `${'y'.repeat(2990)} <!channel> <@U1>` } },
        { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'z'.repeat(76) }, value: 'v'.repeat(2001) }] },
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
      ],
    };
    const v = messageViolations(bad);
    expect(v.join('\n')).toMatch(/53 blocks > 50/);
    expect(v.join('\n')).toMatch(/header/);
    expect(v.join('\n')).toMatch(/3007 > 3000/);
    expect(v.join('\n')).toMatch(/button text/);
    expect(v.join('\n')).toMatch(/button value/);
    expect(v.filter((x) => x.includes('<!channel>') || x.includes('<@U1>') || x.includes('<!here>'))).toHaveLength(3);
  });
});
