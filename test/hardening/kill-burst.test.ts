/** Issue 12 item 6: SIGKILL during a burst of feedback clicks loses no acknowledged click (bounded, loopback). */
import { describe, expect, it } from 'vitest';
import { killRun } from '../../bench/hardening/kill-burst.ts';

describe('kill during a feedback burst', () => {
  it('every click acknowledged before SIGKILL is in the database', async () => {
    const r = await killRun({ clicks: 300, concurrency: 32, killAfter: 120 });
    expect(r.acked).toBeGreaterThanOrEqual(120);
    expect(r.lost).toBe(0);
  }, 60_000);
});
