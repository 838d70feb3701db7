/** Issue 12 item 3: unauthenticated clients cannot make the app hold memory or connections. */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStalled, stallUploads } from '../../bench/hardening/stalled.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('stalled uploads', () => {
  it('the app (child process, npm start flags) holds far less than 40 × 3.9 MB for 40 stalled uploads', async () => {
    const r = await runStalled(40);
    // Before the fix: +142.6 MB, every upload held. Now: the 16 MB shared budget + 40 × 64 kB + noise.
    expect(r.rssHeldMb - r.rssBeforeMb).toBeLessThan(60);
    expect(r.endings['503'] ?? 0).toBeGreaterThanOrEqual(30);
  }, 30_000);

  it('40 stalled uploads are refused or timed out, and the app keeps answering meanwhile', async () => {
    const port = h.running.port!;
    const t0 = Date.now();
    const { sockets, endings } = stallUploads(port, 40);
    await new Promise((r) => setTimeout(r, 1000));
    // A real request still gets through while they are pending.
    expect((await h.slash('admin panel, team of juniors', 'during')).status).toBe(200);
    const ends = await Promise.all(endings);
    const elapsed = Date.now() - t0;
    for (const s of sockets) s.destroy();
    // Refused for the budget (503) or cut at the 5 s body deadline (408): none left open.
    expect(ends.every((e) => e === '503' || e === '408')).toBe(true);
    expect(ends.filter((e) => e === '503').length).toBeGreaterThanOrEqual(30);
    expect(elapsed).toBeLessThan(9000);
  });

  it('no signature headers: 401 before the body is read, and the connection is closed', async () => {
    const port = h.running.port!;
    const s = net.connect(port, '127.0.0.1');
    const got = new Promise<{ head: string; closedAt: number }>((resolve) => {
      let head = '';
      s.on('data', (c: Buffer) => (head += c.toString('latin1')));
      s.on('error', () => {});
      s.on('close', () => resolve({ head, closedAt: Date.now() }));
    });
    const t0 = Date.now();
    s.write('POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 4000000\r\n\r\n');
    s.write(Buffer.alloc(1000, 0x61)); // and then nothing: a stalled upload
    const { head, closedAt } = await got;
    expect(head).toMatch(/^HTTP\/1\.1 401/);
    expect(closedAt - t0).toBeLessThan(1000);
  });

  it('a declared body over 4 MB is refused (413) before it is read', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const s = net.connect(h.running.port!, '127.0.0.1');
    const head = await new Promise<string>((resolve) => {
      let b = '';
      s.on('data', (c: Buffer) => (b += c.toString('latin1')));
      s.on('error', () => {});
      s.on('close', () => resolve(b));
      s.write(`POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-length: 5000000\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\n\r\n`);
    });
    expect(head).toMatch(/^HTTP\/1\.1 413/);
  });
});
