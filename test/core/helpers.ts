import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURE_KB = path.resolve(import.meta.dirname, '../fixtures/kb');
export const REAL_KB = path.resolve(import.meta.dirname, '../../knowledge');

/** A throwaway copy of the fixture KB with one file edited. */
export async function mutatedKb(file: string, edit: (text: string) => string): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kb-'));
  await cp(FIXTURE_KB, dir, { recursive: true });
  const target = path.join(dir, file);
  await writeFile(target, edit(await readFile(target, 'utf8')));
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}
