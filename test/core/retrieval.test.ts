/**
 * The term-at-a-time scorer (Accumulator over memoised TermScores) must give what MiniSearch's own
 * OR query gives: the same passages, the same scores, the same order. Checked on the real base's
 * passage text with many generated queries, plus the pieces on small hand-made cases.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Accumulator, buildRetriever, ProbeIndex, RANKING, TermScores, type Postings } from '../../src/core/retrieval.ts';
import { loadKnowledge, normalise } from '../../src/core/index.ts';
import { phraseRegExp, tokenize } from '../../src/core/text.ts';
import { REAL_KB } from './helpers.ts';

const postings = (docs: number[], scores: number[]): Postings => ({ docs: Int32Array.from(docs), scores: Float64Array.from(scores) });

describe('Accumulator', () => {
  it('sums boosted term scores and multiplies by the number of distinct terms matched', () => {
    const table: Record<string, Postings> = { a: postings([0, 1], [1, 2]), b: postings([1, 2], [3, 0.5]) };
    const acc = new Accumulator(3);
    const out = acc.score(['a', 'b'], (t) => table[t]!, (t) => (t === 'b' ? 0.5 : 1), 10);
    // doc 1: (2 + 0.5*3) * 2 = 7; doc 0: 1 * 1; doc 2: 0.5*0.5 * 1 = 0.25
    expect(out).toEqual([
      { doc: 1, score: 7 },
      { doc: 0, score: 1 },
      { doc: 2, score: 0.25 },
    ]);
  });

  it('counts a repeated term twice in the sum but once in the multiplier, and resets between queries', () => {
    const table: Record<string, Postings> = { a: postings([0], [1]) };
    const acc = new Accumulator(1);
    expect(acc.score(['a', 'a'], (t) => table[t]!, () => 1, 5)).toEqual([{ doc: 0, score: 2 }]);
    expect(acc.score(['a'], (t) => table[t]!, () => 1, 5)).toEqual([{ doc: 0, score: 1 }]);
    expect(acc.score([], (t) => table[t]!, () => 1, 5)).toEqual([]);
  });

  it('breaks ties by first appearance and honours the limit', () => {
    const table: Record<string, Postings> = { a: postings([2, 0, 1], [1, 1, 1]) };
    const acc = new Accumulator(3);
    expect(acc.score(['a'], (t) => table[t]!, () => 1, 2).map((h) => h.doc)).toEqual([2, 0]);
  });
});

describe('TermScores', () => {
  it('computes a term once and forgets the least recently used past its budget', () => {
    const computed: string[] = [];
    const memo = new TermScores(4, (t) => {
      computed.push(t);
      return postings([0, 1], [1, 1]);
    });
    memo.get('a');
    memo.get('b');
    memo.get('a'); // a is now the most recent; b the least
    memo.get('c'); // 6 postings held > 4: b goes
    expect(memo.size).toBe(2);
    memo.get('a');
    memo.get('b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps a single term larger than the whole budget (it is needed now)', () => {
    const memo = new TermScores(1, () => postings([0, 1, 2], [1, 1, 1]));
    expect(memo.get('big').docs.length).toBe(3);
    expect(memo.size).toBe(1);
  });
});

describe('equivalence with MiniSearch', async () => {
  const kb = await loadKnowledge({ knowledgeDir: REAL_KB });
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], tokenize, processTerm: (t) => t, searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t } });
  index.addAll(kb.passages.map((p) => ({ id: p.id, text: p.text })));
  const docOf = new Map(kb.passages.map((p, i) => [p.id, i]));
  const fuzzy = (t: string) => (t.length >= 5 ? 0.2 : false);
  const memo = new TermScores(1_000_000, (t) => {
    const hits = index.search(t, { fuzzy, maxFuzzy: 1 });
    return postings(
      hits.map((h) => docOf.get(String(h.id))!),
      hits.map((h) => h.score),
    );
  });
  const acc = new Accumulator(kb.passages.length);
  const vocab = [...new Set(kb.passages.flatMap((p) => tokenize(p.text)))].sort();
  // Deterministic pseudo-random queries of 1..12 terms, with repeats and a typo now and then.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const queries = Array.from({ length: 300 }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => {
      const w = vocab[Math.floor(rnd() * vocab.length)]!;
      return rnd() < 0.1 && w.length > 5 ? `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}` : w;
    }),
  );

  it('gives the same passages, scores and order on 300 queries over the real base', () => {
    for (const terms of queries) {
      const boost = (t: string) => (t.length % 2 ? 1 : 0.45);
      const expected = index.search(terms.join(' '), { fuzzy, maxFuzzy: 1, boostTerm: boost }).slice(0, 30);
      const got = acc.score(terms, (t) => memo.get(t), boost, 30);
      expect(got.map((h) => kb.passages[h.doc]!.id)).toEqual(expected.map((h) => String(h.id)));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
    }
  });
});

describe('query expansion through the probe index', async () => {
  const kb = await loadKnowledge({ knowledgeDir: REAL_KB });
  const retriever = buildRetriever(kb);
  const patterns = kb.synonyms.map((terms) => terms.map(phraseRegExp));
  /** The plain way: every group's regexes against the query, in file order. */
  const naive = (q: string) => {
    const have = new Set(tokenize(q));
    const added: string[] = [];
    kb.synonyms.forEach((terms, gi) => {
      if (!patterns[gi]!.some((re) => re.test(q))) return;
      for (const tok of terms.flatMap((t) => tokenize(t))) {
        if (have.has(tok)) continue;
        have.add(tok);
        added.push(tok);
      }
    });
    return added.slice(0, RANKING.maxExpansionTerms);
  };
  const vocabulary = kb.synonyms.flat();

  it('adds the same terms as testing every group, on phrases joined in many ways', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom('-', ' ', ',', 'x', '2', 'the', '')), { maxLength: 12 }), fc.constantFrom(' ', '', '-', '.'), (parts, sep) => {
        const q = normalise(parts.join(sep));
        expect(retriever.expand(q).added).toEqual(naive(q));
      }),
      { numRuns: 1500 },
    );
  });

  it('finds groups only at word starts, as the phrase regexes do', () => {
    const idx = new ProbeIndex([['admin panel'], ['ui'], ['back office']]);
    expect([...idx.candidates('an admin panel')]).toEqual([0]);
    expect([...idx.candidates('superadmin')]).toEqual([]);
    expect([...idx.candidates('ui and backoffice')].sort()).toEqual([1, 2]);
  });
});
