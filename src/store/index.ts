/**
 * Durable storage for feedback and watched channels. `Store` is the interface the Slack layer
 * uses; `SqliteStore` implements it on `node:sqlite` (built into Node 24). Tests pass ':memory:'.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AdvisorError, ErrorCode } from '../errors.ts';

export interface FeedbackInput {
  question: string;
  intent: string | null;
  verdict: string | null;
  confidence: number;
  helpful: boolean;
  userId: string;
  channelId: string | null;
  at: Date;
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

export interface Store {
  recordFeedback(f: FeedbackInput): Promise<void>;
  setWatched(channelId: string, on: boolean, byUser: string, at: Date): Promise<void>;
  isWatched(channelId: string): Promise<boolean>;
  feedbackSummary(opts?: { lowConfidenceBelow?: number; limit?: number }): Promise<FeedbackSummary>;
  close(): void;
}

interface Row {
  id: number;
  question: string;
  intent: string | null;
  verdict: string | null;
  confidence: number;
  helpful: number;
  user_id: string;
  channel_id: string | null;
  at: string;
}

function toRow(r: Row): FeedbackRow {
  return {
    id: r.id,
    question: r.question,
    intent: r.intent,
    verdict: r.verdict,
    confidence: r.confidence,
    helpful: r.helpful === 1,
    userId: r.user_id,
    channelId: r.channel_id,
    at: new Date(r.at),
  };
}

function storageError(what: string, cause: unknown): AdvisorError {
  return new AdvisorError(ErrorCode.Storage, `Could not ${what}.`, { cause });
}

export class SqliteStore implements Store {
  private readonly db: DatabaseSync;

  /** `file` is a path or ':memory:'. */
  constructor(file: string) {
    try {
      this.db = new DatabaseSync(file);
      this.db.exec(`
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 2000;
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
        );`);
      // One vote per user per answer (issue 12): added to databases created before it.
      const cols = this.db.prepare('PRAGMA table_info(feedback)').all() as { name: string }[];
      if (!cols.some((c) => c.name === 'answer_key')) this.db.exec('ALTER TABLE feedback ADD COLUMN answer_key TEXT');
      this.db.exec('CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback (answer_key, user_id)');
    } catch (e) {
      throw storageError(`open the database at ${file}`, e);
    }
  }

  async recordFeedback(f: FeedbackInput): Promise<void> {
    try {
      // Committed (WAL, synchronous FULL by default) before this returns: the caller acks after it.
      this.db
        .prepare(
          'INSERT INTO feedback (question, intent, verdict, confidence, helpful, user_id, channel_id, at, answer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT (answer_key, user_id) DO UPDATE SET helpful = excluded.helpful, channel_id = excluded.channel_id, at = excluded.at',
        )
        .run(f.question, f.intent, f.verdict, Number.isFinite(f.confidence) ? f.confidence : 0, f.helpful ? 1 : 0, f.userId, f.channelId, f.at.toISOString(), f.answerKey ?? null);
    } catch (e) {
      throw storageError('save the feedback', e);
    }
  }

  async setWatched(channelId: string, on: boolean, byUser: string, at: Date): Promise<void> {
    try {
      this.db
        .prepare(
          'INSERT INTO watched_channels (channel_id, watched, by_user, at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT(channel_id) DO UPDATE SET watched = excluded.watched, by_user = excluded.by_user, at = excluded.at',
        )
        .run(channelId, on ? 1 : 0, byUser, at.toISOString());
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
      const unhelpful = this.db.prepare('SELECT * FROM feedback WHERE helpful = 0 ORDER BY at DESC, id DESC LIMIT ?').all(limit) as unknown as Row[];
      const low = this.db
        .prepare("SELECT * FROM feedback WHERE confidence < ? AND (intent IS NULL OR intent IN ('recommend', 'compare')) ORDER BY at DESC, id DESC LIMIT ?")
        .all(below, limit) as unknown as Row[];
      return {
        total: c.total,
        helpful: c.helpful,
        helpfulRate: c.total ? c.helpful / c.total : null,
        unhelpful: unhelpful.map(toRow),
        lowConfidence: low.map(toRow),
      };
    } catch (e) {
      throw storageError('read the feedback', e);
    }
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      // already closed
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
