/**
 * `npm run bench`: every figure in one table, with the machine it ran on.
 * Pass --core to skip the HTTP load runs.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runCoreBench } from './core.ts';

const root = path.resolve(import.meta.dirname, '..');

interface Startup {
  boot: number;
  import: number;
  load: number;
  index: number;
  firstAnswer: number;
  total: number;
}

/** Median of 5 fresh processes: Node boot, module import, load + validate, index, first answer. */
function startup(): Startup {
  const runs: Startup[] = [];
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(process.execPath, [path.join(root, 'bench/startup-probe.ts'), path.join(root, 'knowledge')], { cwd: root });
    runs.push(JSON.parse(out.toString()) as Startup);
  }
  const median = (k: keyof Startup) => runs.map((r) => r[k]).sort((a, b) => a - b)[2]!;
  return { boot: median('boot'), import: median('import'), load: median('load'), index: median('index'), firstAnswer: median('firstAnswer'), total: median('total') };
}

const f = (n: number) => n.toFixed(n < 10 ? 3 : 1);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()}-${os.arch()}`;

const core = await runCoreBench(path.join(root, 'knowledge'));
const st = startup();
const lines = [
  `Framework Advisor benchmark — ${new Date().toISOString()}`,
  `machine: ${machine}`,
  '',
  '| what | figure | target |',
  '|---|---|---|',
  `| load + index real knowledge base (inside the bench process) | ${f(core.loadMs)} ms | |`,
  `| advisor start-up: load + validate + index the real base (fresh process, median of 5) | ${f(st.load + st.index)} ms | < 300 ms |`,
  `| process start to first answer: Node boot ${f(st.boot)} + imports ${f(st.import)} + load ${f(st.load)} + index ${f(st.index)} + answer ${f(st.firstAnswer)} | ${f(st.total)} ms | |`,
];
for (const r of core.rows) {
  const target = r.base === 'real' ? 'p99 < 2 ms' : r.passages === 10_000 ? 'p50 < 10 ms' : '';
  lines.push(`| ask() on ${r.base} (${r.passages} passages), repeated questions: p50 / p99 | ${f(r.p50Ms)} / ${f(r.p99Ms)} ms | ${target} |`);
  lines.push(`| ask() on ${r.base}, first time (each question once, fresh advisor): p50 / max | ${f(r.coldP50Ms)} / ${f(r.coldMaxMs)} ms | ${target ? `${target.split(' ')[0]} target applies here too` : ''} |`);
  lines.push(`| index ${r.base}: build time / heap | ${f(r.indexMs)} ms / ${f(r.heapMb)} MB | |`);
}
if (!process.argv.includes('--core')) {
  try {
    const http = (await import('./http.ts')) as { runHttpBench?: () => Promise<{ rows: string[] }> };
    if (http.runHttpBench) lines.push(...(await http.runHttpBench()).rows);
  } catch (e) {
    lines.push(`| HTTP load run | failed: ${(e as Error).message} | |`);
  }
  // Mixed load (issue 6, bench/load.ts): 2,000 slash commands @50 with mentions, thread follow-ups,
  // feedback and share clicks mixed in; errors, ack p50/p99/max, throughput, app RSS/heap before and after.
  try {
    const { runLoad } = await import('./load.ts');
    lines.push(...(await runLoad()).rows);
    // Memory under questions the app has never seen: 10,000 slash commands of random words.
    lines.push(...(await runLoad({ n: 10_000, mix: 0, randomWords: true, parts: 4 })).rows);
  } catch (e) {
    lines.push(`| mixed HTTP load run | failed: ${(e as Error).message} | |`);
  }
}
lines.push(`| process RSS at end | ${f(process.memoryUsage().rss / 1048576)} MB | |`);
console.log(lines.join('\n'));
