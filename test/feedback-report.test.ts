import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/index.ts';

describe('feedback report', () => {
  it('prints the helpful rate and the 👎 / low-confidence questions', async () => {
    const { formatFeedbackReport } = await import('../src/feedback-report.ts');
    const s = new SqliteStore(':memory:');
    const base = { intent: 'recommend', userId: 'U1', channelId: 'C1', at: new Date('2025-02-03T00:00:00Z') };
    await s.recordFeedback({ ...base, question: 'online shop', verdict: 'django', confidence: 0.9, helpful: true });
    await s.recordFeedback({ ...base, question: 'realtime chat?', verdict: 'either', confidence: 0.1, helpful: false });
    const text = formatFeedbackReport(await s.feedbackSummary());
    expect(text).toContain('helpful rate: 50%');
    expect(text).toMatch(/Not helpful[\s\S]*realtime chat\?/);
    expect(text).toMatch(/Low confidence[\s\S]*2025-02-03 {2}👎 {2}either\s+10% {2}realtime chat\?/);
    expect(formatFeedbackReport(await new SqliteStore(':memory:').feedbackSummary())).toContain('No feedback yet');
  });
});
