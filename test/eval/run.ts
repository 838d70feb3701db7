/** `npm run eval`: print the evaluation and exit non-zero under the thresholds. */
import path from 'node:path';
import { loadAdvisor } from '../../src/core/index.ts';
import { evaluate, formatReport, loadScenarios, meetsThresholds, THRESHOLDS, pct } from './evaluate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const json = process.argv.includes('--json');
const advisor = await loadAdvisor({ knowledgeDir: path.join(root, 'knowledge') });
const report = evaluate(advisor, await loadScenarios(path.join(root, 'test/eval/scenarios.yml')));
const verdict = meetsThresholds(report);
if (json) {
  console.log(JSON.stringify({ ...report, failures: report.failures.length, ok: verdict.ok }));
} else {
  console.log(formatReport(report));
  console.log(
    `\nthresholds: verdict accuracy >= ${pct(THRESHOLDS.verdictAccuracy)}, recall@3 >= baseline + ${pct(THRESHOLDS.recallLift)}: ` +
      (verdict.ok ? 'met' : `NOT met (${verdict.reasons.join('; ')})`),
  );
}
process.exitCode = verdict.ok ? 0 : 1;
