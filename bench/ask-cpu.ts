/**
 * ask()'s CPU per first-time question: every development question (test/eval, no held-out set,
 * with its history when it has one), bench/core.ts's and 400 of bench/http.ts's, each asked once
 * on a fresh advisor; the time per question over the whole list, median over `--rounds` advisors.
 * Also the http bench's questions alone (what /framework asks at 50/s). With `--pause-ms 20`, only
 * those, each after a 20 ms sleep (as at 50 commands/s): the core's data and code have left the
 * CPU caches by then, as in the app (perf pass 2), and each ask is timed on its own (median).
 *
 *   node bench/ask-cpu.ts [--rounds 7] [--pause-ms 20]      (with --cpu-prof to see where the time goes)
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAdvisor, loadKnowledge } from '../src/core/index.ts';
import { loadWordList } from '../src/core/english.ts';
import { loadScenarios } from '../test/eval/evaluate.ts';
import { BENCH_QUESTIONS } from './core.ts';
import { benchQuestion } from './http.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, 'pause-ms': { type: 'string', default: '0' } } });
const rounds = Number(values.rounds);
const pauseMs = Number(values['pause-ms']);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = path.join(root, 'test/eval');

const asks: { q: string; history?: string[] }[] = [];
for (const file of (await readdir(evalDir)).filter((f) => f.endsWith('.yml') && !/^(?:heldout|fresh)/u.test(f)).sort()) {
  for (const s of await loadScenarios(path.join(evalDir, file))) asks.push({ q: s.question, ...(s.history ? { history: s.history } : {}) });
}
for (const q of BENCH_QUESTIONS) asks.push({ q });
const http = Array.from({ length: 400 }, (_, i) => ({ q: benchQuestion(i) }));

const [kb, words] = await Promise.all([loadKnowledge({ knowledgeDir: path.join(root, 'knowledge') }), loadWordList()]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** µs per question of one list asked once on a fresh advisor. */
function perQuestion(list: { q: string; history?: string[] }[]): number {
  const advisor = createAdvisor(kb, { words });
  const t = performance.now();
  for (const a of list) advisor.ask(a.q, a.history ? { history: a.history } : {});
  return ((performance.now() - t) * 1000) / list.length;
}
if (pauseMs > 0) {
  // Cold: each http question after a pause, timed alone; the median of each advisor's, then over advisors.
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const medians: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const advisor = createAdvisor(kb, { words });
    const times = http.slice(0, 150).map(({ q }) => {
      Atomics.wait(sleeper, 0, 0, pauseMs);
      const t = performance.now();
      advisor.ask(q);
      return (performance.now() - t) * 1000;
    });
    medians.push(median(times));
  }
  console.log(`ask() µs per http question after a ${pauseMs} ms pause, median of ${rounds} advisors' medians: ${median(medians).toFixed(1)} [${medians.map((x) => x.toFixed(0)).join(' ')}]`);
  process.exit(0);
}
const all: number[] = [];
const httpOnly: number[] = [];
for (let r = 0; r < rounds; r++) {
  all.push(perQuestion([...asks, ...http]));
  httpOnly.push(perQuestion(http));
}
console.log(`questions: ${asks.length + http.length} (dev + core) / ${http.length} (http)`);
console.log(`ask() µs per first-time question, median of ${rounds}: all ${median(all).toFixed(1)} [${all.map((x) => x.toFixed(0)).join(' ')}], http ${median(httpOnly).toFixed(1)} [${httpOnly.map((x) => x.toFixed(0)).join(' ')}]`);
