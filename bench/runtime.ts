/**
 * The Node flags `npm start` runs the app with (read from package.json's start script), so the
 * benchmarks measure the app as it is deployed, not as a bare `node` would run it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').split(/\s+/).filter(Boolean);
  const flags: string[] = [];
  for (const w of words.slice(words.indexOf('node') + 1)) {
    if (!w.startsWith('--')) break;
    flags.push(w);
  }
  return flags;
}
