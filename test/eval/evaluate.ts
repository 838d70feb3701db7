/**
 * Evaluation: verdict and intent accuracy per group, and retrieval quality (recall@3 of
 * the expected passages, MRR), for the advisor and for a plain-BM25 baseline over the
 * same passages (no synonyms, no rules: verdict = the stance of the top passage).
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { buildPlainRetriever, type Advisor, type Verdict } from '../../src/core/index.ts';
import type { Passage } from '../../src/core/schema.ts';

export const THRESHOLDS = {
  /** Verdict accuracy over the whole set. */
  verdictAccuracy: 0.95,
  /** The advisor's recall@3 must beat the baseline's by at least this much. */
  recallLift: 0.1,
} as const;

const Scenario = z
  .object({
    id: z.string(),
    group: z.string(),
    q: z.string().optional(),
    q_repeat: z.object({ text: z.string(), times: z.number().int().positive() }).optional(),
    /** Earlier messages of the same thread, oldest first: `q` is answered as a reply in that thread. */
    history: z.array(z.string()).optional(),
    intent: z.enum(['recommend', 'compare', 'fact', 'help', 'out_of_scope']),
    verdict: z.enum(['django', 'flask', 'either']).nullable(),
    passages: z.array(z.string()).optional(),
    /** Facts: at least one of these strings (case-insensitive) must appear in the first passage shown. */
    expect_any: z.array(z.string()).min(1).optional(),
  })
  .refine((s) => (s.q === undefined) !== (s.q_repeat === undefined), 'give exactly one of q or q_repeat');
export type Scenario = z.infer<typeof Scenario> & { question: string };

export async function loadScenarios(file: string): Promise<Scenario[]> {
  const data = z.object({ scenarios: z.array(Scenario) }).parse(parseYaml(await readFile(file, 'utf8')));
  return data.scenarios.map((s) => ({ ...s, question: s.q ?? `${s.q_repeat!.text} `.repeat(s.q_repeat!.times).trim() }));
}

export interface GroupFigures {
  group: string;
  n: number;
  /** Intent and verdict both right (and, for facts, the first passage carries the fact). */
  correct: number;
  verdict: number;
  intent: number;
  baselineVerdict: number;
}
export interface EvalReport {
  n: number;
  groups: GroupFigures[];
  /** Intent and verdict both right: the headline figure. */
  accuracy: number;
  verdictAccuracy: number;
  intentAccuracy: number;
  baselineVerdictAccuracy: number;
  retrieval: { n: number; recall3: number; mrr: number; baselineRecall3: number; baselineMrr: number };
  failures: { id: string; q: string; expected: string; got: string }[];
}

function recallAt(ranked: string[], expected: string[], k: number): number {
  const top = new Set(ranked.slice(0, k));
  return expected.filter((id) => top.has(id)).length / expected.length;
}
function reciprocalRank(ranked: string[], expected: string[]): number {
  const i = ranked.findIndex((id) => expected.includes(id));
  return i < 0 ? 0 : 1 / (i + 1);
}
/** A fact answer is right only when its first passage carries one of the expected strings. */
function factFound(text: string | undefined, expected: string[] | undefined): boolean {
  if (!expected) return true;
  const t = (text ?? '').toLowerCase();
  return expected.some((e) => t.includes(e.toLowerCase()));
}
function stanceVerdict(p: Passage | undefined): Verdict {
  if (!p) return null;
  return p.stance === 'django' || p.stance === 'flask' ? p.stance : 'either';
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function evaluate(advisor: Advisor, scenarios: Scenario[]): EvalReport {
  const plain = buildPlainRetriever(advisor.kb);
  const rows = scenarios.map((s) => {
    const a = advisor.ask(s.question, s.history ? { history: s.history } : {});
    const base = plain(s.question, 4);
    const ranked = a.passages.map((p) => p.id);
    const baseRanked = base.map((p) => p.id);
    const exp = s.passages ?? [];
    return {
      s,
      a,
      verdictOk: a.verdict === s.verdict && factFound(a.passages[0]?.text, s.expect_any),
      intentOk: a.intent === s.intent,
      baseVerdictOk: s.expect_any ? factFound(base[0]?.text, s.expect_any) : stanceVerdict(base[0]) === s.verdict,
      retrieval: exp.length
        ? { r3: recallAt(ranked, exp, 3), rr: reciprocalRank(ranked, exp), br3: recallAt(baseRanked, exp, 3), brr: reciprocalRank(baseRanked, exp) }
        : undefined,
    };
  });
  const groups = [...new Set(scenarios.map((s) => s.group))].map((group) => {
    const g = rows.filter((r) => r.s.group === group);
    return {
      group,
      n: g.length,
      correct: mean(g.map((r) => +(r.verdictOk && r.intentOk))),
      verdict: mean(g.map((r) => +r.verdictOk)),
      intent: mean(g.map((r) => +r.intentOk)),
      baselineVerdict: mean(g.map((r) => +r.baseVerdictOk)),
    };
  });
  const withRetrieval = rows.filter((r) => r.retrieval).map((r) => r.retrieval!);
  return {
    n: rows.length,
    groups,
    accuracy: mean(rows.map((r) => +(r.verdictOk && r.intentOk))),
    verdictAccuracy: mean(rows.map((r) => +r.verdictOk)),
    intentAccuracy: mean(rows.map((r) => +r.intentOk)),
    baselineVerdictAccuracy: mean(rows.map((r) => +r.baseVerdictOk)),
    retrieval: {
      n: withRetrieval.length,
      recall3: mean(withRetrieval.map((r) => r.r3)),
      mrr: mean(withRetrieval.map((r) => r.rr)),
      baselineRecall3: mean(withRetrieval.map((r) => r.br3)),
      baselineMrr: mean(withRetrieval.map((r) => r.brr)),
    },
    failures: rows
      .filter((r) => !r.verdictOk || !r.intentOk)
      .map((r) => ({
        id: r.s.id,
        q: r.s.question.slice(0, 120),
        expected: `${r.s.intent}/${r.s.verdict}`,
        got:
          `${r.a.intent}/${r.a.verdict} [${r.a.signals.map((x) => x.id).join(', ')}]` +
          (r.s.expect_any && !factFound(r.a.passages[0]?.text, r.s.expect_any) ? ` first passage ${r.a.passages[0]?.id ?? 'none'} lacks ${r.s.expect_any.join(' | ')}` : ''),
      })),
  };
}

export function meetsThresholds(r: EvalReport): { ok: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (r.verdictAccuracy < THRESHOLDS.verdictAccuracy) {
    reasons.push(`verdict accuracy ${pct(r.verdictAccuracy)} is under ${pct(THRESHOLDS.verdictAccuracy)}`);
  }
  if (r.retrieval.recall3 < r.retrieval.baselineRecall3 + THRESHOLDS.recallLift) {
    reasons.push(`recall@3 ${pct(r.retrieval.recall3)} is not ${pct(THRESHOLDS.recallLift)} above the baseline's ${pct(r.retrieval.baselineRecall3)}`);
  }
  return { ok: reasons.length === 0, reasons };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatReport(r: EvalReport): string {
  const lines = [
    `Evaluation: ${r.n} scenarios`,
    '',
    'group            n   correct   verdict   intent   baseline verdict',
    ...r.groups.map((g) => `${g.group.padEnd(15)} ${String(g.n).padStart(3)}   ${pct(g.correct).padStart(7)}   ${pct(g.verdict).padStart(7)}  ${pct(g.intent).padStart(7)}   ${pct(g.baselineVerdict).padStart(7)}`),
    `${'all'.padEnd(15)} ${String(r.n).padStart(3)}   ${pct(r.accuracy).padStart(7)}   ${pct(r.verdictAccuracy).padStart(7)}  ${pct(r.intentAccuracy).padStart(7)}   ${pct(r.baselineVerdictAccuracy).padStart(7)}`,
    '',
    `retrieval over ${r.retrieval.n} scenarios with expected passages:`,
    `                 recall@3     MRR`,
    `  advisor        ${pct(r.retrieval.recall3).padStart(7)}   ${r.retrieval.mrr.toFixed(3)}`,
    `  plain BM25     ${pct(r.retrieval.baselineRecall3).padStart(7)}   ${r.retrieval.baselineMrr.toFixed(3)}`,
  ];
  if (r.failures.length) {
    lines.push('', 'misses:');
    for (const f of r.failures) lines.push(`  ${f.id}: expected ${f.expected}, got ${f.got}  — ${f.q}`);
  }
  return lines.join('\n');
}
