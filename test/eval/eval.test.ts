import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { evaluate, loadScenarios, meetsThresholds } from './evaluate.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** One advisor for the sets below (answers do not depend on what was asked before). */
const shared = await loadAdvisor({ knowledgeDir: path.join(root, 'knowledge') });

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

/**
 * The blind-written development sets, as regression floors a little under today's figures: a
 * refactor that changes answers shows here (their misses may be read; the held-out sets' may not).
 */
describe.each([
  ['test/eval/dev2.yml', 0.97],
  ['test/eval/dev3.yml', 0.93],
  ['test/eval/dev4.yml', 0.92],
  ['test/eval/dev5.yml', 0.9],
  ['test/eval/dev6.yml', 0.91],
  ['test/eval/dev7.yml', 0.9],
  ['test/eval/dev8.yml', 0.87],
  ['test/eval/dev9.yml', 0.94],
  ['test/eval/dev10.yml', 0.9],
  ['test/eval/dev11.yml', 0.9],
  ['test/eval/dev12.yml', 0.9],
  ['test/eval/dev13.yml', 0.9],
  ['test/eval/dev14.yml', 0.9],
  ['test/eval/dev15.yml', 0.85],
  ['test/eval/dev16.yml', 0.87],
])('the development set %s', async (file, floor) => {
  const report = evaluate(shared, await loadScenarios(path.join(root, file)));
  it(`stays at or above ${floor * 100}% correct (node test/eval/run.ts --set ${file} lists the misses)`, () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(floor);
  });
});

describe.each([
  ['test/eval/heldout.yml', 40],
  ['test/eval/heldout-blind.yml', 150],
  ['test/eval/fresh.yml', 40],
  ['test/eval/fresh2.yml', 40],
  ['test/eval/fresh3.yml', 40],
])('the held-out set %s (reported by npm run eval:heldout, never enforced)', async (file, atLeast) => {
  const advisor = shared;
  const heldout = await loadScenarios(path.join(root, file));

  it('loads, with unique ids, no question shared with the development set, and real passage ids', async () => {
    const dev = await loadScenarios(path.join(root, 'test/eval/scenarios.yml'));
    expect(heldout.length).toBeGreaterThanOrEqual(atLeast);
    expect(new Set(heldout.map((s) => s.id)).size).toBe(heldout.length);
    const devQuestions = new Set(dev.map((s) => s.question.toLowerCase()));
    expect(heldout.filter((s) => devQuestions.has(s.question.toLowerCase())).map((s) => s.id)).toEqual([]);
    const ids = new Set(advisor.kb.passages.map((p) => p.id));
    expect(heldout.flatMap((s) => (s.passages ?? []).filter((id) => !ids.has(id)).map((id) => `${s.id}: ${id}`))).toEqual([]);
  });
});
