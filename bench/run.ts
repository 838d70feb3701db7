/**
 * `npm run bench`: every figure in one table, with the machine it ran on.
 * Pass --core to skip the HTTP load runs.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCoreBench } from './core.ts';

const root = path.resolve(import.meta.dirname, '..');

function startupMs(): number {
  // A fresh process: boot Node, load and index the real knowledge base, answer one question.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync(process.execPath, [path.join(root, 'src/cli.ts'), '--json', 'admin panel'], { cwd: root, stdio: 'pipe' });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2]!;
}

const f = (n: number) => n.toFixed(n < 10 ? 3 : 1);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()}-${os.arch()}`;

const core = await runCoreBench(path.join(root, 'knowledge'));
const startup = startupMs();
const lines = [
  `Framework Advisor benchmark — ${new Date().toISOString()}`,
  `machine: ${machine}`,
  '',
  '| what | figure | target |',
  '|---|---|---|',
  `| load + index real knowledge base (in process) | ${f(core.loadMs)} ms | |`,
  `| process start-up to first answer (median of 5) | ${f(startup)} ms | < 300 ms |`,
];
for (const r of core.rows) {
  const target = r.base === 'real' ? 'p99 < 2 ms' : r.passages === 100_000 ? 'p50 < 20 ms' : '';
  lines.push(`| ask() on ${r.base} (${r.passages} passages): p50 / p99 | ${f(r.p50Ms)} / ${f(r.p99Ms)} ms | ${target} |`);
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
  } catch (e) {
    lines.push(`| mixed HTTP load run | failed: ${(e as Error).message} | |`);
  }
}
lines.push(`| process RSS at end | ${f(process.memoryUsage().rss / 1048576)} MB | |`);
console.log(lines.join('\n'));
