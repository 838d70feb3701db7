/** Retrieval is MiniSearch's own search (field boosts, fuzzy for unknown terms, BM25+ params, term boosts). */
import { describe, expect, it } from 'vitest';
import { buildRetriever, loadKnowledge, normalise } from '../../src/core/index.ts';
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

  it('answers a huge query of unknown words with nothing, quickly', () => {
    const q = Array.from({ length: 600 }, (_, i) => `zq${i}xw`).join(' ');
    const t = performance.now();
    expect(retriever.search(q)).toEqual([]);
    expect(performance.now() - t).toBeLessThan(200);
  });
});
