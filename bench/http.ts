/**
 * Load run over HTTP mode: the real app on an ephemeral port, signed `/framework` slash commands at
 * a fixed concurrency; a local fake Web API and a local response_url server. Measures the ack
 * latency (HTTP response) and the answer latency (until the response_url POST arrives), next to a
 * bare Bolt app that answers a fixed message through `respond` in the same run. Loopback only.
 *
 *   node bench/http.ts [--n 400] [--c 20] [--rounds 3] [--in-process]
 *
 * The apps under test run in child processes by default (the load generator and the fake Slack
 * stay in this one), so they do not share an event loop with the client.
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
import { loadConfig } from '../src/config.ts';
import { loadAdvisor } from '../src/core/index.ts';
import { createLogger } from '../src/logger.ts';
import { SqliteStore } from '../src/store/index.ts';

export interface HttpBenchOptions {
  /** Measured requests per app (default 400). */
  n?: number;
  /** Requests in flight (default 20). */
  concurrency?: number;
  /** Unmeasured warm-up requests per app (default 40). */
  warmup?: number;
  /** Per-request deadline for ack and answer (default 10 s). */
  timeoutMs?: number;
  knowledgeDir?: string;
  /** Run the apps in this process instead of child processes (default false). */
  inProcess?: boolean;
}

export interface HttpBenchResult {
  name: string;
  n: number;
  concurrency: number;
  errors: number;
  ackP50: number;
  ackP99: number;
  answerP50: number;
  answerP99: number;
  wallMs: number;
  /** CPU time of the app process per request (warm-up included, start-up excluded); child processes only. */
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

async function load(name: string, appBase: string, fake: FakeSlack, o: Required<Omit<HttpBenchOptions, 'knowledgeDir' | 'inProcess'>>): Promise<HttpBenchResult> {
  const acks: number[] = [];
  const answers: number[] = [];
  let errors = 0;
  let seq = 0;
  const one = async (measure: boolean) => {
    const id = `${name}-${seq++}`;
    const body = new URLSearchParams({
      command: '/framework',
      text: benchQuestion(seq),
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      response_url: `${fake.base}/r/${id}`,
      trigger_id: '1.2.3',
      api_app_id: 'A1',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const answer = fake.answerFor(id, o.timeoutMs);
    answer.catch(() => {});
    const t0 = performance.now();
    try {
      const res = await fetch(`${appBase}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
        body,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      await res.arrayBuffer();
      const t1 = performance.now();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const t2 = await answer;
      if (measure) {
        acks.push(t1 - t0);
        answers.push(t2 - t0);
      }
    } catch {
      if (measure) errors++;
    }
  };
  const run = async (count: number, measure: boolean) => {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        await one(measure);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, count) }, worker));
  };
  await run(o.warmup, false);
  const start = performance.now();
  await run(o.n, true);
  const wallMs = performance.now() - start;
  acks.sort((a, b) => a - b);
  answers.sort((a, b) => a - b);
  return { name, n: o.n, concurrency: o.concurrency, errors, ackP50: pct(acks, 50), ackP99: pct(acks, 99), answerP50: pct(answers, 50), answerP99: pct(answers, 99), wallMs };
}

type Target = 'advisor' | 'bare';

/** Start a target app in this process; returns its port and a stop function. */
async function serveTarget(kind: Target, apiBase: string, knowledgeDir: string): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const logger = createLogger('error');
  if (kind === 'advisor') {
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
  const child = spawn(process.execPath, [...flags, ...profile, fileURLToPath(import.meta.url), '--serve', kind, '--api', apiBase, '--kb', knowledgeDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
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

async function benchTarget(kind: Target, fake: FakeSlack, o: Required<Omit<HttpBenchOptions, 'knowledgeDir' | 'inProcess'>>, knowledgeDir: string, inProcess: boolean): Promise<HttpBenchResult> {
  const t = inProcess ? await serveTarget(kind, fake.base, knowledgeDir) : await spawnTarget(kind, fake.base, knowledgeDir);
  let result: HttpBenchResult | undefined;
  try {
    result = await load(kind === 'advisor' ? 'framework-advisor' : 'bare-bolt', `http://127.0.0.1:${t.port}`, fake, o);
  } finally {
    const cpuMs = await t.stop();
    if (result && typeof cpuMs === 'number') result.cpuMsPerRequest = cpuMs / (o.n + o.warmup);
  }
  return result;
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(2) : 'n/a');

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One figure per field: the median over rounds (errors: the sum). */
function combine(rounds: HttpBenchResult[]): HttpBenchResult {
  const pick = (k: 'ackP50' | 'ackP99' | 'answerP50' | 'answerP99' | 'wallMs') => median(rounds.map((r) => r[k]));
  const cpu = median(rounds.map((r) => r.cpuMsPerRequest ?? NaN));
  return {
    name: rounds[0]?.name ?? '',
    n: rounds.reduce((a, r) => a + r.n, 0),
    concurrency: rounds[0]?.concurrency ?? 0,
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    ackP50: pick('ackP50'),
    ackP99: pick('ackP99'),
    answerP50: pick('answerP50'),
    answerP99: pick('answerP99'),
    wallMs: pick('wallMs'),
    ...(Number.isFinite(cpu) ? { cpuMsPerRequest: cpu } : {}),
  };
}

/**
 * Run both apps in interleaved rounds (bare then ours, then ours then bare, …) so that drift in
 * the machine's speed (a shared VM) hits both alike; figures are medians over rounds, and the
 * ratio is the median of the per-round ratios. `rows` are markdown table rows for bench/run.ts.
 */
export async function runHttpBench(opts: HttpBenchOptions & { rounds?: number } = {}): Promise<{ rows: string[]; results: HttpBenchResult[]; ratios: number[] }> {
  const o = { n: opts.n ?? 400, concurrency: opts.concurrency ?? 20, warmup: opts.warmup ?? 40, timeoutMs: opts.timeoutMs ?? 10_000 };
  const roundsWanted = Math.max(1, opts.rounds ?? 3);
  const knowledgeDir = opts.knowledgeDir ?? path.resolve(import.meta.dirname, '..', 'knowledge');
  const fake = await startFakeSlack();
  const oursRounds: HttpBenchResult[] = [];
  const bareRounds: HttpBenchResult[] = [];
  try {
    const inProcess = opts.inProcess ?? false;
    for (let r = 0; r < roundsWanted; r++) {
      const order: Target[] = r % 2 === 0 ? ['bare', 'advisor'] : ['advisor', 'bare'];
      for (const kind of order) {
        const res = await benchTarget(kind, fake, o, knowledgeDir, inProcess);
        (kind === 'advisor' ? oursRounds : bareRounds).push(res);
      }
    }
  } finally {
    await fake.close();
  }
  const ratios = oursRounds.map((ours, i) => ours.answerP50 / (bareRounds[i]?.answerP50 ?? NaN));
  const ours = combine(oursRounds);
  const bare = combine(bareRounds);
  const ratio = median(ratios);
  const label = `HTTP /framework ×${o.n} @${o.concurrency}, median of ${roundsWanted} rounds`;
  const spread = ratios.length > 1 ? ` (rounds: ${ratios.map((x) => x.toFixed(2)).join(', ')})` : '';
  const rows = [
    `| ${label}: ack p50 / p99 | ${f(ours.ackP50)} / ${f(ours.ackP99)} ms | p99 < 100 ms |`,
    `| ${label}: answer p50 / p99 (until response_url POST) | ${f(ours.answerP50)} / ${f(ours.answerP99)} ms | |`,
    `| ${label}: errors (all rounds) | ${ours.errors} | 0 |`,
    `| bare Bolt, fixed answer, same rounds: ack p50 / p99 | ${f(bare.ackP50)} / ${f(bare.ackP99)} ms | |`,
    `| bare Bolt, fixed answer, same rounds: answer p50 / p99 | ${f(bare.answerP50)} / ${f(bare.answerP99)} ms | |`,
    `| bare Bolt errors (all rounds) | ${bare.errors} | 0 |`,
    `| CPU per request in the app process, Framework Advisor / bare Bolt | ${f2(ours.cpuMsPerRequest)} / ${f2(bare.cpuMsPerRequest)} ms | |`,
    `| answer p50 ratio, Framework Advisor / bare Bolt${spread} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'}× | ≤ 1.5× |`,
  ];
  return { rows, results: [ours, bare], ratios };
}

const isMain =
  (import.meta as { main?: boolean }).main ?? (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isMain && process.argv.includes('--serve')) {
  const val = (name: string) => process.argv[process.argv.indexOf(name) + 1] ?? '';
  const t = await serveTarget(val('--serve') === 'bare' ? 'bare' : 'advisor', val('--api'), val('--kb'));
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
  const n = arg('--n');
  const c = arg('--c');
  const rounds = arg('--rounds');
  const { rows } = await runHttpBench({ ...(n ? { n } : {}), ...(c ? { concurrency: c } : {}), ...(rounds ? { rounds } : {}), inProcess: process.argv.includes('--in-process') });
  console.log(['| what | figure | target |', '|---|---|---|', ...rows].join('\n'));
}
