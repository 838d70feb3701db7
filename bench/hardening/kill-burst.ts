/**
 * Issue 12 item 6: no acknowledged 👍/👎 (the answer's feedback_buttons) is lost when the process is killed mid-burst. Per run: the
 * real app (child process, HTTP mode, SQLite in a temp DATA_DIR, loopback fake Slack) answers one
 * /framework question; then `--clicks` feedback clicks on that answer from distinct users go out at
 * `--c` concurrent, and the app is SIGKILLed once `--kill-after` of them were acknowledged. The
 * database is then opened and every acknowledged click must be in it. Bounded: `--runs` runs.
 *
 *   node bench/hardening/kill-burst.ts [--runs 5] [--clicks 400] [--c 32] [--kill-after 150]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { postSigned, spawnApp, startFake } from './child.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

export interface KillRun {
  acked: number;
  stored: number;
  lost: number;
}

export async function killRun(o: { clicks: number; concurrency: number; killAfter: number }): Promise<KillRun> {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fa-kill-'));
  const app = await spawnApp({ apiBase: fake.base, dataDir });
  try {
    const ask = new URLSearchParams({ token: 'x', team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/framework', text: 'online shop with an admin, team of juniors', api_app_id: 'A1', response_url: `${fake.base}/r/ask`, trigger_id: '1.0.x' }).toString();
    await postSigned(app.port, ask, 'application/x-www-form-urlencoded');
    const end = Date.now() + 10_000;
    while (!fake.posted.get('ask') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    // The answer's feedback_buttons (context_actions): the 👍 side's value (the answer key and the vote).
    const blocks = (fake.posted.get('ask')?.[0]?.blocks ?? []) as { elements?: { type?: string; action_id?: string; positive_button?: { value?: string } }[] }[];
    const el = blocks.flatMap((b) => b.elements ?? []).find((e) => e.type === 'feedback_buttons');
    const value = el?.positive_button?.value;
    if (!el?.action_id || !value) throw new Error('no feedback button in the answer');
    const acked = new Set<string>();
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (next < o.clicks && !killed) {
        const user = `UK${next++}`;
        const payload = JSON.stringify({
          type: 'block_actions',
          team: { id: 'T1' },
          user: { id: user },
          api_app_id: 'A1',
          container: { type: 'message', is_ephemeral: false },
          trigger_id: '1.2.3',
          channel: { id: 'C1' },
          response_url: `${fake.base}/r/fb`,
          actions: [{ type: 'feedback_buttons', action_id: el.action_id, block_id: 'answer_feedback', value, action_ts: '1.3' }],
        });
        try {
          if ((await postSigned(app.port, new URLSearchParams({ payload }).toString(), 'application/x-www-form-urlencoded')) === 200) acked.add(user);
        } catch {
          // the connection died with the process: not acknowledged
        }
        if (!killed && acked.size >= o.killAfter) {
          killed = true;
          app.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    await app.exited;
    const db = new DatabaseSync(path.join(dataDir, 'framework-advisor.sqlite'));
    const stored = new Set((db.prepare("SELECT user_id FROM feedback WHERE user_id LIKE 'UK%'").all() as { user_id: string }[]).map((r) => r.user_id));
    db.close();
    const lost = [...acked].filter((u) => !stored.has(u)).length;
    return { acked: acked.size, stored: stored.size, lost };
  } finally {
    if (app.proc.exitCode === null) app.proc.kill('SIGKILL');
    await app.exited;
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const runs = arg('runs', 5);
  const results: KillRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await killRun({ clicks: arg('clicks', 400), concurrency: arg('c', 32), killAfter: arg('kill-after', 150) }));
  for (const [i, r] of results.entries()) console.log(`run ${i + 1}: ${r.acked} clicks acknowledged before SIGKILL, ${r.stored} rows stored, ${r.lost} acknowledged clicks lost`);
  console.log(`total: ${results.reduce((n, r) => n + r.acked, 0)} acknowledged, ${results.reduce((n, r) => n + r.lost, 0)} lost over ${runs} runs`);
}
