import { describe, expect, it } from 'vitest';
import { AnswerCache, SharedSeen, TtlSet } from '../../src/slack/conversation/answer-cache.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { makeAnswer } from './fixtures.ts';

describe('caches', () => {
  it('the answer cache forgets the least recently used beyond its capacity', async () => {
    const c = new AnswerCache(1);
    const k = c.put({ question: 'q', history: [], answer: makeAnswer() });
    expect((await c.get(k))?.question).toBe('q');
    c.put({ question: 'q2', history: [], answer: makeAnswer() });
    expect(await c.get(k)).toBeUndefined();
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

describe('shared through the store (several instances)', () => {
  it('an answer put by one cache is read by another on the same store, with its asker', async () => {
    const store = new SqliteStore(':memory:');
    const a = new AnswerCache(10, 100_000, { store });
    const b = new AnswerCache(10, 100_000, { store });
    const k = a.put({ question: 'q', history: ['h'], answer: makeAnswer(), askedBy: 'U1' });
    await a.flush();
    const got = await b.get(k);
    expect(got?.question).toBe('q');
    expect(got?.history).toEqual(['h']);
    expect(got?.askedBy).toBe('U1');
    await store.close();
  });
  it('a store that fails is logged, never thrown: the local memory still answers', async () => {
    const store = new SqliteStore(':memory:');
    await store.close();
    const errors: string[] = [];
    const c = new AnswerCache(10, 100_000, { store, onError: (what) => errors.push(what) });
    const k = c.put({ question: 'q', history: [], answer: makeAnswer() });
    await c.flush();
    expect((await c.get(k))?.question).toBe('q');
    expect(await c.get('0123456789abcdef')).toBeUndefined();
    expect(errors).toEqual(['keeping an answer for its buttons', 'reading an answer behind a button']);
    const seen = new SharedSeen(store, 60_000, 100, (what) => errors.push(what));
    expect(await seen.firstTime('e:1')).toBe(true);
    expect(await seen.firstTime('e:1')).toBe(false);
    expect(errors).toHaveLength(3);
  });
  it('one key is claimed by one of two instances; each instance remembers its own first', async () => {
    const store = new SqliteStore(':memory:');
    const one = new SharedSeen(store, 60_000);
    const two = new SharedSeen(store, 60_000);
    expect(await one.firstTime('e:Ev1')).toBe(true);
    expect(await two.firstTime('e:Ev1')).toBe(false);
    expect(await one.firstTime('e:Ev1')).toBe(false);
    // Keys are cut to 200 characters in memory and in the store alike.
    expect(await one.firstTime(`m:${'x'.repeat(300)}`)).toBe(true);
    expect(await two.firstTime(`m:${'x'.repeat(250)}`)).toBe(false);
    await store.close();
  });
});
