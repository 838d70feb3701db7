/**
 * Typo correction against the domain vocabulary (framework names, synonym terms, topic
 * labels), applied to the normalised question before rules and synonyms see it, so
 * "djnago adminn pannel" fires the same signals as "django admin panel".
 * Only words the vocabulary does not know are touched, and only to a near domain word;
 * ordinary English words outside the domain are left alone.
 */

export const SPELLING = {
  /** Shortest word we try to correct. */
  minLength: 4,
  /**
   * Shorter words (4-5 letters) are only corrected towards the core names below: without an
   * English dictionary, "stats" is as likely a real word as a typo of "starts".
   */
  longWordFrom: 6,
  /** Words this long or longer may be two edits away; shorter ones one. */
  twoEditsFrom: 8,
  /** At most this many words corrected per message (bounds the cost of huge inputs). */
  maxCorrections: 30,
} as const;

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows are enough (the transposition looks two rows back), reused row by row.
  let prev2 = new Int32Array(b.length + 1);
  let prev = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length]!;
}

/** `word` is `of` with two neighbouring letters swapped. */
function isSwapOf(word: string, of: string): boolean {
  if (word.length !== of.length || word === of) return false;
  const i = [...word].findIndex((ch, k) => ch !== of[k]);
  return word[i] === of[i + 1] && word[i + 1] === of[i] && word.slice(i + 2) === of.slice(i + 2);
}

export interface Speller {
  correct(text: string): string;
}

/**
 * `isWord` (an English word list) keeps real words as they are: only a swap of two letters of a
 * core name ("flaks", "pyhton") is corrected in a word the list knows.
 */
export function buildSpeller(
  domainWords: Iterable<string>,
  knownWords: Iterable<string>,
  coreWords: string[] = [],
  isWord: (word: string) => boolean = () => false,
): Speller {
  const domain = [...new Set([...domainWords].filter((w) => w.length >= SPELLING.minLength))];
  const core = coreWords.filter((w) => w.length >= SPELLING.minLength);
  const known = new Set([...knownWords, ...domain]);
  /** Candidates by length: a word is only compared with words at most two letters longer or shorter. */
  const byLength = new Map<number, string[]>();
  for (const w of domain) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  /** For each word length and edit budget, the candidates within reach, gathered once (in length order). */
  const longest = Math.max(0, ...domain.map((w) => w.length));
  const nearLists = new Map<string, string[]>();
  for (let len = 1; len <= longest + 2; len++) {
    for (const max of [1, 2]) {
      const out: string[] = [];
      for (let n = len - max; n <= len + max; n++) out.push(...(byLength.get(n) ?? []));
      nearLists.set(`${len}/${max}`, out);
    }
  }
  const near = (word: string, max: number): readonly string[] => nearLists.get(`${word.length}/${max}`) ?? [];
  /** A typo keeps one of its first two letters in place, or swaps them ("lfask"). */
  const plausible = (word: string, cand: string) =>
    cand[0] === word[0] || cand[1] === word[1] || (cand[0] === word[1] && cand[1] === word[0]);
  // No memo: a cache keyed by what users type would grow with user text (issue 12, item 1).
  const fix = (word: string): string => {
    if (isWord(word)) return core.find((c) => isSwapOf(word, c)) ?? word;
    // The singular of a known plural is not a typo ("extension" when the texts say "extensions").
    if (known.has(`${word}s`) || known.has(`${word}es`)) return word;
    // Plurals and -ing forms of a known word are not typos.
    for (const suffix of ['s', 'es', 'ed', 'ing', 'er', 'ers']) {
      if (word.endsWith(suffix) && known.has(word.slice(0, -suffix.length)) && word.length - suffix.length >= SPELLING.minLength) return word;
    }
    const max = word.length >= SPELLING.twoEditsFrom ? 2 : 1;
    let best = word;
    let bestD = max + 1;
    for (const cand of word.length >= SPELLING.longWordFrom ? near(word, max) : core) {
      if (!plausible(word, cand)) continue;
      // Plurals and -ing forms of a known word are not typos.
      if (word.startsWith(cand) && /^(?:s|es|ed|ing|er|ers)$/.test(word.slice(cand.length))) return word;
      const d = editDistance(word, cand, max);
      if (d < bestD) {
        best = cand;
        bestD = d;
      }
    }
    return best;
  };
  return {
    correct(text) {
      let budget = SPELLING.maxCorrections;
      return text.replace(/\p{L}+/gu, (word) => {
        if (budget <= 0 || word.length < SPELLING.minLength || known.has(word)) return word;
        budget--;
        return fix(word);
      });
    },
  };
}
