/**
 * The real app (`node src/app.ts`, npm start's flags) in a child process in HTTP mode, against a
 * minimal fake Slack on 127.0.0.1 (Web API + response_url endpoints that record what arrives).
 * Shared by the issue-12 benches (memory under hostile text, stalled uploads, kill during a burst).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFlags } from '../runtime.ts';

export const SECRET = 'benchhardeningsecret0000';
export const TOKEN = 'xoxb-bench-hardening-0000';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sign(body: string, ts: number): string {
  return `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface Fake {
  base: string;
  /** Bodies POSTed to /r/<id>, by id. */
  posted: Map<string, Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startFake(): Promise<Fake> {
  const posted = new Map<string, Record<string, unknown>[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const r = /^\/r\/([\w-]+)/.exec(url);
      if (r?.[1]) {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          // not JSON
        }
        posted.set(r[1], [...(posted.get(r[1]) ?? []), body]);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const out = url.includes('auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } : { ok: true, ts: `${Date.now() / 1000}`, channel: 'C1' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Child {
  port: number;
  pid: number;
  proc: ChildProcess;
  /** Resident set size now, MB (from /proc). */
  rssMb(): number;
  exited: Promise<number | null>;
  stderr(): string;
}

export async function spawnApp(o: { apiBase: string; dataDir: string; env?: Record<string, string> }): Promise<Child> {
  const proc = spawn(process.execPath, [...startFlags(), path.join(ROOT, 'src', 'app.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${o.apiBase}/api/`, PORT: '0', DATA_DIR: o.dataDir, LOG_LEVEL: 'info', ...o.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => {
    if (err.length < 200_000) err += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start: ${err}`)), 30_000);
    const check = () => {
      const m = /HTTP mode on port (\d+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stderr?.on('data', check);
    void exited.then((code) => reject(new Error(`app exited (${code}): ${err}`)));
  });
  const pid = proc.pid ?? 0;
  return {
    port,
    pid,
    proc,
    rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    exited,
    stderr: () => err,
  };
}

/** POST a signed body to the app. */
export async function postSigned(port: number, body: string, type: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts) }, body });
  await res.arrayBuffer();
  return res.status;
}
