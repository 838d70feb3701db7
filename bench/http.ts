/**
 * What users feel from `/framework` over HTTP mode, next to a bare Bolt app in the same run: the
 * real app (child process, `npm start`'s Node flags, ephemeral port) gets signed slash commands,
 * a local fake Slack (Web API and response_url, 127.0.0.1) timestamps each answer's arrival.
 *
 * - open loop at 50 and 200 commands/s (requests sent on a clock, whatever the app's pace): ack and
 *   answer p50/p99 (answer: from sending the command until its response_url POST arrives), errors
 *   (non-200, ack ≥ 3 s, no answer within 10 s);
 * - saturation: a closed loop of 20 in flight, throughput;
 * - the same for the app without each piece of machinery under test (`--variants`): the node:http
 *   response_url path (plain fetch instead) and the one-handler-per-turn scheduler.
 *
 * Targets run in interleaved rounds (bare, app, …; then reversed) so drift on a shared machine hits
 * all alike; figures are medians over rounds.
 *
 *   node bench/http.ts [--seconds 10] [--rounds 2] [--variants]
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFlags } from './runtime.ts';
import { App, HTTPReceiver } from '@slack/bolt';
import { startApp } from '../src/app.ts';
import { setTurnTaking } from '../src/slack/listeners/after-ack.ts';
import { loadConfig } from '../src/config.ts';
import { loadAdvisor } from '../src/core/index.ts';
import { createLogger } from '../src/logger.ts';
import { SqliteStore } from '../src/store/index.ts';

export interface HttpBenchOptions {
  /** Seconds of each open-loop phase (default 10). */
  seconds?: number;
  /** Requests of the saturation phase (default 1000). */
  saturationN?: number;
  /** Rounds (default 2). */
  rounds?: number;
  /** Also measure the app without each piece of machinery (default false). */
  variants?: boolean;
  knowledgeDir?: string;
}

/** One phase's figures. */
export interface Phase {
  n: number;
  errors: number;
  ackP50: number;
  ackP99: number;
  answerP50: number;
  answerP99: number;
  /** Answers per second over the phase. */
  throughput: number;
}

export interface TargetResult {
  target: Target;
  open50: Phase;
  open200: Phase;
  saturation: Phase;
  /** CPU time of the app process per request (start-up excluded). */
  cpuMsPerRequest?: number;
}

const SECRET = 'benchsigningsecret000000';
const TOKEN = 'xoxb-bench-0000';
const PROJECTS = ['an online shop', 'a JSON API for a mobile app', 'a CMS for a newspaper', 'an internal dashboard', 'a machine learning model server', 'a booking system', 'a social network', 'a prototype for a hackathon'];
const TEAMS = ['a team of junior developers', 'two senior engineers', 'a solo developer', 'a team of 12', 'a mixed team'];
const NEEDS = ['an admin interface', 'user accounts', 'a relational database', 'no database', 'real-time updates', 'microservices', 'a tight deadline', 'GDPR compliance', 'high traffic', 'a REST API'];

/** Distinct questions (no two alike), so nothing in the app can serve the run from a cache. */
export function benchQuestion(i: number): string {
  const p = PROJECTS[i % PROJECTS.length];
  const t = TEAMS[Math.floor(i / PROJECTS.length) % TEAMS.length];
  const n = NEEDS[Math.floor(i / (PROJECTS.length * TEAMS.length)) % NEEDS.length];
  return `We are building ${p} with ${t} and need ${n}. Django or Flask? (#${i})`;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function drain(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Fake Slack: the Web API (every method ok) and response_url endpoints that report arrivals. */
async function startFakeSlack() {
  const waiting = new Map<string, (t: number) => void>();
  const arrived = new Map<string, number>();
  const server = createServer((req, res) => {
    void drain(req).then(() => {
      const url = req.url ?? '';
      const m = /^\/r\/([\w-]+)/.exec(url);
      if (m?.[1]) {
        const t = performance.now();
        const id = m[1];
        const w = waiting.get(id);
        if (w) w(t);
        else arrived.set(id, t);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const body = url.includes('auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } : { ok: true, ts: '1.1' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  const port = await listen(server);
  return {
    base: `http://127.0.0.1:${port}`,
    /** Resolves with the arrival time of the response_url POST for `id`, or rejects after `ms`. */
    answerFor(id: string, ms: number): Promise<number> {
      const early = arrived.get(id);
      if (early !== undefined) {
        arrived.delete(id);
        return Promise.resolve(early);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error('no answer'));
        }, ms);
        waiting.set(id, (t) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(t);
        });
      });
    },
    close: () => close(server),
  };
}

type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** One signed /framework command: resolves with ack and answer latency, or an error. */
async function command(appBase: string, fake: FakeSlack, id: string, i: number, timeoutMs: number): Promise<{ ack: number; answer: number } | null> {
  const body = new URLSearchParams({
    command: '/framework',
    text: benchQuestion(i),
    user_id: 'U1',
    channel_id: 'C1',
    team_id: 'T1',
    response_url: `${fake.base}/r/${id}`,
    trigger_id: '1.2.3',
    api_app_id: 'A1',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const answer = fake.answerFor(id, timeoutMs);
  answer.catch(() => {});
  const t0 = performance.now();
  try {
    const res = await fetch(`${appBase}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    const t1 = performance.now();
    if (res.status !== 200 || t1 - t0 >= 3000) return null;
    const t2 = await answer;
    return { ack: t1 - t0, answer: t2 - t0 };
  } catch {
    return null;
  }
}

function phase(results: ({ ack: number; answer: number } | null)[], wallMs: number): Phase {
  const ok = results.filter((r): r is { ack: number; answer: number } => r !== null);
  const acks = ok.map((r) => r.ack).sort((a, b) => a - b);
  const answers = ok.map((r) => r.answer).sort((a, b) => a - b);
  return { n: results.length, errors: results.length - ok.length, ackP50: pct(acks, 50), ackP99: pct(acks, 99), answerP50: pct(answers, 50), answerP99: pct(answers, 99), throughput: (ok.length / wallMs) * 1000 };
}

let seq = 0;
const TIMEOUT_MS = 10_000;

/** Open loop: `rate` commands a second for `seconds`, each sent on time whatever the app's pace. */
async function openLoop(appBase: string, fake: FakeSlack, name: string, rate: number, seconds: number): Promise<Phase> {
  const count = Math.round(rate * seconds);
  const pending: Promise<{ ack: number; answer: number } | null>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const n = seq++;
    pending.push(command(appBase, fake, `${name}-${n}`, n, TIMEOUT_MS));
  }
  const results = await Promise.all(pending);
  return phase(results, performance.now() - start);
}

/** Closed loop: `concurrency` clients, each sending its next command when its answer arrived. */
async function closedLoop(appBase: string, fake: FakeSlack, name: string, count: number, concurrency: number): Promise<Phase> {
  const results: ({ ack: number; answer: number } | null)[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const n = seq++;
      results.push(await command(appBase, fake, `${name}-${n}`, n, TIMEOUT_MS));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return phase(results, performance.now() - start);
}

/** bare: a Bolt app answering a fixed line; advisor: the app; the others: the app without one piece of machinery. */
export type Target = 'bare' | 'advisor' | 'advisor-plain-fetch' | 'advisor-no-turns';
const LABEL: Record<Target, string> = {
  bare: 'bare Bolt',
  advisor: 'Framework Advisor',
  'advisor-plain-fetch': 'Framework Advisor without the node:http response_url path',
  'advisor-no-turns': 'Framework Advisor without the one-handler-per-turn scheduler',
};

/** Start a target app in this process; returns its port and a stop function. */
async function serveTarget(kind: Target, apiBase: string, knowledgeDir: string): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const logger = createLogger('error');
  if (kind !== 'bare') {
    if (kind === 'advisor-no-turns') setTurnTaking(false);
    const advisor = await loadAdvisor({ knowledgeDir });
    const store = new SqliteStore(':memory:');
    const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${apiBase}/api/`, PORT: '0', LOG_LEVEL: 'error' });
    const running = await startApp({ config, advisor, store, logger });
    return {
      port: running.port ?? 0,
      stop: async () => {
        await running.stop();
        store.close();
      },
    };
  }
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logger });
  const app = new App({ token: TOKEN, receiver, logger, clientOptions: { slackApiUrl: `${apiBase}/api/` } });
  app.command('/framework', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: 'A fixed answer.' });
  });
  const server = (await app.start(0)) as Server;
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) };
}

/** Run a target in a child process (so the load generator does not share its event loop). */
async function spawnTarget(kind: Target, apiBase: string, knowledgeDir: string): Promise<{ port: number; stop: () => Promise<number | undefined> }> {
  // BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of each target (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, `--cpu-prof-name=${kind}.cpuprofile`] : [];
  // Both targets run with the flags `npm start` uses (fair to both; see bench/runtime.ts), plus any
  // in BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=32") to try others.
  const flags = [...startFlags(), ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  // Without the node:http path: the Slack fetch uses the platform fetch for everything when
  // NODE_USE_ENV_PROXY is set (no proxy variables are, so nothing else changes).
  const env = kind === 'advisor-plain-fetch' ? { ...process.env, NODE_USE_ENV_PROXY: '1' } : process.env;
  const child = spawn(process.execPath, [...flags, ...profile, fileURLToPath(import.meta.url), '--serve', kind, '--api', apiBase, '--kb', knowledgeDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let buf = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} target did not start`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} target exited (${code})`));
    });
  });
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      const m = /CPU ([\d.]+)/.exec(buf);
      return m?.[1] ? Number(m[1]) : undefined;
    },
  };
}

async function benchTarget(kind: Target, fake: FakeSlack, o: { seconds: number; saturationN: number }, knowledgeDir: string): Promise<TargetResult> {
  const t = await spawnTarget(kind, fake.base, knowledgeDir);
  const base = `http://127.0.0.1:${t.port}`;
  let r: TargetResult | undefined;
  let requests = 0;
  try {
    await closedLoop(base, fake, kind, 200, 20); // warm-up (JIT, sockets), not measured
    const open50 = await openLoop(base, fake, kind, 50, o.seconds);
    const open200 = await openLoop(base, fake, kind, 200, o.seconds);
    const saturation = await closedLoop(base, fake, kind, o.saturationN, 20);
    requests = 200 + open50.n + open200.n + saturation.n;
    r = { target: kind, open50, open200, saturation };
  } finally {
    const cpuMs = await t.stop();
    if (r && typeof cpuMs === 'number') r.cpuMsPerRequest = cpuMs / requests;
  }
  return r;
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(2) : 'n/a');

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function medianPhase(ps: Phase[]): Phase {
  const m = (k: keyof Phase) => median(ps.map((p) => p[k]));
  return { n: ps.reduce((a, p) => a + p.n, 0), errors: ps.reduce((a, p) => a + p.errors, 0), ackP50: m('ackP50'), ackP99: m('ackP99'), answerP50: m('answerP50'), answerP99: m('answerP99'), throughput: m('throughput') };
}

function combine(rounds: TargetResult[]): TargetResult {
  return {
    target: rounds[0]!.target,
    open50: medianPhase(rounds.map((r) => r.open50)),
    open200: medianPhase(rounds.map((r) => r.open200)),
    saturation: medianPhase(rounds.map((r) => r.saturation)),
    cpuMsPerRequest: median(rounds.map((r) => r.cpuMsPerRequest ?? NaN)),
  };
}

const x = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');

/** Markdown rows for bench/run.ts and BENCHMARKS.md. */
export function rowsFor(results: TargetResult[], o: { seconds: number; saturationN: number; rounds: number }): string[] {
  const by = new Map(results.map((r) => [r.target, r]));
  const bare = by.get('bare')!;
  const app = by.get('advisor')!;
  const rows: string[] = [];
  const med = `median of ${o.rounds} rounds`;
  for (const [key, rate] of [['open50', 50], ['open200', 200]] as const) {
    const a = app[key];
    const b = bare[key];
    const label = `/framework open loop ${rate}/s × ${o.seconds} s (${med})`;
    rows.push(`| ${label}: answer p50 / p99, Framework Advisor | ${f(a.answerP50)} / ${f(a.answerP99)} ms | |`);
    rows.push(`| ${label}: answer p50 / p99, bare Bolt | ${f(b.answerP50)} / ${f(b.answerP99)} ms | |`);
    rows.push(`| ${label}: answer ratio p50 / p99 | ${x(a.answerP50, b.answerP50)} / ${x(a.answerP99, b.answerP99)} | ${rate === 50 ? '≤ 1.3× / ≤ 2×' : ''} |`);
    rows.push(`| ${label}: ack p50 / p99, Framework Advisor / bare Bolt | ${f(a.ackP50)} / ${f(a.ackP99)} ms; ${f(b.ackP50)} / ${f(b.ackP99)} ms | |`);
    rows.push(`| ${label}: errors, Framework Advisor / bare Bolt | ${a.errors} / ${b.errors} | 0 |`);
  }
  const s = `saturation, closed loop of 20 in flight × ${o.saturationN} (${med})`;
  rows.push(`| ${s}: throughput, Framework Advisor / bare Bolt | ${f(app.saturation.throughput)} / ${f(bare.saturation.throughput)} answers/s (${x(app.saturation.throughput, bare.saturation.throughput)}) | ≥ 0.5× |`);
  rows.push(`| ${s}: answer p50 / p99, Framework Advisor / bare Bolt | ${f(app.saturation.answerP50)} / ${f(app.saturation.answerP99)} ms; ${f(bare.saturation.answerP50)} / ${f(bare.saturation.answerP99)} ms | |`);
  rows.push(`| CPU per request in the app process, Framework Advisor / bare Bolt | ${f2(app.cpuMsPerRequest)} / ${f2(bare.cpuMsPerRequest)} ms | |`);
  for (const v of ['advisor-plain-fetch', 'advisor-no-turns'] as const) {
    const r = by.get(v);
    if (!r) continue;
    rows.push(
      `| ${LABEL[v]}: answer p50 / p99 at 50/s; at 200/s; ack p99 at 200/s; saturation; CPU/request | ${f(r.open50.answerP50)} / ${f(r.open50.answerP99)} ms; ${f(r.open200.answerP50)} / ${f(r.open200.answerP99)} ms; ${f(r.open200.ackP99)} ms; ${f(r.saturation.throughput)} answers/s; ${f2(r.cpuMsPerRequest)} ms (with it: ${f(app.open50.answerP50)} / ${f(app.open50.answerP99)}; ${f(app.open200.answerP50)} / ${f(app.open200.answerP99)}; ${f(app.open200.ackP99)}; ${f(app.saturation.throughput)}; ${f2(app.cpuMsPerRequest)}) | |`,
    );
  }
  return rows;
}

export async function runHttpBench(opts: HttpBenchOptions = {}): Promise<{ rows: string[]; results: TargetResult[] }> {
  const o = { seconds: opts.seconds ?? 10, saturationN: opts.saturationN ?? 1000, rounds: Math.max(1, opts.rounds ?? 2) };
  const knowledgeDir = opts.knowledgeDir ?? path.resolve(import.meta.dirname, '..', 'knowledge');
  const targets: Target[] = ['bare', 'advisor', ...(opts.variants ? (['advisor-plain-fetch', 'advisor-no-turns'] as const) : [])];
  const fake = await startFakeSlack();
  const rounds = new Map<Target, TargetResult[]>(targets.map((t) => [t, []]));
  try {
    for (let r = 0; r < o.rounds; r++) {
      for (const kind of r % 2 === 0 ? targets : [...targets].reverse()) {
        rounds.get(kind)!.push(await benchTarget(kind, fake, o, knowledgeDir));
      }
    }
  } finally {
    await fake.close();
  }
  const results = targets.map((t) => combine(rounds.get(t)!));
  return { rows: rowsFor(results, o), results };
}

const isMain =
  (import.meta as { main?: boolean }).main ?? (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isMain && process.argv.includes('--serve')) {
  const val = (name: string) => process.argv[process.argv.indexOf(name) + 1] ?? '';
  const t = await serveTarget(val('--serve') as Target, val('--api'), val('--kb'));
  process.stdout.write(`PORT ${t.port}\n`);
  const cpu0 = process.cpuUsage();
  process.once('SIGTERM', () => {
    // CPU time spent serving (start-up excluded), for the CPU-per-request figure.
    const { user, system } = process.cpuUsage(cpu0);
    process.stdout.write(`CPU ${(user + system) / 1000}\n`);
    void t.stop().finally(() => process.exit(0));
  });
} else if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const seconds = arg('--seconds');
  const rounds = arg('--rounds');
  const { rows } = await runHttpBench({ ...(seconds ? { seconds } : {}), ...(rounds ? { rounds } : {}), variants: process.argv.includes('--variants') });
  console.log(['| what | figure | target |', '|---|---|---|', ...rows].join('\n'));
}
