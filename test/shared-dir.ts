/**
 * Where `shared/` is (the seed articles and Slack's manifest schema, kept outside this repository):
 * $SHARED_DIR if set; else beside the repository; else, for a local clone (CI clones into a
 * temporary folder), beside the repository it was cloned from. The first that exists wins; when
 * none does, the candidates are listed so the failing test says where it looked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(import.meta.dirname, '..');

function originDir(): string | undefined {
  try {
    const url = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (url.startsWith('file://')) return fileURLToPath(url);
    return path.isAbsolute(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

export const SHARED_CANDIDATES: string[] = [
  ...(process.env.SHARED_DIR ? [path.resolve(process.env.SHARED_DIR)] : []),
  path.resolve(repoRoot, '..', 'shared'),
  ...(originDir() ? [path.resolve(originDir()!, '..', 'shared')] : []),
];

/** The shared folder, or the first candidate (which does not exist) when none is found. */
export const SHARED_DIR: string = SHARED_CANDIDATES.find((d) => existsSync(d)) ?? SHARED_CANDIDATES[0]!;
