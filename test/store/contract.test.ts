/**
 * One contract for both stores: SQLite (a file two processes on one host may share) and
 * PostgreSQL (the run's embedded server, a database per suite). Each suite opens two stores on the
 * same database, `a` and `b`, standing for two app instances.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '@slack/oauth';
import { isAdvisorError } from '../../src/errors.ts';
import { SqliteStore, type Store, type StoredAnswer } from '../../src/store/index.ts';
import { PgStore } from '../../src/store/postgres.ts';
import { freshDatabase } from '../pg.ts';

interface Pair {
  a: Store & { schemaVersions(): Promise<number[]> };
  b: Store;
  reopen(): Promise<Store & { schemaVersions(): Promise<number[]> }>;
  done(): Promise<void>;
}

const impls: [string, () => Promise<Pair>][] = [
  [
    'SqliteStore',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fa-store-'));
      const file = path.join(dir, 'db.sqlite');
      const a = new SqliteStore(file);
      const b = new SqliteStore(file);
      return {
        a,
        b,
        reopen: async () => new SqliteStore(file),
        done: async () => {
          await a.close();
          await b.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PgStore',
    async () => {
      const url = await freshDatabase('contract');
      const [a, b] = await Promise.all([PgStore.open({ url }), PgStore.open({ url })]);
      return {
        a,
        b,
        reopen: () => PgStore.open({ url }),
        done: async () => {
          await a.close();
          await b.close();
        },
      };
    },
  ],
];

const answer = (question: string): StoredAnswer => ({
  question,
  history: ['earlier'],
  answer: { verdict: 'django', confidence: 0.7, question } as unknown as StoredAnswer['answer'],
});

function installation(teamId: string, token: string, o: { enterpriseId?: string; org?: boolean } = {}): Installation {
  return {
    team: o.org ? undefined : { id: teamId, name: `team ${teamId}` },
    enterprise: o.enterpriseId ? { id: o.enterpriseId } : undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, scopes: ['chat:write'], id: 'BBOT', userId: 'UBOT' },
    isEnterpriseInstall: Boolean(o.org),
    authVersion: 'v2',
    appId: 'A1',
  } as Installation;
}

describe.each(impls)('%s contract', (_name, make) => {
  let p: Pair;
  beforeAll(async () => {
    p = await make();
  });
  afterAll(async () => {
    await p?.done();
  });

  it('migrations are versioned and idempotent: opening again changes nothing and keeps the data', async () => {
    const v = await p.a.schemaVersions();
    expect(v.length).toBeGreaterThan(0);
    expect(v).toEqual([...v].sort((x, y) => x - y));
    await p.a.setWatched('CMIG', true, 'U1', new Date());
    const again = await p.reopen();
    try {
      expect(await again.schemaVersions()).toEqual(v);
      expect(await again.isWatched('CMIG')).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('feedback written through one instance is summarised by the other', async () => {
    const at = new Date('2025-06-01T12:00:00Z');
    await p.a.recordFeedback({ question: 'shop?', intent: 'recommend', verdict: 'django', confidence: 0.3, helpful: false, userId: 'U1', channelId: 'C1', at, teamId: 'T1' });
    await p.b.recordFeedback({ question: 'api?', intent: 'recommend', verdict: 'flask', confidence: 0.9, helpful: true, userId: 'U2', channelId: null, at: new Date(at.getTime() + 1000) });
    const s = await p.b.feedbackSummary();
    expect(s.total).toBe(2);
    expect(s.helpful).toBe(1);
    expect(s.helpfulRate).toBe(0.5);
    expect(s.unhelpful).toHaveLength(1);
    expect(s.unhelpful[0]).toMatchObject({ question: 'shop?', verdict: 'django', confidence: 0.3, helpful: false, userId: 'U1', channelId: 'C1', at });
    expect(typeof s.unhelpful[0]?.id).toBe('number');
    expect(s.lowConfidence.map((r) => r.question)).toEqual(['shop?']);
  });

  it('one vote per user per answer: a later vote replaces it, whichever instance; concurrent duplicates make one row', async () => {
    const at = new Date('2025-06-02T12:00:00Z');
    const vote = { question: 'vote?', intent: 'recommend', verdict: 'django', confidence: 0.4, userId: 'UV1', channelId: 'C1', at, answerKey: 'aaaaaaaaaaaaaaaa' };
    const before = (await p.a.feedbackSummary()).total;
    await p.a.recordFeedback({ ...vote, helpful: true });
    await p.b.recordFeedback({ ...vote, helpful: false, at: new Date(at.getTime() + 1000) });
    let s = await p.a.feedbackSummary();
    expect(s.total).toBe(before + 1);
    expect(s.unhelpful.filter((r) => r.question === 'vote?')).toHaveLength(1);
    // The same click delivered to both instances at once, 10 times over: still one row.
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? p.a : p.b).recordFeedback({ ...vote, helpful: true })));
    s = await p.b.feedbackSummary();
    expect(s.total).toBe(before + 1);
    expect(s.unhelpful.filter((r) => r.question === 'vote?')).toHaveLength(0);
    // Another user, or another answer, is another row; rows without a key are plain inserts.
    await p.b.recordFeedback({ ...vote, userId: 'UV2', helpful: true });
    await p.a.recordFeedback({ ...vote, answerKey: 'bbbbbbbbbbbbbbbb', helpful: true });
    const { answerKey: _k, ...unkeyed } = vote;
    await p.a.recordFeedback({ ...unkeyed, helpful: true });
    await p.b.recordFeedback({ ...unkeyed, helpful: true });
    expect((await p.a.feedbackSummary()).total).toBe(before + 5);
  });

  it('a channel watched through one instance is watched by the other; the last change wins', async () => {
    expect(await p.b.isWatched('C9')).toBe(false);
    await p.a.setWatched('C9', true, 'U1', new Date(), { teamId: 'T1' });
    expect(await p.b.isWatched('C9')).toBe(true);
    await p.b.setWatched('C9', false, 'U2', new Date(), { teamId: 'T1' });
    expect(await p.a.isWatched('C9')).toBe(false);
  });

  it('claimOnce: the first claim wins, across instances and kinds are separate; an expired claim is taken over', async () => {
    const now = 1_000_000;
    expect(await p.a.claimOnce('event', 'Ev1', 600_000, now)).toBe(true);
    expect(await p.b.claimOnce('event', 'Ev1', 600_000, now + 1)).toBe(false);
    expect(await p.b.claimOnce('signature', 'Ev1', 600_000, now)).toBe(true);
    expect(await p.a.claimOnce('event', 'Ev1', 600_000, now + 599_999)).toBe(false);
    expect(await p.b.claimOnce('event', 'Ev1', 600_000, now + 600_000)).toBe(true);
    expect(await p.a.claimOnce('event', 'Ev1', 600_000, now + 600_001)).toBe(false);
  });

  it('claimOnce under contention: 40 concurrent claims of one key through two instances, exactly one wins', async () => {
    const key = `race-${Math.random()}`;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? p.a : p.b).claimOnce('event', key, 600_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('answers put by one instance are read by the other, until they expire', async () => {
    const now = 5_000_000;
    await p.a.putAnswer('k1', answer('online shop?'), 60_000, { teamId: 'T1' }, now);
    expect(await p.b.getAnswer('k1', now + 1)).toEqual(answer('online shop?'));
    expect(await p.b.getAnswer('k1', now + 60_000)).toBeUndefined();
    expect(await p.b.getAnswer('nope', now)).toBeUndefined();
  });

  it('answers and claims asked in one turn are written together: each gets its own result, a waiting answer is read back', async () => {
    const now = 6_000_000;
    const puts = ['kb1', 'kb2', 'kb3'].map((k) => p.a.putAnswer(k, answer(`${k}?`), 60_000, { teamId: 'T1' }, now));
    // Still waiting for its batch: the instance that made it reads it all the same.
    expect(await p.a.getAnswer('kb2', now + 1)).toEqual(answer('kb2?'));
    await Promise.all(puts);
    expect(await p.b.getAnswer('kb3', now + 1)).toEqual(answer('kb3?'));
    // One key twice in a batch: claimed once, its second asker told it was seen.
    const run = Math.random().toString(36).slice(2);
    const results = await Promise.all(['c1', 'c2', 'c1', 'c3', 'c2'].map((k) => p.a.claimOnce('event', `batch-${run}-${k}`, 600_000, now)));
    expect(results).toEqual([true, true, false, true, false]);
  });

  it('the LLM limit is shared: a sliding window per user across instances', async () => {
    const now = 10_000_000;
    const hour = 3600_000;
    expect(await p.a.takeLlmCall('UL', 2, hour, { teamId: 'T1' }, now)).toBe(true);
    expect(await p.b.takeLlmCall('UL', 2, hour, { teamId: 'T1' }, now + 1)).toBe(true);
    expect(await p.a.takeLlmCall('UL', 2, hour, { teamId: 'T1' }, now + 2)).toBe(false);
    expect(await p.b.llmCallsLeft('UL', 2, hour, now + 2)).toBe(0);
    expect(await p.b.takeLlmCall('UOTHER', 2, hour, {}, now + 2)).toBe(true);
    // An hour after the first call, it has left the window; the second has not.
    expect(await p.b.llmCallsLeft('UL', 2, hour, now + hour)).toBe(1);
    expect(await p.b.takeLlmCall('UL', 2, hour, {}, now + hour)).toBe(true);
    expect(await p.a.takeLlmCall('UL', 2, hour, {}, now + hour)).toBe(false);
  });

  it('the LLM limit under contention: 12 concurrent calls through two instances with a limit of 3, exactly 3 taken', async () => {
    const user = `UR${Math.random()}`;
    const r = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? p.a : p.b).takeLlmCall(user, 3, 3600_000)));
    expect(r.filter(Boolean)).toHaveLength(3);
  });

  it("installations: Bolt's store/fetch/delete by team, org-wide installs by enterprise, a reinstall replaces", async () => {
    await p.a.storeInstallation(installation('T1', 'xoxb-t1-first'));
    await p.a.storeInstallation(installation('T1', 'xoxb-t1-second'));
    await p.a.storeInstallation(installation('', 'xoxb-org', { enterpriseId: 'E1', org: true }));
    expect((await p.b.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-t1-second');
    expect((await p.b.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true })).bot?.token).toBe('xoxb-org');
    // A workspace in the org, asked for as a workspace: the org-wide installation serves it.
    expect((await p.b.fetchInstallation({ teamId: 'T7', enterpriseId: 'E1', isEnterpriseInstall: false })).bot?.token).toBe('xoxb-org');
    const missing = await p.b.fetchInstallation({ teamId: 'TNONE', enterpriseId: undefined, isEnterpriseInstall: false }).catch((e: unknown) => e);
    expect(isAdvisorError(missing, 'STORAGE')).toBe(true);
    expect(String((missing as Error).message)).not.toContain('xoxb');
    await p.b.deleteInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(p.a.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/No installation/);
  });

  it('withLock excludes across instances, runs other names in parallel, and times out with STORAGE', async () => {
    const events: string[] = [];
    const hold = (s: Store, tag: string, ms: number) =>
      s.withLock('refresh:T1', async () => {
        events.push(`${tag}+`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`${tag}-`);
        return tag;
      });
    const [x, y] = await Promise.all([hold(p.a, 'a', 150), (async () => (await new Promise((r) => setTimeout(r, 20)), hold(p.b, 'b', 10)))()]);
    expect([x, y]).toEqual(['a', 'b']);
    expect(events).toEqual(['a+', 'a-', 'b+', 'b-']);
    // Another name does not wait.
    let otherRan = false;
    await p.a.withLock('refresh:T1', async () => {
      await p.b.withLock('refresh:T2', async () => void (otherRan = true), { waitMs: 500 });
      const blocked = await p.b.withLock('refresh:T1', async () => 'got it', { waitMs: 150 }).catch((e: unknown) => e);
      expect(isAdvisorError(blocked, 'STORAGE')).toBe(true);
    });
    expect(otherRan).toBe(true);
    // Released after a throw.
    await expect(p.a.withLock('refresh:T3', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await p.b.withLock('refresh:T3', async () => 'free', { waitMs: 500 })).toBe('free');
  });

  it("deleteWorkspaceData removes one workspace's installation and rows, and nothing of another's", async () => {
    const at = new Date();
    for (const t of ['TDEL', 'TKEEP']) {
      await p.a.storeInstallation(installation(t, `xoxb-${t}`));
      await p.a.recordFeedback({ question: 'q', intent: null, verdict: null, confidence: 0, helpful: true, userId: 'U1', channelId: `C${t}`, at, teamId: t });
      await p.a.setWatched(`C${t}`, true, 'U1', at, { teamId: t });
      await p.a.putAnswer(`ans-${t}`, answer('q'), 60_000, { teamId: t });
      await p.a.takeLlmCall(`U-${t}`, 5, 3600_000, { teamId: t });
    }
    const before = (await p.a.feedbackSummary()).total;
    const counts = await p.b.deleteWorkspaceData({ teamId: 'TDEL' });
    expect(counts).toEqual({ installations: 1, feedback: 1, watchedChannels: 1, answers: 1, llmCalls: 1 });
    await expect(p.a.fetchInstallation({ teamId: 'TDEL', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow();
    expect(await p.a.isWatched('CTDEL')).toBe(false);
    expect(await p.a.getAnswer('ans-TDEL')).toBeUndefined();
    expect((await p.a.feedbackSummary()).total).toBe(before - 1);
    expect((await p.a.fetchInstallation({ teamId: 'TKEEP', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-TKEEP');
    expect(await p.a.isWatched('CTKEEP')).toBe(true);
    expect(await p.a.getAnswer('ans-TKEEP')).toBeDefined();
    expect(await p.a.llmCallsLeft('U-TKEEP', 5, 3600_000)).toBe(4);
  });

  it('sweepExpired drops expired claims and answers only', async () => {
    const now = 50_000_000;
    await p.a.claimOnce('event', 'sweep-old', 10, now);
    await p.a.claimOnce('event', 'sweep-live', 600_000, now);
    await p.a.putAnswer('sweep-ans', answer('q'), 10, {}, now);
    expect(await p.b.sweepExpired(now + 100)).toBeGreaterThanOrEqual(2);
    expect(await p.a.claimOnce('event', 'sweep-live', 600_000, now + 100)).toBe(false);
  });
});
