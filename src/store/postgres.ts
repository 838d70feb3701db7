/**
 * The Store on PostgreSQL (node-postgres), for several instances sharing one database.
 *
 * - `PgStore.open` connects, applies the versioned migrations under an advisory lock (two
 *   instances starting together do not race) and fails with STORAGE_UNAVAILABLE, naming host,
 *   port and database (never the password), when the server cannot be reached.
 * - One pool per process: at most `max` connections (default 10), a connect timeout, a statement
 *   timeout and a query timeout, so a slow or unreachable database turns into a coded STORAGE
 *   error in a few seconds instead of a hung handler. Idle-connection errors are logged, never
 *   thrown (an unhandled 'error' on the pool would end the process).
 * - Atomic where instances compete: claims are one unique insert; the LLM limit and named locks
 *   take transaction-scoped advisory locks.
 */
import pg from 'pg';
import type { Installation, InstallationQuery } from '@slack/oauth';
import { AdvisorError, ErrorCode, describeError } from '../errors.ts';
import {
  storageError,
  type ClaimKind,
  type DeletedCounts,
  type FeedbackInput,
  toFeedbackRow,
  type DbFeedbackRow,
  type FeedbackSummary,
  type Store,
  type StoredAnswer,
} from './index.ts';
import { currentWorkspace, installationId, installationScope, workspaceFilter, workspaceInstallationId, type WorkspaceRef } from './installations.ts';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  url: string;
  /** Pool size per process (default 10). */
  max?: number;
  /** Deadline to get a connection (default 5 s). */
  connectTimeoutMs?: number;
  /** Server-side statement timeout and client-side query deadline (default 5 s). */
  statementTimeoutMs?: number;
  /** Where pool errors go (idle connections dropped by the server). */
  onError?: (line: string) => void;
}

/** PostgreSQL schema versions, applied in order at start-up (each once, in its own transaction). */
const PG_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'feedback, watched channels, shared state, installations',
    sql: `
      CREATE TABLE IF NOT EXISTS feedback (
        id BIGSERIAL PRIMARY KEY,
        question TEXT NOT NULL,
        intent TEXT,
        verdict TEXT,
        confidence DOUBLE PRECISION NOT NULL,
        helpful BOOLEAN NOT NULL,
        user_id TEXT NOT NULL,
        channel_id TEXT,
        at TIMESTAMPTZ NOT NULL,
        team_id TEXT,
        enterprise_id TEXT
      );
      CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at DESC, id DESC);
      CREATE INDEX IF NOT EXISTS feedback_team ON feedback (team_id);
      CREATE TABLE IF NOT EXISTS watched_channels (
        channel_id TEXT PRIMARY KEY,
        watched BOOLEAN NOT NULL,
        by_user TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        team_id TEXT,
        enterprise_id TEXT
      );
      CREATE TABLE IF NOT EXISTS seen_keys (kind TEXT NOT NULL, key TEXT NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (kind, key));
      CREATE INDEX IF NOT EXISTS seen_keys_expires ON seen_keys (expires_at);
      CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, data TEXT NOT NULL, team_id TEXT, enterprise_id TEXT, expires_at BIGINT NOT NULL);
      CREATE INDEX IF NOT EXISTS answers_expires ON answers (expires_at);
      CREATE INDEX IF NOT EXISTS answers_team ON answers (team_id);
      CREATE TABLE IF NOT EXISTS llm_calls (id BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, at_ms BIGINT NOT NULL, team_id TEXT, enterprise_id TEXT);
      CREATE INDEX IF NOT EXISTS llm_calls_user ON llm_calls (user_id, at_ms);
      CREATE TABLE IF NOT EXISTS installations (
        id TEXT PRIMARY KEY,
        team_id TEXT,
        enterprise_id TEXT,
        is_enterprise_install BOOLEAN NOT NULL,
        data TEXT NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'one vote per user per answer',
    // NULL keys (rows from before issue 12) stay distinct: plain inserts.
    sql: `
      ALTER TABLE feedback ADD COLUMN IF NOT EXISTS answer_key TEXT;
      CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback (answer_key, user_id);`,
  },
];


/** Advisory lock key for migrations (any constant; 'fa-mig' in ASCII). */
const MIGRATION_LOCK = 0x66612d6d6967;

/** host:port/database of a URL, without user or password, for messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

export class PgStore implements Store {
  private readonly pool: pg.Pool;
  private closed = false;

  private constructor(o: PgStoreOptions) {
    const statementTimeout = o.statementTimeoutMs ?? 5000;
    this.pool = new pg.Pool({
      connectionString: o.url,
      max: o.max ?? 10,
      connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 1000,
      application_name: 'framework-advisor',
      keepAlive: true,
    });
    const onError = o.onError ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.pool.on('error', (e) => onError(`PostgreSQL connection error (an idle connection was dropped): ${describeError(e)}`));
  }

  /** Connect and migrate; throws STORAGE_UNAVAILABLE when the database cannot be used. */
  static async open(o: PgStoreOptions): Promise<PgStore> {
    const s = new PgStore(o);
    try {
      await s.migrate();
    } catch (e) {
      await s.pool.end().catch(() => undefined);
      const where = describeDatabaseUrl(o.url);
      if (e instanceof AdvisorError) throw new AdvisorError(ErrorCode.StorageUnavailable, `${e.message} (PostgreSQL at ${where})`, { cause: e.cause });
      const code = (e as { code?: string }).code;
      throw new AdvisorError(
        ErrorCode.StorageUnavailable,
        `Could not connect to PostgreSQL at ${where}${code ? ` (${code})` : ''}. Check DATABASE_URL and that the server is running and reachable.`,
        { cause: e },
      );
    }
    return s;
  }

  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SET statement_timeout = 60000');
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
        const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        for (const m of PG_MIGRATIONS) {
          if (done.has(m.version)) continue;
          await c.query('BEGIN');
          try {
            await c.query(m.sql);
            await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
            await c.query('COMMIT');
          } catch (e) {
            await c.query('ROLLBACK').catch(() => undefined);
            throw new AdvisorError(ErrorCode.Storage, `Could not apply database migration ${m.version} (${m.name}).`, { cause: e });
          }
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      }
      await c.query('RESET statement_timeout');
    } finally {
      c.release();
    }
  }

  /** Applied migration versions (for tests and operators). */
  async schemaVersions(): Promise<number[]> {
    return (await this.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  }

  /** One query; `sql` with a name is a prepared statement (parsed and planned once per connection). */
  private async q<R extends pg.QueryResultRow = pg.QueryResultRow>(what: string, sql: string | { name: string; text: string }, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await (typeof sql === 'string' ? this.pool.query<R>(sql, params) : this.pool.query<R>({ ...sql, values: params }));
    } catch (e) {
      throw storageError(what, e);
    }
  }

  /** Run `fn` in one transaction on one connection. */
  private async tx<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let c: pg.PoolClient;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw storageError(what, e);
    }
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e instanceof AdvisorError ? e : storageError(what, e);
    } finally {
      c.release();
    }
  }

  async recordFeedback(f: FeedbackInput): Promise<void> {
    await this.q(
      'save the feedback',
      // One vote per user per answer: a later click replaces the earlier (store/feedback.ts).
      'INSERT INTO feedback (question, intent, verdict, confidence, helpful, user_id, channel_id, at, team_id, enterprise_id, answer_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ' +
        'ON CONFLICT (answer_key, user_id) DO UPDATE SET helpful = EXCLUDED.helpful, channel_id = EXCLUDED.channel_id, at = EXCLUDED.at',
      [
        f.question,
        f.intent,
        f.verdict,
        Number.isFinite(f.confidence) ? f.confidence : 0,
        f.helpful,
        f.userId,
        f.channelId,
        f.at,
        f.teamId ?? currentWorkspace().teamId ?? null,
        f.enterpriseId ?? currentWorkspace().enterpriseId ?? null,
        f.answerKey ?? null,
      ],
    );
  }

  async setWatched(channelId: string, on: boolean, byUser: string, at: Date, ws: WorkspaceRef = currentWorkspace()): Promise<void> {
    await this.q(
      'save the channel setting',
      'INSERT INTO watched_channels (channel_id, watched, by_user, at, team_id, enterprise_id) VALUES ($1, $2, $3, $4, $5, $6) ' +
        'ON CONFLICT (channel_id) DO UPDATE SET watched = EXCLUDED.watched, by_user = EXCLUDED.by_user, at = EXCLUDED.at, ' +
        'team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id',
      [channelId, on, byUser, at, ws.teamId ?? null, ws.enterpriseId ?? null],
    );
  }

  async isWatched(channelId: string): Promise<boolean> {
    const r = await this.q<{ watched: boolean }>('read the channel setting', 'SELECT watched FROM watched_channels WHERE channel_id = $1', [channelId]);
    return r.rows[0]?.watched === true;
  }

  async feedbackSummary(opts: { lowConfidenceBelow?: number; limit?: number } = {}): Promise<FeedbackSummary> {
    const below = opts.lowConfidenceBelow ?? 0.5;
    const limit = opts.limit ?? 50;
    const what = 'read the feedback';
    const c = await this.q<{ total: number; helpful: number }>(what, 'SELECT COUNT(*)::int AS total, COUNT(*) FILTER (WHERE helpful)::int AS helpful FROM feedback');
    const unhelpful = await this.q<DbFeedbackRow>(what, 'SELECT * FROM feedback WHERE NOT helpful ORDER BY at DESC, id DESC LIMIT $1', [limit]);
    const low = await this.q<DbFeedbackRow>(
      what,
      "SELECT * FROM feedback WHERE confidence < $1 AND (intent IS NULL OR intent IN ('recommend', 'compare')) ORDER BY at DESC, id DESC LIMIT $2",
      [below, limit],
    );
    const total = c.rows[0]?.total ?? 0;
    const helpful = c.rows[0]?.helpful ?? 0;
    return {
      total,
      helpful,
      helpfulRate: total ? helpful / total : null,
      unhelpful: unhelpful.rows.map(toFeedbackRow),
      lowConfidence: low.rows.map(toFeedbackRow),
    };
  }

  /**
   * Claims asked in one turn of the event loop (every request read in it, each event's two keys)
   * go to the database as one INSERT of all of them, a prepared statement: one round trip and one
   * commit instead of one each. Each claim still gets its own answer (the keys the INSERT returns),
   * so a key is claimed once whichever instance asks. A key asked twice in one batch goes in once;
   * its second asker is told it was seen. An expired claim is taken over when it had expired at the
   * batch's earliest time.
   */
  private claims: { kind: ClaimKind; key: string; expiresAt: number; nowMs: number; done: (claimed: boolean) => void; fail: (e: unknown) => void }[] = [];

  async claimOnce(kind: ClaimKind, key: string, ttlMs: number, nowMs = Date.now()): Promise<boolean> {
    if (this.closed) throw storageError(`record a ${kind} as seen`, new Error('the store is closed'));
    return new Promise<boolean>((done, fail) => {
      if (this.claims.push({ kind, key, expiresAt: nowMs + ttlMs, nowMs, done, fail }) === 1) setImmediate(() => void this.writeClaims());
    });
  }

  private async writeClaims(): Promise<void> {
    const batch = this.claims;
    this.claims = [];
    const first = new Map<string, (typeof batch)[number]>();
    const repeated: (typeof batch)[number][] = [];
    for (const c of batch) {
      const id = `${c.kind}\u0000${c.key}`;
      if (first.has(id)) repeated.push(c);
      else first.set(id, c);
    }
    const rows = [...first.values()];
    try {
      const r = await this.q<{ kind: string; key: string }>(
        batch.length === 1 ? `record a ${batch[0]!.kind} as seen` : `record ${batch.length} events and signatures as seen`,
        {
          name: 'fa_claim_keys',
          text:
            'INSERT INTO seen_keys (kind, key, expires_at) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ' +
            'ON CONFLICT (kind, key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE seen_keys.expires_at <= $4 RETURNING kind, key',
        },
        [rows.map((c) => c.kind), rows.map((c) => c.key), rows.map((c) => c.expiresAt), rows.reduce((m, c) => Math.min(m, c.nowMs), Number.POSITIVE_INFINITY)],
      );
      const claimed = new Set(r.rows.map((x) => `${x.kind}\u0000${x.key}`));
      for (const c of rows) c.done(claimed.has(`${c.kind}\u0000${c.key}`));
      for (const c of repeated) c.done(false);
    } catch (e) {
      for (const c of batch) c.fail(e);
    }
  }

  /**
   * Answers are written in batches too: those made in one turn of the event loop, one INSERT, a
   * prepared statement (putAnswer resolves once it is committed). A read of an answer still waiting
   * in the batch is answered from it; sweeps, deletions and close write the batch first.
   */
  private answers = new Map<string, { teamId: string | null; enterpriseId: string | null; expiresAt: number; entry: StoredAnswer }>();
  private answersWritten: Promise<void> | undefined;

  async putAnswer(key: string, entry: StoredAnswer, ttlMs: number, ws: WorkspaceRef = currentWorkspace(), nowMs = Date.now()): Promise<void> {
    if (this.closed) throw storageError('keep the answer', new Error('the store is closed'));
    this.answers.set(key, { entry, teamId: ws.teamId ?? null, enterpriseId: ws.enterpriseId ?? null, expiresAt: nowMs + ttlMs });
    this.answersWritten ??= new Promise<void>((resolve, reject) => setImmediate(() => this.writeAnswers().then(resolve, reject)));
    return this.answersWritten;
  }

  private async writeAnswers(): Promise<void> {
    const batch = [...this.answers];
    this.answers = new Map();
    this.answersWritten = undefined;
    if (batch.length === 0) return;
    await this.q(
      batch.length === 1 ? 'keep the answer' : `keep ${batch.length} answers`,
      {
        name: 'fa_put_answers',
        text:
          'INSERT INTO answers (key, data, team_id, enterprise_id, expires_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) ' +
          'ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id, expires_at = EXCLUDED.expires_at',
      },
      [batch.map(([k]) => k), batch.map(([, a]) => JSON.stringify(a.entry)), batch.map(([, a]) => a.teamId), batch.map(([, a]) => a.enterpriseId), batch.map(([, a]) => a.expiresAt)],
    );
  }

  /** The batch waiting to be written, written now (before reads that must see it, deletions, close). */
  private async flushAnswers(): Promise<void> {
    if (this.answers.size > 0) await this.writeAnswers();
    else await this.answersWritten?.catch(() => undefined);
  }

  async getAnswer(key: string, nowMs = Date.now()): Promise<StoredAnswer | undefined> {
    const waiting = this.answers.get(key);
    if (waiting) return waiting.expiresAt > nowMs ? waiting.entry : undefined;
    const r = await this.q<{ data: string }>('read the answer', { name: 'fa_get_answer', text: 'SELECT data FROM answers WHERE key = $1 AND expires_at > $2' }, [key, nowMs]);
    const row = r.rows[0];
    return row ? (JSON.parse(row.data) as StoredAnswer) : undefined;
  }

  async takeLlmCall(userId: string, limit: number, windowMs: number, ws: WorkspaceRef = currentWorkspace(), nowMs = Date.now()): Promise<boolean> {
    return this.tx('count LLM calls', async (c) => {
      // Serialise this user's count-and-insert across instances (the lock ends with the transaction).
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('llm:' || $1, 0))", [userId]);
      const n = (await c.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM llm_calls WHERE user_id = $1 AND at_ms > $2', [userId, nowMs - windowMs])).rows[0]?.n ?? 0;
      if (n >= limit) return false;
      await c.query('INSERT INTO llm_calls (user_id, at_ms, team_id, enterprise_id) VALUES ($1, $2, $3, $4)', [userId, nowMs, ws.teamId ?? null, ws.enterpriseId ?? null]);
      return true;
    });
  }

  async llmCallsLeft(userId: string, limit: number, windowMs: number, nowMs = Date.now()): Promise<number> {
    const r = await this.q<{ n: number }>('count LLM calls', 'SELECT COUNT(*)::int AS n FROM llm_calls WHERE user_id = $1 AND at_ms > $2', [userId, nowMs - windowMs]);
    return Math.max(0, limit - (r.rows[0]?.n ?? 0));
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const { teamId, enterpriseId, org } = installationScope(installation);
    await this.q(
      'save the installation',
      'INSERT INTO installations (id, team_id, enterprise_id, is_enterprise_install, data, updated_at) VALUES ($1, $2, $3, $4, $5, now()) ' +
        'ON CONFLICT (id) DO UPDATE SET team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id, ' +
        'is_enterprise_install = EXCLUDED.is_enterprise_install, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at',
      [installationId(installation), teamId, enterpriseId, org, JSON.stringify(installation)],
    );
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const id = installationId(query);
    const ids = !query.isEnterpriseInstall && query.enterpriseId ? [id, `E:${query.enterpriseId}`] : [id];
    // A workspace of an org with an org-wide install: the org's installation serves it.
    const r = await this.q<{ id: string; data: string }>('read the installation', 'SELECT id, data FROM installations WHERE id = ANY($1::text[])', [ids]);
    const row = r.rows.find((x) => x.id === id) ?? r.rows[0];
    if (!row) throw new AdvisorError(ErrorCode.Storage, `No installation for ${id}.`);
    return JSON.parse(row.data) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.q('delete the installation', 'DELETE FROM installations WHERE id = $1', [installationId(query)]);
  }

  async withLock<T>(name: string, fn: () => Promise<T>, opts: { waitMs?: number } = {}): Promise<T> {
    const waitMs = opts.waitMs ?? 15_000;
    let c: pg.PoolClient;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw storageError(`take the lock ${name}`, e);
    }
    try {
      try {
        await c.query('BEGIN');
        // lock_timeout bounds the wait; the transaction (and so the lock) ends with COMMIT or a dropped connection.
        await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
        await c.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(waitMs)) + 1000}`);
        await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [name]);
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        if ((e as { code?: string }).code === '55P03') throw new AdvisorError(ErrorCode.Storage, `Timed out waiting for the lock ${name}.`, { cause: e });
        throw storageError(`take the lock ${name}`, e);
      }
      try {
        return await fn();
      } finally {
        await c.query('COMMIT').catch(() => undefined);
      }
    } finally {
      c.release();
    }
  }

  async deleteWorkspaceData(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): Promise<DeletedCounts> {
    await this.flushAnswers();
    const { column, value } = workspaceFilter(ws);
    const id = workspaceInstallationId(ws);
    return this.tx(`delete the data of ${column === 'team_id' ? 'workspace' : 'org'} ${value}`, async (c) => {
      const del = async (table: string) => (await c.query(`DELETE FROM ${table} WHERE ${column} = $1`, [value])).rowCount ?? 0;
      return {
        installations: (await c.query('DELETE FROM installations WHERE id = $1', [id])).rowCount ?? 0,
        feedback: await del('feedback'),
        watchedChannels: await del('watched_channels'),
        answers: await del('answers'),
        llmCalls: await del('llm_calls'),
      };
    });
  }

  async sweepExpired(nowMs = Date.now()): Promise<number> {
    const what = 'drop expired rows';
    await this.flushAnswers();
    let n = 0;
    n += (await this.q(what, 'DELETE FROM seen_keys WHERE expires_at <= $1', [nowMs])).rowCount ?? 0;
    n += (await this.q(what, 'DELETE FROM answers WHERE expires_at <= $1', [nowMs])).rowCount ?? 0;
    n += (await this.q(what, 'DELETE FROM llm_calls WHERE at_ms <= $1', [nowMs - 24 * 3600_000])).rowCount ?? 0;
    return n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // What is waiting goes out first: answers behind buttons already shown, claims being asked.
    await this.flushAnswers().catch(() => undefined);
    if (this.claims.length > 0) await this.writeClaims();
    await this.pool.end().catch(() => undefined);
  }
}
