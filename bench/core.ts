/**
 * Core benchmark: retrieve + score + compose per question (advisor.ask), on the real
 * knowledge base and on synthetic ones of 1k, 10k and 100k passages; load-and-index time;
 * memory. A benchmark, not a test: it prints figures, it does not assert.
 */
import { performance } from 'node:perf_hooks';
import { createAdvisor, loadKnowledge, type KnowledgeBase } from '../src/core/index.ts';

export interface CoreRow {
  base: string;
  passages: number;
  indexMs: number;
  p50Ms: number;
  p99Ms: number;
  /** The first ask of each question on a fresh advisor: no per-term scores memoised yet. */
  coldP50Ms: number;
  coldMaxMs: number;
  heapMb: number;
}

export const BENCH_QUESTIONS = [
  'We are building an online shop with a back office for the ops team and customer accounts',
  'one small microservice that receives webhooks and puts them on a queue',
  'serving our ML model predictions over a REST endpoint',
  'Is Flask really faster than Django?',
  'which is easier to learn for a junior dev?',
  'When did Flask first appear?',
  'team of 12, long-lived SaaS with roles, permissions and billing, HIPAA compliance',
  'hackathon MVP, just a JSON API, no admin, no user accounts',
  'compare security',
  'Should we use Rails instead?',
  'djnago or flaks for a CMS with editors???',
  'we need full control over architecture, multiple databases and custom auth providers',
];

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * A synthetic base of `n` passages, same rules and synonyms. The first passages are the real
 * ones; the rest are 20-50 words each, drawn 40% from the real knowledge base's words and 60%
 * from a Zipf-distributed vocabulary of 50,000 made-up words, so a larger base has a larger
 * vocabulary, as real text does (random real words alone would put every term in a third of
 * all passages, which no real corpus does).
 */
export function syntheticKb(real: KnowledgeBase, n: number, seed = 42): KnowledgeBase {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = real.passages.flatMap((p) => p.text.split(/\s+/));
  const VOCAB = 50_000;
  const zipf = () => `w${Math.floor(Math.exp(rnd() * Math.log(VOCAB)))}x`;
  const passages = Array.from({ length: n }, (_, i) => {
    const base = real.passages[i % real.passages.length]!;
    if (i < real.passages.length) return base;
    const len = 20 + Math.floor(rnd() * 30);
    const text = Array.from({ length: len }, () => (rnd() < 0.4 ? words[Math.floor(rnd() * words.length)] : zipf())).join(' ');
    return { ...base, id: `syn-${i}`, text };
  });
  return { ...real, passages, passageFile: new Map(passages.map((p) => [p.id, 'synthetic'])) };
}

function measure(kb: KnowledgeBase, label: string, rounds: number): CoreRow {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const advisor = createAdvisor(kb);
  const indexMs = performance.now() - t0;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  // First pass: every question once on the fresh advisor (empty per-term memo); also the warm-up.
  const cold: number[] = [];
  for (const q of BENCH_QUESTIONS) {
    const t = performance.now();
    advisor.ask(q);
    cold.push(performance.now() - t);
  }
  cold.sort((a, b) => a - b);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of BENCH_QUESTIONS) {
      const t = performance.now();
      advisor.ask(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { base: label, passages: kb.passages.length, indexMs, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), coldP50Ms: quantile(cold, 0.5), coldMaxMs: cold[cold.length - 1] ?? NaN, heapMb };
}

export async function runCoreBench(knowledgeDir: string, sizes = [1_000, 10_000, 100_000]): Promise<{ loadMs: number; rows: CoreRow[] }> {
  const t0 = performance.now();
  const real = await loadKnowledge({ knowledgeDir });
  const throwaway = createAdvisor(real);
  const loadMs = performance.now() - t0;
  // Warm the JIT on a throwaway advisor, so "first time" below measures an empty per-term memo,
  // not V8 compiling the code for the first time.
  for (let r = 0; r < 20; r++) for (const q of BENCH_QUESTIONS) throwaway.ask(`${q} ${r}`);
  const rows = [measure(real, 'real', 200)];
  for (const n of sizes) rows.push(measure(syntheticKb(real, n), `synthetic ${n / 1000}k`, n >= 100_000 ? 5 : 30));
  return { loadMs, rows };
}
