/**
 * The lexicon and the decision guide stay general: every lexicon entry names a need and implies
 * existing rules, its terms are short everyday words (at most four words), and no term or rule
 * label is a run of four or more words taken from a development question. A multi-word or hyphenated
 * term that occurs verbatim in a development question must be on a short, reviewed allowlist of
 * general phrases (GENERAL_PHRASES), so that a phrase lifted from a question fails here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadKnowledge } from '../../src/core/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const kb = await loadKnowledge({ knowledgeDir: path.join(root, 'knowledge') });

async function devQuestions(): Promise<string[]> {
  const out: string[] = [];
  for (const f of ['test/eval/scenarios.yml', 'test/eval/dev2.yml', 'test/eval/dev3.yml']) {
    const data = parseYaml(await readFile(path.join(root, f), 'utf8')) as { scenarios: { q?: string; history?: string[] }[] };
    for (const s of data.scenarios) out.push(...[s.q ?? '', ...(s.history ?? [])].map((t) => t.toLowerCase()));
  }
  return out;
}

/**
 * Reviewed: plain phrases a person names for the need, not a question's wording. Add to this list only
 * after asking "would someone describing any such project say exactly this?".
 */
const GENERAL_PHRASES = new Set([
  'back office', 'front-desk', 'front desk', 'customer account', 'user profile', 'sign-ups', 'staff area',
  'support staff', 'manage stock', 'product catalog', 'product catalogue', 'e-shop', 'edit history',
  'public api', 'from zero', 'main product', 'main platform', 'url shortener', 'qr code', 'one route',
  'recurring payment', 'internal tool', 'internal tooling', 'internal portal', 'internal ui', 'ops tool', 'ops portal',
  'ops console', 'operations portal', 'operations console', 'support console', 'support tool',
]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const runs = (text: string, n: number) => {
  const w = text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  return w.length < n ? [] : w.slice(0, w.length - n + 1).map((_, i) => w.slice(i, i + n).join(' '));
};

describe('the lexicon and the decision guide stay general', async () => {
  const questions = await devQuestions();
  const questionRuns = new Set(questions.flatMap((q) => runs(q, 4)));

  it('has entries that each imply existing rules and carry a note on the need', () => {
    expect(kb.lexicon.length).toBeGreaterThanOrEqual(10);
    const ruleIds = new Set(kb.rules.map((r) => r.id));
    for (const e of kb.lexicon) {
      expect(e.note, e.id).toBeTruthy();
      for (const r of e.implies) expect(ruleIds.has(r), `${e.id} -> ${r}`).toBe(true);
    }
  });

  it('uses short everyday terms, none a four-word run of a development question', () => {
    for (const e of kb.lexicon) {
      for (const t of e.terms) {
        expect(t.split(/\s+/).length, `${e.id}: ${t}`).toBeLessThanOrEqual(4);
        for (const r of runs(t, 4)) expect(questionRuns.has(r), `${e.id}: "${t}"`).toBe(false);
      }
    }
  });

  it('labels rules as needs, not as questions', () => {
    for (const r of kb.rules) for (const run of runs(r.label, 4)) expect(questionRuns.has(run), `${r.id}: ${r.label}`).toBe(false);
  });

  it('keeps multi-word and hyphenated terms found verbatim in a development question to the reviewed allowlist', () => {
    const lifted: string[] = [];
    for (const e of kb.lexicon) {
      for (const t of e.terms) {
        const term = t.toLowerCase();
        if (!/[\s-]/.test(term)) continue;
        const re = new RegExp(`(?<![a-z0-9])${escapeRe(term)}(?:s|es|ed|ing)?(?![a-z0-9])`);
        if (questions.some((q) => re.test(q)) && !GENERAL_PHRASES.has(term)) lifted.push(`${e.id}: "${t}"`);
      }
    }
    expect(lifted).toEqual([]);
  });
});
