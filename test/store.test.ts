import { describe, expect, it } from 'vitest';
import { SqliteStore, withRetry } from '../src/store/index.ts';

describe('store', () => {
  it('stores feedback and watched channels and summarises', async () => {
    const s = new SqliteStore(':memory:');
    const base = { question: 'q', intent: 'recommend', verdict: 'django', userId: 'U1', channelId: 'C1', at: new Date('2025-01-01T00:00:00Z') };
    await s.recordFeedback({ ...base, confidence: 0.9, helpful: true });
    await s.recordFeedback({ ...base, question: 'gap', confidence: 0.2, helpful: false });
    await s.recordFeedback({ ...base, question: 'unsure', confidence: 0.3, helpful: true });
    const sum = await s.feedbackSummary();
    expect(sum.total).toBe(3);
    expect(sum.helpfulRate).toBeCloseTo(2 / 3);
    expect(sum.unhelpful.map((r) => r.question)).toEqual(['gap']);
    expect(sum.lowConfidence.map((r) => r.question).sort()).toEqual(['gap', 'unsure']);
    expect(await s.isWatched('C1')).toBe(false);
    await s.setWatched('C1', true, 'U1', new Date());
    expect(await s.isWatched('C1')).toBe(true);
    await s.setWatched('C1', false, 'U1', new Date());
    expect(await s.isWatched('C1')).toBe(false);
    s.close();
  });
  it('reports a failed write as a STORAGE error; withRetry retries once', async () => {
    const s = new SqliteStore(':memory:');
    s.close();
    await expect(s.recordFeedback({ question: 'q', intent: null, verdict: null, confidence: 0, helpful: true, userId: 'U', channelId: null, at: new Date() })).rejects.toMatchObject({ code: 'STORAGE' });
    let n = 0;
    await expect(withRetry(async () => (++n === 1 ? Promise.reject(new Error('x')) : 'ok'))).resolves.toBe('ok');
    n = 0;
    await expect(withRetry(async () => Promise.reject(new Error(`fail ${++n}`)))).rejects.toThrow('fail 2');
  });
});
