/**
 * Mixed load over HTTP mode: the real app (child process, ephemeral port, SQLite feedback store in
 * a temp directory) receives signed slash commands at a fixed concurrency, with @mentions, thread
 * follow-ups, 👍 feedback clicks and Share clicks (on the clicking user's latest answer) mixed in;
 * a local fake Slack (Web API and response_url endpoints, 127.0.0.1 only) records when each answer
 * arrives.
 *
 * Reported: errors (non-200 acks, acks over 3 s, answers that never arrived), ack p50/p99/max per
 * kind, answer p50/p99 per kind, throughput, and the app's RSS and heap at start, after warm-up,
 * after the run and after a forced GC (the app runs with --expose-gc).
 *
 *   node bench/load.ts [--n 2000] [--c 50] [--mix 10] [--parts 3] [--random-words [--chars N]]
 *
 * `--random-words`: slash commands made of random made-up words (every one new to the app), for
 * memory: `npm run bench` runs 10,000 of them (`--n 10000 --mix 0 --random-words`) and reads RSS.
 * `--chars N`: each of them N characters long instead of 4-15 words (SECURITY.md, issue 12 item 1,
 * uses 4,000: the longest question the app reads).
 *
 * `--mix k`: after every k slash commands, one of each other kind (default 10: 2,000 commands
 * bring 200 mentions, 200 thread follow-ups, 200 feedback clicks and 200 shares).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startFlags } from './runtime.ts';

const SECRET = 'loadsigningsecret0000000';
const TOKEN = 'xoxb-load-0000';

export interface LoadOptions {
  /** Slash commands (default 2000). */
  n?: number;
  /** Requests in flight (default 50). */
  concurrency?: number;
  /** One of each other kind after every `mix` slash commands (default 10; 0 = commands only). */
  mix?: number;
  /** Unmeasured warm-up requests (default 100). */
  warmup?: number;
  /** Per-request deadline for the answer (default 15 s). */
  timeoutMs?: number;
  knowledgeDir?: string;
  /** The measured run in this many consecutive parts, RSS recorded after each (default 3). */
  parts?: number;
  /** Run the app with --max-old-space-size (MB); default: Node's own limit. */
  maxOldSpaceMb?: number;
  /** Slash commands of random made-up words instead of framework questions (default false). */
  randomWords?: boolean;
  /** With `randomWords`: each question this many characters long (default: 4-15 words). */
  randomWordsChars?: number;
}

export type Kind = 'slash' | 'mention' | 'thread' | 'feedback' | 'share';
const KINDS: Kind[] = ['slash', 'mention', 'thread', 'feedback', 'share'];

export interface KindStats {
  kind: Kind;
  count: number;
  errors: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  answerP50: number;
  answerP99: number;
}

export interface Memory {
  rssMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  errors: number;
  /** Acks that took 3 s or more (Slack would retry or show an error). */
  lateAcks: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  wallMs: number;
  throughput: number;
  kinds: KindStats[];
  memory: { start: Memory; warm: Memory; afterPart: Memory[]; end: Memory; afterGc: Memory | null };
  rows: string[];
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function sign(body: string, ts: number): string {
  return `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
}

const PROJECTS = ['an online shop', 'a JSON API for a mobile app', 'a CMS for a newspaper', 'an internal dashboard', 'a machine learning model server', 'a booking system', 'a social network', 'a hackathon prototype'];
const NEEDS = ['an admin interface', 'user accounts', 'a relational database', 'microservices', 'a tight deadline', 'GDPR compliance', 'high traffic', 'a REST API', 'no database'];
/**
 * Random words (made up, seeded by `i`): every question brings words the app has never seen;
 * 4-15 of them, or as many as fill `chars` characters.
 */
export function randomWordsQuestion(i: number, chars?: number): string {
  let x = (i + 1) * 2654435761;
  const next = () => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return x;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = () => Array.from({ length: 3 + (next() % 9) }, () => letters[next() % 26]).join('');
  if (chars === undefined) return Array.from({ length: 4 + (next() % 12) }, word).join(' ');
  let out = '';
  while (out.length < chars) out += `${word()} `;
  return out.slice(0, chars);
}

let randomWords = false;
let randomWordsChars: number | undefined;
function question(i: number): string {
  if (randomWords) return randomWordsQuestion(i, randomWordsChars);
  return `We are building ${PROJECTS[i % PROJECTS.length]} and need ${NEEDS[Math.floor(i / PROJECTS.length) % NEEDS.length]}. Django or Flask? (#${i})`;
}

/** The fake Slack: Web API methods and response_url endpoints; reports when each answer lands. */
async function startFake() {
  const waiting = new Map<string, (t: number) => void>();
  const arrived = new Map<string, number>();
  // The latest answer key each user (U0..U49) was given: feedback and Share act on a real answer
  // of their own (issue 12: a click without one is refused).
  const keys = new Map<string, string>();
  const land = (key: string) => {
    const t = performance.now();
    const w = waiting.get(key);
    if (w) w(t);
    else arrived.set(key, t);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const raw = Buffer.concat(chunks).toString('utf8');
      const r = /^\/r\/([\w-]+)/.exec(url);
      if (r?.[1]) {
        const slash = /^s(\d+)$/.exec(r[1]);
        const k = slash ? /\\"k\\":\\"([0-9a-f]{16})\\"/.exec(raw)?.[1] : undefined;
        if (slash && k) keys.set(`U${Number(slash[1]) % 50}`, k);
        land(`r:${r[1]}`);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
      const body = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw || '{}') as Record<string, string>) : Object.fromEntries(new URLSearchParams(raw));
      let out: Record<string, unknown> = { ok: true };
      if (method === 'auth.test') out = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      else if (method === 'chat.postMessage') {
        out = { ok: true, ts: `${Date.now() / 1000}`, channel: body.channel };
        // Answers in threads are keyed by their thread; shared decision records by their channel.
        if (body.thread_ts) land(`t:${body.thread_ts}`);
      } else if (method === 'conversations.replies') {
        const root = String(body.ts);
        out = {
          ok: true,
          messages: [
            { ts: root, user: 'U2', text: 'We are building an online shop' },
            { ts: `${root}1`, user: 'UBOT', bot_id: 'BBOT', text: 'Django' },
            { ts: `${root}2`, user: 'U2', text: 'our team is mostly juniors' },
          ],
        };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    keyOf: (user: string) => keys.get(user),
    answerFor(key: string, ms: number): Promise<number> {
      const early = arrived.get(key);
      if (early !== undefined) {
        arrived.delete(key);
        return Promise.resolve(early);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(key);
          reject(new Error(`no answer for ${key}`));
        }, ms);
        waiting.set(key, (t) => {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(t);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One request: its body, content type and the key its answer lands under. */
function request(kind: Kind, i: number, fakeBase: string, keyOf: (user: string) => string | undefined): { body: string; type: string; key: string } {
  const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
  const event = (e: Record<string, unknown>, id: string) =>
    JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: id, event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }], event: e });
  const action = (actionId: string, value: string, channel: string, id: string) =>
    form({
      payload: JSON.stringify({
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: `U${i % 50}` },
        api_app_id: 'A1',
        token: 'x',
        container: { type: 'message', is_ephemeral: true },
        trigger_id: `${i}.1.x`,
        channel: { id: channel },
        response_url: `${fakeBase}/r/${id}`,
        actions: [{ type: 'button', action_id: actionId, block_id: 'answer_actions', value, action_ts: `${i}.2` }],
      }),
    });
  const k = keyOf(`U${i % 50}`);
  const withKey = (v: Record<string, unknown>) => JSON.stringify(k ? { ...v, k } : v);
  switch (kind) {
    case 'slash':
      return {
        type: 'application/x-www-form-urlencoded',
        key: `r:s${i}`,
        body: form({ token: 'x', team_id: 'T1', channel_id: 'C1', user_id: `U${i % 50}`, command: '/framework', text: question(i), api_app_id: 'A1', response_url: `${fakeBase}/r/s${i}`, trigger_id: `${i}.0.x` }),
      };
    case 'mention': {
      const ts = `${100000 + i}.000100`;
      return { type: 'application/json', key: `t:${ts}`, body: event({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${question(i)}`, channel: 'C2', ts, event_ts: ts }, `EvM${i}`) };
    }
    case 'thread': {
      const root = `${200000 + i}.000100`;
      const ts = `${200000 + i}.000300`;
      return {
        type: 'application/json',
        key: `t:${root}`,
        body: event({ type: 'message', channel_type: 'channel', user: 'U2', text: 'our team is mostly juniors', channel: 'C3', ts, thread_ts: root, event_ts: ts }, `EvT${i}`),
      };
    }
    case 'feedback':
      return { type: 'application/x-www-form-urlencoded', key: `r:f${i}`, body: action('feedback_up', withKey({ q: question(i), v: 'django', c: 0.6, i: 'recommend' }), 'C1', `f${i}`) };
    case 'share':
      return { type: 'application/x-www-form-urlencoded', key: `r:h${i}`, body: action('share_in_channel', withKey({ q: question(i) }), 'C4', `h${i}`) };
  }
}

/** The app in a child process (with --expose-gc), talking over IPC for its port and memory. */
async function spawnApp(apiBase: string, knowledgeDir: string, dataDir: string, maxOldSpaceMb?: number): Promise<{ port: number; memory: (gc: boolean) => Promise<Memory & { gc: boolean }>; stop: () => Promise<void> }> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve', apiBase, knowledgeDir, dataDir], { execArgv: ['--expose-gc', ...startFlags(), ...(maxOldSpaceMb ? [`--max-old-space-size=${maxOldSpaceMb}`] : [])], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app did not answer ${type}`)), 30_000);
      const on = (m: { type: string } & T) => {
        if (m.type !== type) return;
        clearTimeout(timer);
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`app exited (${code})`));
      });
    });
  const { port } = await next<{ port: number }>('ready');
  return {
    port,
    memory: async (gc) => {
      const p = next<Memory & { gc: boolean }>('memory');
      child.send({ type: 'memory', gc });
      return p;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Child side: start the real app in HTTP mode; answer memory questions over IPC. */
async function serve(apiBase: string, knowledgeDir: string, dataDir: string): Promise<void> {
  const { startApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { loadAdvisor } = await import('../src/core/index.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { openStore } = await import('../src/store/index.ts');
  const mem = () => {
    const m = process.memoryUsage();
    return { rssMb: m.rss / 1048576, heapMb: m.heapUsed / 1048576, heapTotalMb: m.heapTotal / 1048576, externalMb: m.external / 1048576 };
  };
  const start = mem();
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${apiBase}/api/`, PORT: '0', LOG_LEVEL: 'error', DATA_DIR: dataDir });
  const store = openStore(config.dataDir);
  const running = await startApp({ config, advisor: await loadAdvisor({ knowledgeDir }), store, logger: createLogger('error') });
  process.on('message', (m: { type: string; gc?: boolean }) => {
    if (m.type !== 'memory') return;
    const g = (globalThis as { gc?: () => void }).gc;
    if (!m.gc || !g) {
      process.send?.({ type: 'memory', ...mem(), gc: false });
      return;
    }
    // Two full collections 500 ms apart: the second also frees what the first only finalised.
    g();
    setTimeout(() => {
      g();
      process.send?.({ type: 'memory', ...mem(), gc: true });
    }, 500);
  });
  process.once('SIGTERM', () => {
    void running.stop().finally(() => {
      store.close();
      process.exit(0);
    });
  });
  process.send?.({ type: 'ready', port: running.port, start });
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(Math.abs(x) < 10 ? 2 : 1) : 'n/a');
const growth = (from: Memory, to: Memory) => ((to.rssMb - from.rssMb) / from.rssMb) * 100;

/** Run the mixed load; `rows` are markdown rows (| what | figure | target |) for bench/run.ts. */
export async function runLoad(opts: LoadOptions = {}): Promise<LoadResult> {
  const n = opts.n ?? 2000;
  const concurrency = opts.concurrency ?? 50;
  const mix = opts.mix ?? 10;
  const warmup = opts.warmup ?? 100;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const knowledgeDir = opts.knowledgeDir ?? path.resolve(import.meta.dirname, '..', 'knowledge');
  randomWords = opts.randomWords ?? false;
  randomWordsChars = opts.randomWordsChars;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fa-load-'));
  const fake = await startFake();
  let app: Awaited<ReturnType<typeof spawnApp>> | undefined;
  try {
    app = await spawnApp(fake.base, knowledgeDir, dataDir, opts.maxOldSpaceMb);
    const appUrl = `http://127.0.0.1:${app.port}/slack/events`;
    const start = await app.memory(false);

    // The plan: n slash commands; after every `mix` of them, one of each other kind.
    const plan: { kind: Kind; i: number }[] = [];
    for (let i = 0; i < n; i++) {
      plan.push({ kind: 'slash', i });
      if (mix > 0 && (i + 1) % mix === 0) for (const k of KINDS.slice(1)) plan.push({ kind: k, i });
    }
    const acks = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    const answers = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    const errors = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
    let lateAcks = 0;
    const one = async (kind: Kind, i: number, measure: boolean) => {
      const r = request(kind, i, fake.base, fake.keyOf);
      const answer = fake.answerFor(r.key, timeoutMs);
      answer.catch(() => {});
      const ts = Math.floor(Date.now() / 1000);
      const t0 = performance.now();
      try {
        const res = await fetch(appUrl, {
          method: 'POST',
          headers: { 'content-type': r.type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(r.body, ts) },
          body: r.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.arrayBuffer();
        const ack = performance.now() - t0;
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        if (measure) {
          acks.get(kind)!.push(ack);
          if (ack >= 3000) lateAcks++;
        }
        const t2 = await answer;
        if (measure) answers.get(kind)!.push(t2 - t0);
      } catch {
        if (measure) errors.set(kind, (errors.get(kind) ?? 0) + 1);
      }
    };
    const run = async (items: { kind: Kind; i: number }[], measure: boolean) => {
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const it = items[next++]!;
          await one(it.kind, it.i, measure);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    };
    // Warm-up with ids that the measured run does not reuse.
    await run(
      Array.from({ length: warmup }, (_, j) => ({ kind: KINDS[j % KINDS.length]!, i: 1_000_000 + j })),
      false,
    );
    const warm = await app.memory(false);
    // The plan in equal consecutive parts, RSS after each: flat means the later parts add nothing.
    const parts = Math.max(1, Math.min(opts.parts ?? 3, plan.length));
    const afterPart: Memory[] = [];
    let wallMs = 0;
    for (let k = 0; k < parts; k++) {
      const slice = plan.slice(Math.floor((k * plan.length) / parts), Math.floor(((k + 1) * plan.length) / parts));
      const t = performance.now();
      await run(slice, true);
      wallMs += performance.now() - t;
      afterPart.push(await app.memory(false));
    }
    const end = afterPart[afterPart.length - 1]!;
    const gc = await app.memory(true);

    const all = [...acks.values()].flat().sort((a, b) => a - b);
    const kinds: KindStats[] = KINDS.filter((k) => plan.some((p) => p.kind === k)).map((k) => {
      const a = acks.get(k)!.sort((x, y) => x - y);
      const w = answers.get(k)!.sort((x, y) => x - y);
      return { kind: k, count: plan.filter((p) => p.kind === k).length, errors: errors.get(k) ?? 0, ackP50: pct(a, 50), ackP99: pct(a, 99), ackMax: a[a.length - 1] ?? NaN, answerP50: pct(w, 50), answerP99: pct(w, 99) };
    });
    const totalErrors = kinds.reduce((s, k) => s + k.errors, 0) + lateAcks;
    const memory = { start, warm, afterPart, end, afterGc: gc.gc ? gc : null };
    const label = randomWords ? `${plan.length} questions of random words${randomWordsChars ? ` (${randomWordsChars} characters each)` : ''} @${concurrency}` : `mixed HTTP load, ${plan.length} requests @${concurrency}`;
    const rows = [
      `| ${label}: errors (non-200, ack ≥ 3 s, no answer) | ${totalErrors} | 0 |`,
      `| ${label}: ack p50 / p99 / max, all kinds | ${f(pct(all, 50))} / ${f(pct(all, 99))} / ${f(all[all.length - 1] ?? NaN)} ms | p99 < 100 ms, max < 3 s |`,
      ...kinds.map((k) => `| ${label}: ${k.kind} ×${k.count}: ack p50 / p99 / max; answer p50 / p99 | ${f(k.ackP50)} / ${f(k.ackP99)} / ${f(k.ackMax)} ms; ${f(k.answerP50)} / ${f(k.answerP99)} ms | |`),
      `| ${label}: throughput | ${f((plan.length / wallMs) * 1000)} requests/s (${f(wallMs / 1000)} s) | |`,
      `| ${label}: app RSS start → after warm-up → after each of ${parts} parts${memory.afterGc ? ' → after GC' : ''} | ${f(start.rssMb)} → ${f(warm.rssMb)} → ${afterPart.map((m) => f(m.rssMb)).join(' → ')}${memory.afterGc ? ` → ${f(memory.afterGc.rssMb)}` : ''} MB | |`,
      `| ${label}: RSS growth, after warm-up → end of run | ${f(growth(warm, end))}% | ${randomWords ? '< 10%' : ''} |`,
      `| ${label}: RSS growth, end of part 1 → end of run (flat once the heap has sized itself) | ${f(growth(afterPart[0] ?? warm, end))}% | < 10% |`,
      `| ${label}: app heap used start → warm → end${memory.afterGc ? ' → after GC' : ''} | ${f(start.heapMb)} → ${f(warm.heapMb)} → ${f(end.heapMb)}${memory.afterGc ? ` → ${f(memory.afterGc.heapMb)}` : ''} MB | after GC ≈ warm (no leak) |`,
    ];
    return {
      requests: plan.length,
      concurrency,
      errors: totalErrors,
      lateAcks,
      ackP50: pct(all, 50),
      ackP99: pct(all, 99),
      ackMax: all[all.length - 1] ?? NaN,
      wallMs,
      throughput: (plan.length / wallMs) * 1000,
      kinds,
      memory,
      rows,
    };
  } finally {
    await app?.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const isMain =
  (import.meta as { main?: boolean }).main ?? (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isMain && process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '', process.argv[4] ?? '', process.argv[5] ?? '');
} else if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
    return Number.isFinite(v) && v >= 0 ? v : undefined;
  };
  const n = arg('--n');
  const c = arg('--c');
  const mix = arg('--mix');
  const parts = arg('--parts');
  const chars = arg('--chars');
  const r = await runLoad({ randomWords: process.argv.includes('--random-words'), ...(chars ? { randomWordsChars: chars } : {}), ...(n !== undefined ? { n } : {}), ...(c !== undefined ? { concurrency: c } : {}), ...(mix !== undefined ? { mix } : {}), ...(parts ? { parts } : {}) });
  const cpu = os.cpus();
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(['| what | figure | target |', '|---|---|---|', ...r.rows].join('\n'));
  if (r.errors > 0) process.exitCode = 1;
}
