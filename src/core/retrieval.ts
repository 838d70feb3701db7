/**
 * Passage retrieval: BM25 (MiniSearch) over passage text and topic labels, with query
 * expansion from the synonym file, typo tolerance, and a small re-ranking step that
 * lifts passages justifying the signals or aspect the question is about.
 * Each step is a small pure function; the tuning constants are named here.
 */
import MiniSearch from 'minisearch';
import type { KnowledgeBase } from './kb.ts';
import type { Passage } from './schema.ts';
import { phraseRegExp, tokenize } from './text.ts';

export const RANKING = {
  /** Field weights: a topic label match says more than a word in the text. */
  fieldBoost: { text: 1, topics: 1.6, questions: 1.2 },
  /** Query terms that come from synonym expansion count this much of an original term. */
  expansionBoost: 0.45,
  /** At most this many terms added by synonym expansion (each one costs a pass over its postings). */
  maxExpansionTerms: 10,
  /** Edit distance allowed, as a fraction of term length (typos), for terms of 5+ letters. */
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  /** Never more than this many edits: domain typos are corrected earlier (spelling.ts). */
  maxFuzzy: 1,
  /** Added (after normalising BM25 scores to 0..1) for passages that justify a fired signal. */
  signalBonus: 0.35,
  /** Added for passages the asked-about aspect names. */
  aspectBonus: 0.3,
  /** Candidates taken from BM25 before re-ranking. */
  candidates: 30,
  /**
   * Query terms found in more than this share of passages are dropped (a dynamic stop-word
   * list): BM25 gives them almost no weight, yet they cost a pass over most of the index.
   */
  maxDocumentFrequency: 0.25,
  /**
   * Query pruning for large bases: terms are taken rarest first until their postings (the
   * passages containing them) add up to this budget; the rarest terms carry the most BM25
   * weight, and every posting costs a score update. Never binds on the curated base.
   */
  postingsBudget: 8_000,
  /** ...but at least this many terms are always kept. */
  minTermsKept: 3,
  /** BM25 parameters (MiniSearch's BM25+). */
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /**
   * Per-term scores are memoised (see `TermScores`): at most this many postings are kept, the
   * least recently used terms forgotten first. The curated base needs a few thousand.
   */
  memoPostings: 2_000_000,
} as const;

export interface Ranked {
  passage: Passage;
  score: number;
}

interface SynonymGroup {
  terms: string[];
  /** The group's index tokens (its terms tokenised), in order. */
  tokens: string[];
  patterns: RegExp[];
}

export interface Retriever {
  /** Ranked passages for a normalised query. */
  search(query: string, opts?: { boostIds?: Iterable<string>; aspectIds?: Iterable<string>; limit?: number }): Ranked[];
  /** The query after synonym expansion (for debugging and tests). */
  expand(query: string): { original: string[]; added: string[] };
}

export function buildRetriever(kb: KnowledgeBase): Retriever {
  const topicLabel = new Map(kb.topics.map((t) => [t.id, t.label]));
  const byId = new Map(kb.passages.map((p) => [p.id, p]));
  // A passage that carries a recorded disagreement is also found by the disputed question.
  const questions = new Map<string, string[]>();
  for (const c of kb.conflicts) for (const p of c.passages) questions.set(p, [...(questions.get(p) ?? []), c.question]);
  const index = new MiniSearch<{ id: string; text: string; topics: string; questions: string }>({
    fields: ['text', 'topics', 'questions'],
    tokenize,
    processTerm: (t) => t,
    // Queries arrive already tokenised and stemmed (see `search`): split them only.
    searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t },
  });
  const docs = kb.passages.map((p) => ({
    id: p.id,
    text: p.text,
    topics: p.topics.map((t) => `${topicLabel.get(t) ?? t} ${t.replace(/-/g, ' ')}`).join(' '),
    questions: (questions.get(p.id) ?? []).join(' '),
  }));
  const documentFrequency = new Map<string, number>();
  index.addAll(docs);
  // Document frequency over every indexed field: what a term costs to score.
  for (const d of docs) {
    for (const t of new Set(tokenize(`${d.text} ${d.topics} ${d.questions}`))) {
      documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
    }
  }
  const maxDf = Math.max(1, kb.passages.length * RANKING.maxDocumentFrequency);
  const groups: SynonymGroup[] = kb.synonyms.map((terms) => ({
    terms,
    tokens: terms.flatMap((t) => tokenize(t)),
    patterns: terms.map(phraseRegExp),
  }));
  const probes = new ProbeIndex(groups.map((g) => g.terms));

  const expand = (query: string) => {
    const original = tokenize(query);
    const have = new Set(original);
    const added: string[] = [];
    // Only groups with a term's first word at a word start can match: test their regexes alone.
    const candidates = probes.candidates(query);
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      if (!candidates.has(gi) || !g.patterns.some((re) => re.test(query))) continue;
      for (const tok of g.tokens) {
        if (!have.has(tok)) {
          have.add(tok);
          added.push(tok);
        }
      }
    }
    return { original, added: added.slice(0, RANKING.maxExpansionTerms) };
  };

  const docIndex = new Map(kb.passages.map((p, i) => [p.id, i]));
  /** Typos: only terms the index does not know (and long enough) pay for fuzzy matching. */
  const fuzzyFor = (term: string): number | false =>
    term.length >= RANKING.fuzzyMinLength && !documentFrequency.has(term) ? RANKING.fuzzy : false;
  const termScores = new TermScores(RANKING.memoPostings, (term) => {
    // One term alone: MiniSearch's BM25+ over every field, field boosts applied (quality 1).
    const hits = index.search(term, { boost: RANKING.fieldBoost, fuzzy: fuzzyFor, maxFuzzy: RANKING.maxFuzzy, bm25: RANKING.bm25 });
    const docs = new Int32Array(hits.length);
    const scores = new Float64Array(hits.length);
    hits.forEach((h, i) => {
      docs[i] = docIndex.get(String(h.id)) ?? -1;
      scores[i] = h.score;
    });
    return { docs, scores };
  });
  const acc = new Accumulator(kb.passages.length);

  const search: Retriever['search'] = (query, opts = {}) => {
    const { original, added } = expand(query);
    const originalSet = new Set(original);
    // A term the index does not know scores nothing unless it may be a typo (fuzzy): skip it.
    const all = [...original, ...added].filter((t) => documentFrequency.has(t) || fuzzyFor(t) !== false);
    const informative = all.filter((t) => (documentFrequency.get(t) ?? 0) <= maxDf);
    const terms = withinBudget(informative.length > 0 ? informative : all, documentFrequency);
    const hits = acc.score(terms, (t) => termScores.get(t), (t) => (originalSet.has(t) ? 1 : RANKING.expansionBoost), RANKING.candidates);
    return rerank(
      hits.map((h) => ({ id: kb.passages[h.doc]!.id, score: h.score })),
      byId,
      new Set(opts.boostIds ?? []),
      new Set(opts.aspectIds ?? []),
    ).slice(0, opts.limit ?? 5);
  };

  return { search, expand };
}

/** Normalise BM25 to 0..1, then add the signal and aspect bonuses; ties keep BM25 order. */
export function rerank(
  hits: { id: string; score: number }[],
  byId: Map<string, Passage>,
  boostIds: Set<string>,
  aspectIds: Set<string>,
): Ranked[] {
  const top = hits[0]?.score ?? 1;
  const scores = new Map<string, number>();
  for (const h of hits) scores.set(h.id, h.score / top);
  for (const id of boostIds) scores.set(id, (scores.get(id) ?? 0) + RANKING.signalBonus);
  for (const id of aspectIds) scores.set(id, (scores.get(id) ?? 0) + RANKING.aspectBonus);
  const out: Ranked[] = [];
  for (const [id, score] of scores) {
    const passage = byId.get(id);
    if (passage) out.push({ passage, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * The plain baseline the evaluation compares against: BM25 over the passage text alone,
 * MiniSearch's default tokenizer, no synonyms, no typo tolerance, no re-ranking.
 */
export function buildPlainRetriever(kb: KnowledgeBase): (query: string, limit?: number) => Passage[] {
  const byId = new Map(kb.passages.map((p) => [p.id, p]));
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  index.addAll(kb.passages.map((p) => ({ id: p.id, text: p.text })));
  return (query, limit = 5) =>
    index
      .search(query)
      .slice(0, limit)
      .map((h) => byId.get(String(h.id)))
      .filter((p): p is Passage => p !== undefined);
}

/** Keep the rarest terms whose postings fit the budget (see RANKING.postingsBudget). */
export function withinBudget(terms: string[], df: Map<string, number>): string[] {
  const byRarity = [...terms].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
  const kept = new Set<string>();
  let postings = 0;
  for (const t of byRarity) {
    const n = df.get(t) ?? 0;
    if (kept.size >= RANKING.minTermsKept && postings + n > RANKING.postingsBudget) break;
    kept.add(t);
    postings += n;
  }
  return terms.filter((t) => kept.has(t));
}

/** The passages one query term scores, and how much (before its term boost). */
export interface Postings {
  docs: Int32Array;
  scores: Float64Array;
}

/**
 * Memoised per-term postings. A term's BM25+ score in a passage depends on the term and the
 * passage only, never on the rest of the query, so it is computed once (by MiniSearch) and kept;
 * least recently used terms are forgotten past `maxPostings` in all.
 */
export class TermScores {
  private readonly memo = new Map<string, Postings>();
  private held = 0;
  private readonly maxPostings: number;
  private readonly compute: (term: string) => Postings;
  constructor(maxPostings: number, compute: (term: string) => Postings) {
    this.maxPostings = maxPostings;
    this.compute = compute;
  }
  get(term: string): Postings {
    let p = this.memo.get(term);
    if (p) {
      this.memo.delete(term);
      this.memo.set(term, p);
      return p;
    }
    p = this.compute(term);
    this.memo.set(term, p);
    this.held += p.docs.length;
    for (const [k, v] of this.memo) {
      if (this.held <= this.maxPostings || k === term) break;
      this.memo.delete(k);
      this.held -= v.docs.length;
    }
    return p;
  }
  get size(): number {
    return this.memo.size;
  }
}

/**
 * Term-at-a-time scoring into reused arrays, the same sum MiniSearch's OR query makes: each
 * passage scores the sum of (term boost x term score) over the query terms it contains, times
 * the number of distinct query terms it contains. Ties keep first-seen order. Returns the best
 * `limit`, best first.
 */
export class Accumulator {
  private readonly matched: Uint16Array;
  private readonly seenAt: Int32Array;
  private readonly sum: Float64Array;
  private touched: number[] = [];
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.seenAt = new Int32Array(size).fill(-1);
  }
  score(terms: string[], postings: (t: string) => Postings, boost: (t: string) => number, limit: number): { doc: number; score: number }[] {
    const counted = new Set<string>();
    const touched = this.touched;
    for (const t of terms) {
      const { docs, scores } = postings(t);
      const b = boost(t);
      const first = !counted.has(t);
      counted.add(t);
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (d < 0) continue;
        if (this.seenAt[d] === -1) {
          this.seenAt[d] = touched.length;
          touched.push(d);
        }
        this.sum[d]! += b * scores[i]!;
        if (first) this.matched[d]!++;
      }
    }
    const out = touched.map((d) => ({ doc: d, score: this.sum[d]! * this.matched[d]!, at: this.seenAt[d]! }));
    for (const d of touched) {
      this.sum[d] = 0;
      this.matched[d] = 0;
      this.seenAt[d] = -1;
    }
    this.touched = [];
    out.sort((a, b) => b.score - a.score || a.at - b.at);
    return out.slice(0, limit).map(({ doc, score }) => ({ doc, score }));
  }
}

const WORD_CHAR = /[a-z0-9]/;

/**
 * Which synonym groups could match a query. A group's phrase regex (`phraseRegExp`) only matches
 * where a term's first word starts at a word start (no letter or digit before it), so groups are
 * indexed by the first characters of those first words, and a query is looked up at its word
 * starts only: a few map lookups per word instead of a substring search per term.
 */
export class ProbeIndex {
  /** Key: the first 1-3 characters of a first word; value: [group, first word] pairs. */
  private readonly byPrefix = new Map<string, [number, string][]>();
  private readonly always = new Set<number>();
  constructor(groups: string[][]) {
    groups.forEach((terms, gi) => {
      for (const term of terms) {
        const first = term.toLowerCase().split(/[\s-]+/)[0] ?? '';
        if (!first) {
          this.always.add(gi);
          continue;
        }
        const key = first.slice(0, 3);
        const list = this.byPrefix.get(key) ?? [];
        list.push([gi, first]);
        this.byPrefix.set(key, list);
      }
    });
  }
  /** Indices of the groups that have a term's first word at some word start of `query`. */
  candidates(query: string): Set<number> {
    const out = new Set(this.always);
    for (let p = 0; p < query.length; p++) {
      if (p > 0 && WORD_CHAR.test(query[p - 1]!)) continue;
      for (let len = 1; len <= 3 && p + len <= query.length; len++) {
        const list = this.byPrefix.get(query.slice(p, p + len));
        if (!list) continue;
        for (const [gi, first] of list) if (first.length === len || query.startsWith(first, p)) out.add(gi);
      }
    }
    return out;
  }
}
