/** Retrieval is MiniSearch's own search (field boosts, fuzzy for unknown terms, BM25+ params, term boosts). */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { buildRetriever, loadKnowledge, normalise } from '../../src/core/index.ts';
import { perTermScores, RANKING } from '../../src/core/retrieval.ts';
import { tokenize } from '../../src/core/text.ts';
import { REAL_KB } from './helpers.ts';

describe('retrieval', async () => {
  const kb = await loadKnowledge({ knowledgeDir: REAL_KB });
  const retriever = buildRetriever(kb);

  it('expands a query with its synonym groups, original terms first', () => {
    const { original, added } = retriever.expand(normalise('we need a back office'));
    expect(original).toContain('back');
    expect(added).toContain('admin');
  });

  it('tolerates a typo in a word the index does not know', () => {
    const hits = retriever.search(normalise('flask extensons'), { limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
  });

  it("never shows an excluded passage, and adjusts a candidate's score", () => {
    const plain = retriever.search('admin panel', { limit: 3 }).map((r) => r.passage.id);
    const without = retriever.search('admin panel', { limit: 3, excludeIds: [plain[0]!] }).map((r) => r.passage.id);
    expect(without).not.toContain(plain[0]);
    const lifted = retriever.search('admin panel', { limit: 1, adjust: (p, score) => (p.id === plain[2] ? score + 10 : score) });
    expect(lifted[0]!.passage.id).toBe(plain[2]);
  });

  it("perTermScores gives MiniSearch's own ranking, score for score and in the same order", () => {
    const index = new MiniSearch<{ id: string; text: string; topics: string }>({
      fields: ['text', 'topics'],
      tokenize,
      processTerm: (t) => t,
      searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t },
    });
    const docs = kb.passages.map((p) => ({ id: p.id, text: p.text, topics: p.topics.join(' ') }));
    index.addAll(docs);
    const vocabulary = [...new Set(docs.flatMap((d) => tokenize(`${d.text} ${d.topics}`)))];
    const fuzzy = (t: string) => (t.length >= 8 && !vocabulary.includes(t) ? 0.2 : false);
    const options = (boostTerm: (t: string) => number) => ({ boost: RANKING.fieldBoost, fuzzy, maxFuzzy: 1, bm25: RANKING.bm25, boostTerm });
    const scores = perTermScores(index, docs, (b) => options(() => b), (t) => vocabulary.includes(t))!;
    expect(scores).toBeDefined();
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let q = 0; q < 300; q++) {
      // Known words, some given the expansion boost, and now and then a typo (fuzzy) or an unknown word.
      const terms = [...new Set(Array.from({ length: 1 + rnd(12) }, () => vocabulary[rnd(vocabulary.length)]!))];
      if (q % 5 === 0) terms.push(`${vocabulary.find((t) => t.length >= 9 && rnd(3) === 0) ?? 'framework'}x`);
      if (q % 7 === 0) terms.push('zzqqxxwwvv');
      const boosted = new Set(terms.filter(() => rnd(3) === 0));
      const boostTerm = (t: string) => (boosted.has(t) ? RANKING.expansionBoost : 1);
      const want = index.search(terms.join(' '), options(boostTerm)).map((h) => ({ id: String(h.id), score: h.score, matched: h.queryTerms.length }));
      expect(scores(terms, boostTerm)).toEqual(want);
    }
  });

  it('answers a huge query of unknown words with nothing, quickly', () => {
    const q = Array.from({ length: 600 }, (_, i) => `zq${i}xw`).join(' ');
    const t = performance.now();
    expect(retriever.search(q)).toEqual([]);
    expect(performance.now() - t).toBeLessThan(200);
  });
});
