import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { evaluate, loadScenarios, meetsThresholds } from './evaluate.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('evaluation on the team scenario set', async () => {
  const advisor = await loadAdvisor({ knowledgeDir: path.join(root, 'knowledge') });
  const scenarios = await loadScenarios(path.join(root, 'test/eval/scenarios.yml'));
  const report = evaluate(advisor, scenarios);

  it('has at least 80 scenarios across every group', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(80);
    expect(new Set(scenarios.map((s) => s.group))).toEqual(
      new Set(['django', 'flask', 'either', 'aspect', 'nuanced', 'fact', 'out_of_scope', 'adversarial']),
    );
  });

  it('meets the verdict-accuracy and retrieval thresholds (npm run eval shows the detail)', () => {
    const { ok, reasons } = meetsThresholds(report);
    expect(reasons).toEqual([]);
    expect(ok).toBe(true);
  });

  it('every expected passage id exists (a typo would silently lower recall)', () => {
    const ids = new Set(advisor.kb.passages.map((p) => p.id));
    const missing = scenarios.flatMap((s) => (s.passages ?? []).filter((id) => !ids.has(id)).map((id) => `${s.id}: ${id}`));
    expect(missing).toEqual([]);
  });
});
