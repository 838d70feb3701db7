/**
 * Durable storage: feedback and watched channels, and what several instances must share (event
 * de-duplication, the replay guard's signatures, the answers behind buttons, the per-user LLM
 * limit, installations and a lock for token refreshes). `Store` is the interface the app uses;
 * `SqliteStore` implements it on `node:sqlite` (built into Node 24; tests pass ':memory:'),
 * `PgStore` (./postgres.ts) on PostgreSQL. Both pass test/store/contract.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Installation, InstallationQuery } from '@slack/oauth';
import type { Answer } from '../core/types.ts';
import { AdvisorError, ErrorCode } from '../errors.ts';
import { currentWorkspace, installationId, installationScope, workspaceFilter, workspaceInstallationId, type WorkspaceRef } from './installations.ts';

export type { WorkspaceRef } from './installations.ts';

export interface FeedbackInput {
  question: string;
  intent: string | null;
  verdict: string | null;
  confidence: number;
  helpful: boolean;
  userId: string;
  channelId: string | null;
  at: Date;
  /** The workspace (and Enterprise Grid org) the vote came from, for per-workspace deletion. */
  teamId?: string | null;
  enterpriseId?: string | null;
  /**
   * The answer voted on (store/feedback.ts). With a key, the row is that user's one vote on that
   * answer: a later vote replaces it. Without one (rows from before issue 12), a plain insert.
   */
  answerKey?: string;
}

export interface FeedbackRow extends FeedbackInput {
  id: number;
}

export interface FeedbackSummary {
  total: number;
  helpful: number;
  /** helpful / total, or null with no feedback. */
  helpfulRate: number | null;
  /** 👎 rows, newest first. */
  unhelpful: FeedbackRow[];
  /** Rows with confidence below the threshold, newest first. */
  lowConfidence: FeedbackRow[];
}

/** What `claimOnce` de-duplicates: Slack events and messages, and request signatures. */
export type ClaimKind = 'event' | 'signature';

/** An answer behind buttons (Share, Refine, follow-ups, feedback act on exactly this). */
export interface StoredAnswer {
  question: string;
  history: string[];
  answer: Answer;
  /** Who asked (the only one who may share it, on any instance: listeners/share-policy.ts). */
  askedBy?: string;
}

/** Rows removed by `deleteWorkspaceData`, per table. */
export interface DeletedCounts {
  installations: number;
  feedback: number;
  watchedChannels: number;
  answers: number;
  llmCalls: number;
}

export interface Store {
  recordFeedback(f: FeedbackInput): Promise<void>;
  setWatched(channelId: string, on: boolean, byUser: string, at: Date, ws?: WorkspaceRef): Promise<void>;
  isWatched(channelId: string): Promise<boolean>;
  feedbackSummary(opts?: { lowConfidenceBelow?: number; limit?: number }): Promise<FeedbackSummary>;

  /**
   * True the first time `key` of `kind` is claimed while an earlier claim is alive (a unique
   * insert; an expired claim is taken over). Several instances share the answer.
   */
  claimOnce(kind: ClaimKind, key: string, ttlMs: number, nowMs?: number): Promise<boolean>;
  /** Keep an answer for `ttlMs` under `key` (the key carried by its buttons). */
  putAnswer(key: string, entry: StoredAnswer, ttlMs: number, ws?: WorkspaceRef, nowMs?: number): Promise<void>;
  /** The answer under `key`, unless unknown or expired. */
  getAnswer(key: string, nowMs?: number): Promise<StoredAnswer | undefined>;
  /** Record an LLM call for `userId` if fewer than `limit` were made in the last `windowMs`; false at the limit. */
  takeLlmCall(userId: string, limit: number, windowMs: number, ws?: WorkspaceRef, nowMs?: number): Promise<boolean>;
  /** LLM calls left for `userId` in the window. */
  llmCallsLeft(userId: string, limit: number, windowMs: number, nowMs?: number): Promise<number>;

  /** Bolt's InstallationStore: one installation per workspace, or per org for org-wide installs. */
  storeInstallation(installation: Installation): Promise<void>;
  /** Throws (code STORAGE) when there is none. */
  fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation>;
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /**
   * Run `fn` holding the named lock, shared by every instance on this database (token refreshes).
   * Waits up to `waitMs` (default 15 s) for it, then throws STORAGE.
   */
  withLock<T>(name: string, fn: () => Promise<T>, opts?: { waitMs?: number }): Promise<T>;
  /** Delete a workspace's installation and everything stored for it (uninstall, tokens revoked, erasure). */
  deleteWorkspaceData(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): Promise<DeletedCounts>;
  /** Drop expired claims, answers and LLM call records; returns how many rows went. */
  sweepExpired(nowMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** How long answers behind buttons are kept by default: 7 days. */
export const ANSWER_TTL_MS = 7 * 24 * 3600_000;

/** A feedback row as either database returns it (SQLite: integers and ISO text; PostgreSQL: bigint as text, booleans, dates). */
export interface DbFeedbackRow {
  id: number | string;
  question: string;
  intent: string | null;
  verdict: string | null;
  confidence: number;
  helpful: number | boolean;
  user_id: string;
  channel_id: string | null;
  at: string | Date;
}

export function toFeedbackRow(r: DbFeedbackRow): FeedbackRow {
  return {
    id: Number(r.id),
    question: r.question,
    intent: r.intent,
    verdict: r.verdict,
    confidence: r.confidence,
    helpful: r.helpful === true || r.helpful === 1,
    userId: r.user_id,
    channelId: r.channel_id,
    at: r.at instanceof Date ? r.at : new Date(r.at),
  };
}

export function storageError(what: string, cause: unknown): AdvisorError {
  return new AdvisorError(ErrorCode.Storage, `Could not ${what}.`, { cause });
}

/** SQLite schema versions, applied in order at start-up (each once, in one transaction). */
const SQLITE_MIGRATIONS: { version: number; name: string; sql: string | ((db: DatabaseSync) => void) }[] = [
  {
    version: 1,
    name: 'feedback and watched channels',
    sql: `
      CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        question TEXT NOT NULL,
        intent TEXT,
        verdict TEXT,
        confidence REAL NOT NULL,
        helpful INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        channel_id TEXT,
        at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS watched_channels (
        channel_id TEXT PRIMARY KEY,
        watched INTEGER NOT NULL,
        by_user TEXT NOT NULL,
        at TEXT NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'shared state for several instances, installations, workspace columns',
    sql: `
      ALTER TABLE feedback ADD COLUMN team_id TEXT;
      ALTER TABLE feedback ADD COLUMN enterprise_id TEXT;
      ALTER TABLE watched_channels ADD COLUMN team_id TEXT;
      ALTER TABLE watched_channels ADD COLUMN enterprise_id TEXT;
      CREATE TABLE seen_keys (kind TEXT NOT NULL, key TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (kind, key));
      CREATE INDEX seen_keys_expires ON seen_keys (expires_at);
      CREATE TABLE answers (key TEXT PRIMARY KEY, data TEXT NOT NULL, team_id TEXT, enterprise_id TEXT, expires_at INTEGER NOT NULL);
      CREATE INDEX answers_expires ON answers (expires_at);
      CREATE TABLE llm_calls (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, at_ms INTEGER NOT NULL, team_id TEXT, enterprise_id TEXT);
      CREATE INDEX llm_calls_user ON llm_calls (user_id, at_ms);
      CREATE TABLE installations (
        id TEXT PRIMARY KEY,
        team_id TEXT,
        enterprise_id TEXT,
        is_enterprise_install INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);`,
  },
  {
    version: 3,
    name: 'one vote per user per answer',
    // Databases written by issue 12's code before migrations existed already have the column.
    sql: (db) => {
      const cols = db.prepare('PRAGMA table_info(feedback)').all() as { name: string }[];
      if (!cols.some((c) => c.name === 'answer_key')) db.exec('ALTER TABLE feedback ADD COLUMN answer_key TEXT');
      db.exec('CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback (answer_key, user_id)');
    },
  },
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/** How long a lock is held at most before another holder may take it over (a crashed instance). */
export const LOCK_LEASE_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SqliteStore implements Store {
  private readonly db: DatabaseSync;
  /**
   * A second connection for rows that expire by themselves and are written on every request
   * (de-duplication claims, answers behind buttons): `synchronous = NORMAL`, so their commits do not
   * wait for an fsync (they survive a crash of the app, not a power loss, which only forgets them
   * early). Feedback, watch settings and installations stay on `db` (`synchronous = FULL`: durable
   * before the ack). The same connection as `db` for ':memory:' (a second one would be another database).
   */
  private readonly volatile: DatabaseSync;
  private readonly claimStmt: StatementSync;
  private readonly putAnswerStmt: StatementSync;
  private closed = false;

  /** `file` is a path or ':memory:'. Applies pending migrations. */
  constructor(file: string) {
    try {
      this.db = new DatabaseSync(file);
      this.db.exec(`
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 2000;`);
      this.migrate();
      this.volatile = file === ':memory:' ? this.db : new DatabaseSync(file);
      if (this.volatile !== this.db) this.volatile.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 2000;');
      this.claimStmt = this.volatile.prepare(
        'INSERT INTO seen_keys (kind, key, expires_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT(kind, key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_keys.expires_at <= ? RETURNING 1 AS claimed',
      );
      this.putAnswerStmt = this.volatile.prepare(
        'INSERT INTO answers (key, data, team_id, enterprise_id, expires_at) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT(key) DO UPDATE SET data = excluded.data, team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, expires_at = excluded.expires_at',
      );
    } catch (e) {
      throw storageError(`open the database at ${file}`, e);
    }
  }

  /** `fn` in one BEGIN IMMEDIATE transaction (serialises the processes on this file), rolled back if it throws. */
  private immediate<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const r = fn();
      this.db.exec('COMMIT');
      return r;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Versioned and idempotent: `schema_migrations` records what ran; each in its own transaction. */
  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of SQLITE_MIGRATIONS) {
      try {
        this.immediate(() => {
          if (this.db.prepare('SELECT 1 AS x FROM schema_migrations WHERE version = ?').get(m.version)) return;
          if (typeof m.sql === 'string') this.db.exec(m.sql);
          else m.sql(this.db);
          this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
        });
      } catch (e) {
        throw new AdvisorError(ErrorCode.Storage, `Could not apply database migration ${m.version} (${m.name}).`, { cause: e });
      }
    }
  }

  /** Applied migration versions (for tests and operators). */
  async schemaVersions(): Promise<number[]> {
    return (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  }

  async recordFeedback(f: FeedbackInput): Promise<void> {
    try {
      // Committed (WAL, synchronous FULL by default) before this returns: the caller acks after it.
      this.db
        .prepare(
          'INSERT INTO feedback (question, intent, verdict, confidence, helpful, user_id, channel_id, at, team_id, enterprise_id, answer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT (answer_key, user_id) DO UPDATE SET helpful = excluded.helpful, channel_id = excluded.channel_id, at = excluded.at',
        )
        .run(
          f.question,
          f.intent,
          f.verdict,
          Number.isFinite(f.confidence) ? f.confidence : 0,
          f.helpful ? 1 : 0,
          f.userId,
          f.channelId,
          f.at.toISOString(),
          f.teamId ?? currentWorkspace().teamId ?? null,
          f.enterpriseId ?? currentWorkspace().enterpriseId ?? null,
          f.answerKey ?? null,
        );
    } catch (e) {
      throw storageError('save the feedback', e);
    }
  }

  async setWatched(channelId: string, on: boolean, byUser: string, at: Date, ws: WorkspaceRef = currentWorkspace()): Promise<void> {
    try {
      this.db
        .prepare(
          'INSERT INTO watched_channels (channel_id, watched, by_user, at, team_id, enterprise_id) VALUES (?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT(channel_id) DO UPDATE SET watched = excluded.watched, by_user = excluded.by_user, at = excluded.at, ' +
            'team_id = excluded.team_id, enterprise_id = excluded.enterprise_id',
        )
        .run(channelId, on ? 1 : 0, byUser, at.toISOString(), ws.teamId ?? null, ws.enterpriseId ?? null);
    } catch (e) {
      throw storageError('save the channel setting', e);
    }
  }

  async isWatched(channelId: string): Promise<boolean> {
    try {
      const r = this.db.prepare('SELECT watched FROM watched_channels WHERE channel_id = ?').get(channelId) as { watched: number } | undefined;
      return r?.watched === 1;
    } catch (e) {
      throw storageError('read the channel setting', e);
    }
  }

  async feedbackSummary(opts: { lowConfidenceBelow?: number; limit?: number } = {}): Promise<FeedbackSummary> {
    const below = opts.lowConfidenceBelow ?? 0.5;
    const limit = opts.limit ?? 50;
    try {
      const c = this.db.prepare('SELECT COUNT(*) AS total, COALESCE(SUM(helpful), 0) AS helpful FROM feedback').get() as { total: number; helpful: number };
      const unhelpful = this.db.prepare('SELECT * FROM feedback WHERE helpful = 0 ORDER BY at DESC, id DESC LIMIT ?').all(limit) as unknown as DbFeedbackRow[];
      const low = this.db
        .prepare("SELECT * FROM feedback WHERE confidence < ? AND (intent IS NULL OR intent IN ('recommend', 'compare')) ORDER BY at DESC, id DESC LIMIT ?")
        .all(below, limit) as unknown as DbFeedbackRow[];
      return {
        total: c.total,
        helpful: c.helpful,
        helpfulRate: c.total ? c.helpful / c.total : null,
        unhelpful: unhelpful.map(toFeedbackRow),
        lowConfidence: low.map(toFeedbackRow),
      };
    } catch (e) {
      throw storageError('read the feedback', e);
    }
  }

  async claimOnce(kind: ClaimKind, key: string, ttlMs: number, nowMs = Date.now()): Promise<boolean> {
    try {
      const r = this.claimStmt.get(kind, key, nowMs + ttlMs, nowMs);
      return r !== undefined;
    } catch (e) {
      throw storageError(`record a ${kind} as seen`, e);
    }
  }

  /**
   * Answers are written in batches, one transaction per turn of the event loop, after the reply that
   * made them has gone (putAnswer resolves once its batch is committed): on the hot path an answer
   * only joins the batch.
   */
  private answerBatch: { key: string; entry: StoredAnswer; teamId: string | null; enterpriseId: string | null; expiresAt: number }[] = [];
  private answerBatchWritten: Promise<void> | undefined;

  async putAnswer(key: string, entry: StoredAnswer, ttlMs: number, ws: WorkspaceRef = currentWorkspace(), nowMs = Date.now()): Promise<void> {
    if (this.closed) throw storageError('keep the answer', new Error('the store is closed'));
    this.answerBatch.push({ key, entry, teamId: ws.teamId ?? null, enterpriseId: ws.enterpriseId ?? null, expiresAt: nowMs + ttlMs });
    this.answerBatchWritten ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        try {
          this.writeAnswers();
          resolve();
        } catch (e) {
          reject(e);
        }
      }),
    );
    return this.answerBatchWritten;
  }

  /** Commit the answers waiting in the batch (also before anything else reads or deletes answers). */
  private writeAnswers(): void {
    const batch = this.answerBatch;
    this.answerBatch = [];
    this.answerBatchWritten = undefined;
    if (batch.length === 0) return;
    try {
      this.volatile.exec('BEGIN');
      try {
        for (const a of batch) this.putAnswerStmt.run(a.key, JSON.stringify(a.entry), a.teamId, a.enterpriseId, a.expiresAt);
        this.volatile.exec('COMMIT');
      } catch (e) {
        this.volatile.exec('ROLLBACK');
        throw e;
      }
    } catch (e) {
      throw storageError('keep the answer', e);
    }
  }

  async getAnswer(key: string, nowMs = Date.now()): Promise<StoredAnswer | undefined> {
    try {
      this.writeAnswers();
      const r = this.db.prepare('SELECT data FROM answers WHERE key = ? AND expires_at > ?').get(key, nowMs) as { data: string } | undefined;
      return r ? (JSON.parse(r.data) as StoredAnswer) : undefined;
    } catch (e) {
      throw storageError('read the answer', e);
    }
  }

  async takeLlmCall(userId: string, limit: number, windowMs: number, ws: WorkspaceRef = currentWorkspace(), nowMs = Date.now()): Promise<boolean> {
    try {
      // One transaction, so two processes on this file cannot both take the last call.
      return this.immediate(() => {
        const c = this.db.prepare('SELECT COUNT(*) AS n FROM llm_calls WHERE user_id = ? AND at_ms > ?').get(userId, nowMs - windowMs) as { n: number };
        const ok = c.n < limit;
        if (ok) this.db.prepare('INSERT INTO llm_calls (user_id, at_ms, team_id, enterprise_id) VALUES (?, ?, ?, ?)').run(userId, nowMs, ws.teamId ?? null, ws.enterpriseId ?? null);
        return ok;
      });
    } catch (e) {
      throw storageError('count LLM calls', e);
    }
  }

  async llmCallsLeft(userId: string, limit: number, windowMs: number, nowMs = Date.now()): Promise<number> {
    try {
      const c = this.db.prepare('SELECT COUNT(*) AS n FROM llm_calls WHERE user_id = ? AND at_ms > ?').get(userId, nowMs - windowMs) as { n: number };
      return Math.max(0, limit - c.n);
    } catch (e) {
      throw storageError('count LLM calls', e);
    }
  }

  async storeInstallation(installation: Installation): Promise<void> {
    try {
      const { teamId, enterpriseId, org } = installationScope(installation);
      this.db
        .prepare(
          'INSERT INTO installations (id, team_id, enterprise_id, is_enterprise_install, data, updated_at) VALUES (?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT(id) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, ' +
            'is_enterprise_install = excluded.is_enterprise_install, data = excluded.data, updated_at = excluded.updated_at',
        )
        .run(installationId(installation), teamId, enterpriseId, org ? 1 : 0, JSON.stringify(installation), new Date().toISOString());
    } catch (e) {
      throw storageError('save the installation', e);
    }
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    let row: { data: string } | undefined;
    try {
      row = this.db.prepare('SELECT data FROM installations WHERE id = ?').get(installationId(query)) as { data: string } | undefined;
      // A workspace of an org with an org-wide install: the org's installation serves it.
      if (!row && !query.isEnterpriseInstall && query.enterpriseId) {
        row = this.db.prepare('SELECT data FROM installations WHERE id = ?').get(`E:${query.enterpriseId}`) as { data: string } | undefined;
      }
    } catch (e) {
      throw storageError('read the installation', e);
    }
    if (!row) throw new AdvisorError(ErrorCode.Storage, `No installation for ${installationId(query)}.`);
    return JSON.parse(row.data) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    try {
      this.db.prepare('DELETE FROM installations WHERE id = ?').run(installationId(query));
    } catch (e) {
      throw storageError('delete the installation', e);
    }
  }

  async withLock<T>(name: string, fn: () => Promise<T>, opts: { waitMs?: number } = {}): Promise<T> {
    const owner = randomUUID();
    const deadline = Date.now() + (opts.waitMs ?? 15_000);
    for (;;) {
      const now = Date.now();
      let got: unknown;
      try {
        got = this.db
          .prepare(
            'INSERT INTO locks (name, owner, expires_at) VALUES (?, ?, ?) ' +
              'ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at WHERE locks.expires_at <= ? RETURNING 1 AS got',
          )
          .get(name, owner, now + LOCK_LEASE_MS, now);
      } catch (e) {
        throw storageError(`take the lock ${name}`, e);
      }
      if (got) break;
      if (now >= deadline) throw new AdvisorError(ErrorCode.Storage, `Timed out waiting for the lock ${name}.`);
      await sleep(20);
    }
    try {
      return await fn();
    } finally {
      try {
        this.db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
      } catch {
        // the lease expires by itself
      }
    }
  }

  async deleteWorkspaceData(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): Promise<DeletedCounts> {
    this.writeAnswers();
    const { column, value } = workspaceFilter(ws);
    const id = workspaceInstallationId(ws);
    const del = (table: string) => Number(this.db.prepare(`DELETE FROM ${table} WHERE ${column} = ?`).run(value).changes);
    try {
      return this.immediate(
        (): DeletedCounts => ({
          installations: Number(this.db.prepare('DELETE FROM installations WHERE id = ?').run(id).changes),
          feedback: del('feedback'),
          watchedChannels: del('watched_channels'),
          answers: del('answers'),
          llmCalls: del('llm_calls'),
        }),
      );
    } catch (e) {
      throw storageError(`delete the data of ${column === 'team_id' ? 'workspace' : 'org'} ${value}`, e);
    }
  }

  async sweepExpired(nowMs = Date.now()): Promise<number> {
    try {
      this.writeAnswers();
      let n = 0;
      n += Number(this.db.prepare('DELETE FROM seen_keys WHERE expires_at <= ?').run(nowMs).changes);
      n += Number(this.db.prepare('DELETE FROM answers WHERE expires_at <= ?').run(nowMs).changes);
      // LLM limits use windows of at most a day (LLM_USER_LIMIT is per hour).
      n += Number(this.db.prepare('DELETE FROM llm_calls WHERE at_ms <= ?').run(nowMs - 24 * 3600_000).changes);
      return n;
    } catch (e) {
      throw storageError('drop expired rows', e);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.writeAnswers();
    } catch {
      // logged by the writers' own callers; the database is going away
    }
    for (const c of this.volatile === this.db ? [this.db] : [this.volatile, this.db]) {
      try {
        c.close();
      } catch {
        // already closed
      }
    }
  }
}

/** Open the store under `dataDir` (created if missing), or in memory for ':memory:'. */
export function openStore(dataDir: string): SqliteStore {
  if (dataDir === ':memory:') return new SqliteStore(':memory:');
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw storageError(`create the data directory ${dataDir}`, e);
  }
  return new SqliteStore(path.join(dataDir, 'framework-advisor.sqlite'));
}

/** Run a store write; on failure retry once, then throw the last error. */
export async function withRetry<T>(fn: () => Promise<T>, onRetry?: (e: unknown) => void): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    onRetry?.(e);
    return await fn();
  }
}
