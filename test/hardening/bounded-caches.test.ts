/** Issue 12 item 1 (outside src/core): every cache the Slack layer keeps is bounded by entries and bytes. */
import { describe, expect, it } from 'vitest';
import { AnswerCache, TtlSet } from '../../src/slack/conversation/answer-cache.ts';
import { makeAnswer } from '../slack/fixtures.ts';

describe('bounded caches', () => {
  it('recent answers: at most `capacity` entries and `maxChars` characters, whatever their size', () => {
    const c = new AnswerCache(500, 1_000_000);
    const big = 'w'.repeat(4000);
    for (let i = 0; i < 2000; i++) c.put({ question: big, history: Array.from({ length: 30 }, () => big), answer: makeAnswer() });
    expect(c.stats().chars).toBeLessThanOrEqual(1_000_000);
    expect(c.stats().entries).toBeLessThan(10);
    const small = new AnswerCache(500);
    let last = '';
    for (let i = 0; i < 2000; i++) last = small.put({ question: `q${i}`, history: [], answer: makeAnswer() });
    expect(small.stats().entries).toBe(500);
    expect(small.get(last)).toBeDefined();
  });

  it('the default answer cache holds at most 4 M characters', () => {
    const c = new AnswerCache();
    const big = 'w'.repeat(4000);
    for (let i = 0; i < 500; i++) c.put({ question: big, history: Array.from({ length: 30 }, () => big), answer: makeAnswer() });
    expect(c.stats().chars).toBeLessThanOrEqual(4_000_000);
  });

  it('seen keys are cut to 200 characters', () => {
    const s = new TtlSet(60_000, 10);
    const long = 'e'.repeat(10_000);
    expect(s.firstTime(long)).toBe(true);
    expect(s.firstTime(`${'e'.repeat(200)}different tail`)).toBe(false);
    for (let i = 0; i < 100; i++) s.firstTime(`k${i}`);
    expect((s as unknown as { seen: Map<string, number> }).seen.size).toBeLessThanOrEqual(11);
  });
});
