/**
 * Issue 12 item 1: the app's RSS under messages of random words. The real app (child process,
 * npm start's flags, HTTP mode, loopback fake Slack) receives signed slash commands whose text is
 * 4,000 characters of random lowercase words, at a fixed concurrency. RSS is read after a warm-up
 * and at the end; bounded by count (--n, default 10,000) and time (--max-s, default 600 s).
 *
 *   node bench/hardening/memory.ts [--n 10000] [--warm 500] [--c 8] [--max-s 600]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postSigned, spawnApp, startFake } from './child.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
function randomWords(chars: number): string {
  let out = '';
  while (out.length < chars) {
    const len = 3 + Math.floor(rand() * 8);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
    out += `${w} `;
  }
  return out.slice(0, chars);
}

export async function runMemory(o: { n: number; warm: number; concurrency: number; maxMs: number }) {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fa-mem-'));
  const app = await spawnApp({ apiBase: fake.base, dataDir });
  const t0 = Date.now();
  let sent = 0;
  let errors = 0;
  let warmRss = 0;
  const send = async (i: number) => {
    const body = new URLSearchParams({ token: 'x', team_id: 'T1', channel_id: 'C1', user_id: `U${i % 50}`, command: '/framework', text: randomWords(4000), api_app_id: 'A1', response_url: `${fake.base}/r/m${i}`, trigger_id: `${i}.0.x` }).toString();
    if ((await postSigned(app.port, body, 'application/x-www-form-urlencoded')) !== 200) errors++;
  };
  try {
    const total = o.warm + o.n;
    let next = 0;
    const worker = async () => {
      while (next < total && Date.now() - t0 < o.maxMs) {
        const i = next++;
        await send(i);
        sent++;
        if (sent === o.warm) {
          // let the answers of the warm-up land, then read the warm figure
          await new Promise((r) => setTimeout(r, 1000));
          warmRss = app.rssMb();
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    await new Promise((r) => setTimeout(r, 2000));
    const endRss = app.rssMb();
    return { sent, measured: Math.max(0, sent - o.warm), errors, seconds: (Date.now() - t0) / 1000, warmRss, endRss, growthPct: warmRss ? ((endRss - warmRss) / warmRss) * 100 : NaN };
  } finally {
    app.proc.kill('SIGKILL');
    await app.exited;
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const r = await runMemory({ n: arg('n', 10_000), warm: arg('warm', 500), concurrency: arg('c', 8), maxMs: arg('max-s', 600) * 1000 });
  console.log(
    `random-word 4,000-character messages: ${r.measured} after a ${r.sent - r.measured}-message warm-up in ${r.seconds.toFixed(0)} s (${r.errors} errors); ` +
      `RSS warm ${r.warmRss.toFixed(1)} MB → end ${r.endRss.toFixed(1)} MB (${r.growthPct >= 0 ? '+' : ''}${r.growthPct.toFixed(1)}%)`,
  );
}
