/**
 * Two scoring bugs of issue 10, each pinned by a test that failed on the old engine:
 * 6a negation ran past a comma; 6b a negated signal reused (and boosted) the positive rule's passages.
 */
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { REAL_KB } from './helpers.ts';

describe('scoring bugs (issue 10, item 6)', async () => {
  const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });

  it('6a: a negation ends at a comma, as it does at a full stop', () => {
    const comma = advisor.ask('we do not need an admin panel, small json api');
    const stop = advisor.ask('we do not need an admin panel. small json api');
    expect(comma.signals.map((s) => s.id).sort()).toEqual(stop.signals.map((s) => s.id).sort());
    expect(comma.scores).toEqual(stop.scores);
    expect(comma.verdict).toBe('flask');
    // The clause after the comma is read positively.
    expect(comma.signals.map((s) => s.id)).toContain('rest-api-only');
  });

  it('6b: a negated need never cites, nor boosts, the positive rule\'s passages', () => {
    const positive = advisor.kb.rules.find((r) => r.id === 'needs-admin')!.passages;
    const a = advisor.ask('we do not need an admin panel');
    const negated = a.signals.find((s) => s.id === 'not:needs-admin');
    expect(negated).toBeDefined();
    expect(negated!.passages.filter((p) => positive.includes(p))).toEqual([]);
    expect(a.passages.map((p) => p.id).filter((p) => positive.includes(p))).toEqual([]);
  });
});
