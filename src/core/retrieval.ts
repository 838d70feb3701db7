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
import { LiteralIndex } from './literals.ts';

export const RANKING = {
  /** Field weights: a topic label match says more than a word in the text. */
  fieldBoost: { text: 1, topics: 1.6, questions: 1.2 },
  /** Query terms that come from synonym expansion count this much of an original term. */
  expansionBoost: 0.45,
  /** At most this many terms added by synonym expansion. */
  maxExpansionTerms: 10,
  /** Edit distance allowed, as a fraction of term length (typos), for terms of 5+ letters. */
  fuzzy: 0.2,
  fuzzyMinLength: 8,
  /** Never more than this many edits: domain typos are corrected earlier (spelling.ts). */
  maxFuzzy: 1,
  /** Added (after normalising BM25 scores to 0..1) for passages that justify a fired signal. */
  signalBonus: 0.35,
  /** Added for passages the asked-about aspect names: at least any normalised BM25 score, so a comparison shows its aspect's passages first (in BM25 order), never a stray one-word match. */
  aspectBonus: 1,
  /** Up to this much more for an aspect's passages the earlier the aspect lists them. */
  aspectOrderBonus: 0.3,
  /** Candidates taken from BM25 before re-ranking. */
  candidates: 30,
  /**
   * Query terms found in more than this share of passages are dropped (a dynamic stop-word
   * list): BM25 gives them almost no weight.
   */
  maxDocumentFrequency: 0.25,
  /** At most this many distinct query terms are searched (a 4,000-character message is capped here). */
  maxQueryTerms: 48,
  /** BM25 parameters (MiniSearch's BM25+). */
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
} as const;

export interface Ranked {
  passage: Passage;
  score: number;
  /** How many distinct query terms the passage matched (0 for a passage only lifted by a bonus). */
  matched: number;
}

interface SynonymGroup {
  terms: string[];
  /** The group's index tokens (its terms tokenised), in order. */
  tokens: string[];
  patterns: RegExp[];
  /** Each term's first word, as its pattern needs it literally. */
  firstWords: string[];
}

export interface Retriever {
  /** Ranked passages for a normalised query. */
  search(
    query: string,
    opts?: {
      boostIds?: Iterable<string>;
      aspectIds?: Iterable<string>;
      /** Passages never shown (a negated need's positive passages). */
      excludeIds?: Iterable<string>;
      /** A candidate's score adjusted (fact questions: the passage holds the kind of answer asked for, about that framework). */
      adjust?: (p: Passage, score: number) => number;
      limit?: number;
    },
  ): Ranked[];
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
    // A phrase's first word must be in the query for its pattern to match: a substring test
    // first spares the regex for almost every group.
    firstWords: terms.map((t) => t.toLowerCase().split(/[\s-]+/).find(Boolean) ?? ''),
  }));

  // Which phrases' first words a query holds, for all groups in one pass over the query (literals.ts).
  const firstWordIndex = LiteralIndex.ofLiterals(groups.flatMap((g) => g.firstWords.map((w) => [w])));
  const firstPhrase = groups.map((_, i) => groups.slice(0, i).reduce((n, g) => n + g.terms.length, 0));

  const expand = (query: string) => {
    const original = tokenize(query);
    const have = new Set(original);
    const added: string[] = [];
    const holdsFirstWord = firstWordIndex.candidates(query);
    for (const [k, g] of groups.entries()) {
      if (!g.patterns.some((re, i) => holdsFirstWord[firstPhrase[k]! + i] === 1 && re.test(query))) continue;
      for (const tok of g.tokens) {
        if (!have.has(tok)) {
          have.add(tok);
          added.push(tok);
        }
      }
    }
    return { original, added: added.slice(0, RANKING.maxExpansionTerms) };
  };

  /** Typos: only terms the index does not know (and long enough) pay for fuzzy matching. */
  const fuzzyFor = (term: string): number | false =>
    term.length >= RANKING.fuzzyMinLength && !documentFrequency.has(term) ? RANKING.fuzzy : false;
  const searchOptions = (boostTerm: (t: string) => number) => ({ boost: RANKING.fieldBoost, fuzzy: fuzzyFor, maxFuzzy: RANKING.maxFuzzy, bm25: RANKING.bm25, boostTerm });
  // Kept per term: the index's words and the synonym groups' (a bounded vocabulary); not a user's typo.
  const synonymTokens = new Set(groups.flatMap((g) => g.tokens));
  const termScores = perTermScores(index, docs, (boost) => searchOptions(() => boost), (t) => documentFrequency.has(t) || synonymTokens.has(t));

  const search: Retriever['search'] = (query, opts = {}) => {
    const { original, added } = expand(query);
    const originalSet = new Set(original);
    // A term the index does not know scores nothing unless it may be a typo (fuzzy): skip it.
    const all = [...new Set([...original, ...added])].filter((t) => documentFrequency.has(t) || fuzzyFor(t) !== false);
    const informative = all.filter((t) => (documentFrequency.get(t) ?? 0) <= maxDf);
    const terms = (informative.length > 0 ? informative : all).slice(0, RANKING.maxQueryTerms);
    const boostTerm = (t: string) => (originalSet.has(t) ? 1 : RANKING.expansionBoost);
    // MiniSearch's ranking, from each term's scores kept once computed (perTermScores).
    const hits =
      terms.length === 0
        ? []
        : termScores
          ? termScores(terms, boostTerm).slice(0, RANKING.candidates)
          : index
              .search(terms.join(' '), searchOptions(boostTerm))
              .slice(0, RANKING.candidates)
              .map((h) => ({ id: String(h.id), score: h.score, matched: h.queryTerms.length }));
    return rerank(
      hits,
      byId,
      new Set(opts.boostIds ?? []),
      new Set(opts.aspectIds ?? []),
      opts.adjust,
      new Set(opts.excludeIds ?? []),
    ).slice(0, opts.limit ?? 5);
  };

  return { search, expand };
}

/** What perTermScores reads of a MiniSearch: its query execution before results are built and sorted. */
interface MiniSearchInternals {
  executeQuery(query: string, options: object): Map<number, { score: number }>;
  _documentIds: Map<number, unknown>;
}

/**
 * MiniSearch's ranking of an OR query, with the same floating-point results in the same order,
 * without MiniSearch scoring every term again (and building its match objects) on every question.
 * MiniSearch scores each query term on its own (its BM25 summed over the fields, and over the
 * index terms within one edit for a term given fuzzy matching) into a score per document, in the
 * order the documents first appear; an OR query adds those scores term after term (`a + b`, a new
 * document appended), multiplies each sum by the number of terms that matched, and sorts by score
 * (a stable sort). A term's scores depend only on the term and its boost (the index never
 * changes): they are taken from MiniSearch for that term alone and, for a term `keep` accepts (a
 * bounded vocabulary), kept for the next question.
 *
 * Undefined (callers use MiniSearch's search) when the index does not look as expected: short ids
 * not the documents' positions, or no executeQuery. test/core/retrieval.test.ts compares both.
 */
export function perTermScores(
  index: MiniSearch,
  docs: { id: string }[],
  options: (boost: number) => object,
  keep: (term: string) => boolean,
): ((terms: string[], boostTerm: (t: string) => number) => { id: string; score: number; matched: number }[]) | undefined {
  const m = index as unknown as MiniSearchInternals;
  if (typeof m.executeQuery !== 'function' || !(m._documentIds instanceof Map) || m._documentIds.size !== docs.length) return undefined;
  for (const [shortId, id] of m._documentIds) if (docs[shortId]?.id !== id) return undefined;
  type TermScores = { docs: Int32Array; scores: Float64Array };
  const memo = new Map<number, Map<string, TermScores>>();
  const compute = (term: string, boost: number): TermScores => {
    const map = m.executeQuery(term, options(boost));
    const r = { docs: new Int32Array(map.size), scores: new Float64Array(map.size) };
    let i = 0;
    for (const [doc, { score }] of map) {
      r.docs[i] = doc;
      r.scores[i++] = score;
    }
    return r;
  };
  const termScores = (term: string, boost: number): TermScores => {
    if (!keep(term)) return compute(term, boost);
    let byTerm = memo.get(boost);
    if (!byTerm) memo.set(boost, (byTerm = new Map()));
    let r = byTerm.get(term);
    if (!r) byTerm.set(term, (r = compute(term, boost)));
    return r;
  };
  const score = new Float64Array(docs.length);
  const matched = new Int32Array(docs.length);
  const order = new Int32Array(docs.length);
  return (terms, boostTerm) => {
    let n = 0;
    for (const term of terms) {
      const t = termScores(term, boostTerm(term));
      for (let i = 0; i < t.docs.length; i++) {
        const d = t.docs[i]!;
        if (matched[d] === 0) {
          order[n++] = d;
          score[d] = t.scores[i]!;
        } else score[d] = score[d]! + t.scores[i]!;
        matched[d] = matched[d]! + 1;
      }
    }
    const out: { id: string; score: number; matched: number }[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const d = order[i]!;
      out[i] = { id: docs[d]!.id, score: score[d]! * matched[d]!, matched: matched[d]! };
      matched[d] = 0;
    }
    return out.sort((a, b) => b.score - a.score);
  };
}

/** Normalise BM25 to 0..1, then add the signal and aspect bonuses; ties keep BM25 order. */
export function rerank(
  hits: { id: string; score: number; matched?: number }[],
  byId: Map<string, Passage>,
  boostIds: Set<string>,
  aspectIds: Set<string>,
  adjust?: (p: Passage, score: number) => number,
  excludeIds: Set<string> = new Set(),
): Ranked[] {
  const top = hits[0]?.score ?? 1;
  const scores = new Map<string, number>();
  const matched = new Map<string, number>();
  for (const h of hits) {
    scores.set(h.id, h.score / top);
    matched.set(h.id, h.matched ?? 0);
  }
  for (const id of boostIds) scores.set(id, (scores.get(id) ?? 0) + RANKING.signalBonus);
  // The aspect's passages are listed most central first: a little more for the earlier ones.
  const aspectList = [...aspectIds];
  aspectList.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + RANKING.aspectBonus + RANKING.aspectOrderBonus * (1 - i / aspectList.length)));
  const out: Ranked[] = [];
  for (const [id, score] of scores) {
    const passage = byId.get(id);
    if (passage && !excludeIds.has(id)) out.push({ passage, score: adjust ? adjust(passage, score) : score, matched: matched.get(id) ?? 0 });
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
