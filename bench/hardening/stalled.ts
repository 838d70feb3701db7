/**
 * Issue 12 item 3: what 40 stalled unauthenticated uploads cost the app. Each client sends headers
 * with a fresh timestamp and a well-formed (wrong) signature, declares a 4,000,000-byte body, sends
 * 3.9 MB of it and stalls. Reports the app's RSS before, with the uploads held, and how each
 * upload ended (status or connection closed). Loopback only; bounded (40 clients, ≤ 30 s).
 *
 *   node bench/hardening/stalled.ts [--clients 40]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnApp, startFake } from './child.ts';

export interface StalledResult {
  clients: number;
  rssBeforeMb: number;
  rssHeldMb: number;
  endings: Record<string, number>;
}

/** Open `clients` stalled uploads to 127.0.0.1:`port`; resolves with each one's socket and its ending. */
export function stallUploads(port: number, clients: number, sendBytes = 3_900_000): { sockets: net.Socket[]; endings: Promise<string>[] } {
  const sockets: net.Socket[] = [];
  const endings: Promise<string>[] = [];
  const ts = Math.floor(Date.now() / 1000);
  for (let i = 0; i < clients; i++) {
    const s = net.connect(port, '127.0.0.1');
    sockets.push(s);
    endings.push(
      new Promise((resolve) => {
        let head = '';
        s.on('data', (c: Buffer) => (head += c.toString('latin1')));
        s.on('error', () => {});
        s.on('close', () => resolve(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 'closed'));
      }),
    );
    s.write(
      `POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 4000000\r\n` +
        `x-slack-request-timestamp: ${ts}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(65_536, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < sendBytes) {
        const n = Math.min(chunk.length, sendBytes - sent);
        sent += n;
        if (!s.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          s.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }
  return { sockets, endings };
}

export async function runStalled(clients = 40): Promise<StalledResult> {
  const fake = await startFake();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fa-stalled-'));
  const app = await spawnApp({ apiBase: fake.base, dataDir });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const rssBeforeMb = app.rssMb();
    const { sockets, endings } = stallUploads(app.port, clients);
    // Let the uploads arrive (or be refused), then read RSS while they are held.
    await new Promise((r) => setTimeout(r, 2500));
    const rssHeldMb = app.rssMb();
    for (const s of sockets) s.destroy();
    const ends = await Promise.all(endings);
    const counts: Record<string, number> = {};
    for (const e of ends) counts[e] = (counts[e] ?? 0) + 1;
    return { clients, rssBeforeMb, rssHeldMb, endings: counts };
  } finally {
    app.proc.kill('SIGKILL');
    await app.exited;
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const i = process.argv.indexOf('--clients');
  const r = await runStalled(i > 0 ? Number(process.argv[i + 1]) : 40);
  console.log(`${r.clients} stalled uploads: app RSS ${r.rssBeforeMb.toFixed(1)} MB before → ${r.rssHeldMb.toFixed(1)} MB held (+${(r.rssHeldMb - r.rssBeforeMb).toFixed(1)} MB); endings ${JSON.stringify(r.endings)}`);
}
