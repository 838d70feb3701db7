/** Issue 12 item 2: a signed body that is not an object is a 400, and nothing uncaught escapes. */
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { form, startHarness, type Harness } from './harness.ts';

const escaped: unknown[] = [];
const onEscape = (e: unknown) => escaped.push(e);
let h: Harness;

beforeAll(async () => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});
afterEach(() => {
  expect(escaped.map(String)).toEqual([]);
});

describe('signed bodies Bolt cannot take', () => {
  const json = ['null', '42', '"text"', 'true', '[]', '[1,2]', '{"a":', ''];
  it.each(json)('JSON body %j → 400, and the app still answers', async (body) => {
    const r = await h.post(body, 'application/json');
    expect(r.status).toBe(400);
    await new Promise((r) => setTimeout(r, 30));
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });

  const payloads = ['null', '7', '"x"', '[]', 'nope'];
  it.each(payloads)('interaction payload=%s → 400', async (payload) => {
    const r = await h.post(form({ payload }), 'application/x-www-form-urlencoded');
    expect(r.status).toBe(400);
    await new Promise((r) => setTimeout(r, 30));
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });

  it('a real slash command still works after them', async () => {
    expect((await h.slash('admin panel for an online shop', 'after')).status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('r/after').length > 0, 5000, 'the answer');
    expect(h.logger.lines.join('\n')).toContain('not a JSON or form object');
  });
});

describe('the last-resort handler', () => {
  it('logs an unhandled rejection and an uncaught exception with a reference, and keeps the process serving', () => {
    const script = `
      const { installLastResort } = await import('./src/last-resort.ts');
      const lines = [];
      installLastResort({ error: (m) => lines.push(m) });
      Promise.reject(new Error('boom xoxb-123-secret'));
      setTimeout(() => { throw new TypeError("Cannot read properties of null (reading 'ssl_check')"); }, 5);
      setTimeout(() => { console.log(JSON.stringify({ alive: true, lines })); }, 50);
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15_000 });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { alive: boolean; lines: string[] };
    expect(out.alive).toBe(true);
    expect(out.lines).toHaveLength(2);
    expect(out.lines[0]).toMatch(/^ERR-\w+ unhandled promise rejection \(kept serving\): .*boom/);
    expect(out.lines[1]).toMatch(/^ERR-\w+ uncaught exception \(kept serving\): .*ssl_check/);
    expect(out.lines.join('\n')).not.toContain('xoxb-123-secret');
  });
});
