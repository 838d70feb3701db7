/**
 * What happens when the database is not there: at start-up a clear STORAGE_UNAVAILABLE error
 * naming where it looked (never the password); at run time coded STORAGE errors, no crash. And an
 * existing SQLite file from before the migrations is upgraded in place, its rows kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { describeError, isAdvisorError } from '../../src/errors.ts';
import { SqliteStore, SQLITE_SCHEMA_VERSION } from '../../src/store/index.ts';
import { openConfiguredStore } from '../../src/store/open.ts';
import { PgStore } from '../../src/store/postgres.ts';
import { freshDatabase } from '../pg.ts';

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('PostgreSQL unavailable', () => {
  it('at start-up: STORAGE_UNAVAILABLE naming host, port and database, never the password', async () => {
    const port = await closedPort();
    const e = await openConfiguredStore({ dataDir: ':memory:', databaseUrl: `postgres://advisor:hunter2secret@127.0.0.1:${port}/advisor` }).catch((x: unknown) => x);
    expect(isAdvisorError(e, 'STORAGE_UNAVAILABLE')).toBe(true);
    const text = describeError(e);
    expect(text).toContain(`127.0.0.1:${port}/advisor`);
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toContain('hunter2secret');
  });

  it('at start-up: a wrong password is refused clearly too', async () => {
    const u = new URL(inject('pgAdminUrl'));
    u.password = 'not-the-password';
    const e = await PgStore.open({ url: u.toString() }).catch((x: unknown) => x);
    expect(isAdvisorError(e, 'STORAGE_UNAVAILABLE')).toBe(true);
    expect(describeError(e)).toMatch(/password authentication failed/);
    expect(describeError(e)).not.toContain('not-the-password');
  });

  it('at run time: a database gone away gives coded STORAGE errors and the pool survives', async () => {
    const url = await freshDatabase('gone');
    const lines: string[] = [];
    const store = await PgStore.open({ url, onError: (l) => lines.push(l) });
    await store.setWatched('C1', true, 'U1', new Date());
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    for (const call of [() => store.isWatched('C1'), () => store.claimOnce('event', 'E1', 1000), () => store.takeLlmCall('U1', 3, 1000)]) {
      const e = await call().catch((x: unknown) => x);
      expect(isAdvisorError(e, 'STORAGE')).toBe(true);
    }
    await store.close();
    // The dropped connection was reported through onError, not thrown.
    expect(lines.every((l) => !l.includes(new URL(inject('pgAdminUrl')).password))).toBe(true);
  });
});

describe('SQLite upgrade', () => {
  it("a file written by issue 12's code (answer_key, one-vote index, no migrations table) is upgraded, the vote rule kept", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fa-old12-'));
    const file = path.join(dir, 'framework-advisor.sqlite');
    const old = new DatabaseSync(file);
    old.exec(`
      CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, question TEXT NOT NULL, intent TEXT, verdict TEXT, confidence REAL NOT NULL,
        helpful INTEGER NOT NULL, user_id TEXT NOT NULL, channel_id TEXT, at TEXT NOT NULL, answer_key TEXT);
      CREATE TABLE watched_channels (channel_id TEXT PRIMARY KEY, watched INTEGER NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL);
      CREATE UNIQUE INDEX feedback_one_vote ON feedback (answer_key, user_id);
      INSERT INTO feedback (question, intent, verdict, confidence, helpful, user_id, channel_id, at, answer_key) VALUES ('v?', 'recommend', 'flask', 0.8, 1, 'U1', 'C1', '2025-01-01T00:00:00.000Z', '0123456789abcdef');`);
    old.close();
    const s = new SqliteStore(file);
    try {
      expect(await s.schemaVersions()).toHaveLength(SQLITE_SCHEMA_VERSION);
      await s.recordFeedback({ question: 'v?', intent: 'recommend', verdict: 'flask', confidence: 0.8, helpful: false, userId: 'U1', channelId: 'C1', at: new Date(), answerKey: '0123456789abcdef' });
      const sum = await s.feedbackSummary();
      expect(sum.total).toBe(1);
      expect(sum.helpful).toBe(0);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a file made before versioned migrations keeps its rows and gains the new tables', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fa-old-'));
    const file = path.join(dir, 'framework-advisor.sqlite');
    const old = new DatabaseSync(file);
    old.exec(`
      CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, question TEXT NOT NULL, intent TEXT, verdict TEXT, confidence REAL NOT NULL,
        helpful INTEGER NOT NULL, user_id TEXT NOT NULL, channel_id TEXT, at TEXT NOT NULL);
      CREATE TABLE watched_channels (channel_id TEXT PRIMARY KEY, watched INTEGER NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL);
      INSERT INTO feedback (question, intent, verdict, confidence, helpful, user_id, channel_id, at) VALUES ('old?', 'recommend', 'flask', 0.8, 0, 'U1', 'C1', '2025-01-01T00:00:00.000Z');
      INSERT INTO watched_channels VALUES ('COLD', 1, 'U1', '2025-01-01T00:00:00.000Z');`);
    old.close();
    const s = new SqliteStore(file);
    try {
      expect(await s.schemaVersions()).toHaveLength(SQLITE_SCHEMA_VERSION);
      expect(await s.isWatched('COLD')).toBe(true);
      expect((await s.feedbackSummary()).unhelpful[0]).toMatchObject({ question: 'old?', verdict: 'flask' });
      expect(await s.claimOnce('event', 'x', 1000)).toBe(true);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
