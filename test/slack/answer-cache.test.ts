import { describe, expect, it } from 'vitest';
import { AnswerCache, TtlSet } from '../../src/slack/conversation/answer-cache.ts';
import { makeAnswer } from './fixtures.ts';

describe('caches', () => {
  it('the answer cache forgets the least recently used beyond its capacity', () => {
    const c = new AnswerCache(1);
    const k = c.put({ question: 'q', history: [], answer: makeAnswer() });
    expect(c.get(k)?.question).toBe('q');
    c.put({ question: 'q2', history: [], answer: makeAnswer() });
    expect(c.get(k)).toBeUndefined();
  });
  it('TTL set de-duplicates within the TTL only', () => {
    let t = 0;
    const s = new TtlSet(1000, 100, () => t);
    expect(s.firstTime('e1')).toBe(true);
    expect(s.firstTime('e1')).toBe(false);
    t = 1500;
    expect(s.firstTime('e1')).toBe(true);
  });
});
