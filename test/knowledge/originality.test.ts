import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SHARED_CANDIDATES, SHARED_DIR } from '../shared-dir.ts';

const N = 10;
const repoRoot = path.resolve(import.meta.dirname, '../..');
const knowledgeDir = path.join(repoRoot, 'knowledge');
const seedsDir = path.join(SHARED_DIR, 'seeds');

/** Lowercase, turn punctuation into spaces, collapse whitespace. */
function normalise(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function listFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) out.push(full);
  }
  return out.sort();
}

function seedGrams(): Set<string> {
  const grams = new Set<string>();
  for (const file of listFiles(seedsDir, ['.txt'])) {
    const words = normalise(fs.readFileSync(file, 'utf8'));
    for (let i = 0; i + N <= words.length; i++) grams.add(words.slice(i, i + N).join(' '));
  }
  return grams;
}

interface Passage {
  id?: string;
  sources?: unknown;
}

describe('knowledge base originality', () => {
  it('finds the seed articles', () => {
    expect(
      fs.existsSync(seedsDir),
      `seed folder missing; looked in ${SHARED_CANDIDATES.join(', ')} (set SHARED_DIR to the folder holding seeds/)`,
    ).toBe(true);
    expect(listFiles(seedsDir, ['.txt']).length).toBeGreaterThan(0);
  });

  it('has no run of 10 words copied from any seed article', () => {
    if (!fs.existsSync(seedsDir)) throw new Error(`seed folder missing: ${seedsDir}`);
    const grams = seedGrams();
    const offenders: string[] = [];
    for (const file of listFiles(knowledgeDir, ['.yml', '.yaml', '.md'])) {
      let lines = fs.readFileSync(file, 'utf8').split('\n');
      // Source titles are citations of the articles, quoted verbatim on purpose.
      if (path.relative(knowledgeDir, file) === 'sources.yml') {
        lines = lines.filter((l) => !/^\s*title:/.test(l));
      }
      // Check the whole file as one stream (YAML folded text spans lines).
      const words = normalise(lines.join('\n'));
      const seen = new Set<string>();
      for (let i = 0; i + N <= words.length; i++) {
        const g = words.slice(i, i + N).join(' ');
        if (grams.has(g) && !seen.has(g)) {
          seen.add(g);
          offenders.push(`${path.relative(repoRoot, file)}: "${g}"`);
        }
      }
    }
    expect(offenders, `copied 10-word runs:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('gives every passage at least one source', () => {
    const dir = path.join(knowledgeDir, 'passages');
    const files = listFiles(dir, ['.yml', '.yaml']);
    expect(files.length).toBeGreaterThan(0);
    const unsourced: string[] = [];
    let count = 0;
    for (const file of files) {
      const doc = parse(fs.readFileSync(file, 'utf8')) as { passages?: Passage[] } | null;
      for (const p of doc?.passages ?? []) {
        count++;
        if (!Array.isArray(p.sources) || p.sources.length === 0) {
          unsourced.push(`${path.basename(file)}: ${p.id ?? '(no id)'}`);
        }
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(unsourced, `passages without sources:\n${unsourced.join('\n')}`).toEqual([]);
  });
});
