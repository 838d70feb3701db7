/**
 * A cheap test that spares a regular expression a text it cannot match. Read off a pattern's
 * source once: a set of literal strings such that every match of the pattern contains at least
 * one of them ("\b(learn|learning|curve)s?\b" -> learn, learning, curve). A text that contains
 * none of them has no match, so the regex need not run. The set is only ever a necessary
 * condition, never a sufficient one: whenever the pattern might match, it still runs and decides.
 *
 * Only what is plainly literal counts (characters, escaped syntax characters); anything else (a
 * class, \w, a lookaround, a back-reference, an optional part) contributes nothing, and a
 * pattern with no such set is simply never skipped.
 */

/**
 * The test for one pattern, or undefined when its source gives no required literals: the
 * literals to look for, and whether in the case-folded text.
 */
function literalGate(re: RegExp): { literals: string[]; fold: boolean } | undefined {
  // The source is read as unicode-mode syntax; other modes are never skipped.
  if (!re.flags.includes('u')) return undefined;
  const literals = requiredLiterals(re.source);
  if (!literals) return undefined;
  // Case-insensitive: an ASCII letter of the pattern matches its other case, the Kelvin sign (k) and
  // the long s (s); lowercasing the text and spelling the long s as s meets every such match.
  const fold = re.flags.includes('i');
  if (!fold) return { literals, fold };
  return literals.every(isAscii) ? { literals: literals.map((l) => l.toLowerCase()), fold } : undefined;
}

/**
 * Which of many patterns may match a text, from one pass over the text: each required literal is
 * filed under one of its three-character pieces, and the text's pieces mark every pattern with a
 * literal filed under them (a literal shorter than three characters, or not ASCII, is looked for
 * with includes). A pattern that is not marked cannot match; one that is still runs and decides.
 */
export class LiteralIndex {
  /** Patterns that are never skipped (no required literals known). */
  private readonly always: number[] = [];
  /** Trigram -> patterns with a literal holding it, in the text as given and in the case-folded text. */
  private readonly plain = new Map<number, number[]>();
  private readonly folded = new Map<number, number[]>();
  private readonly byIncludes: { pattern: number; literal: string; fold: boolean }[] = [];
  private readonly size: number;
  private last: { text: string; marks: Uint8Array } | undefined;

  /** For patterns: what each requires is read off its source. */
  static ofPatterns(patterns: RegExp[]): LiteralIndex {
    return new LiteralIndex(patterns.map(literalGate));
  }

  /** For patterns whose required literals the caller knows (one of `literals[i]` is in every match of pattern i). */
  static ofLiterals(literals: string[][]): LiteralIndex {
    return new LiteralIndex(literals.map((l) => ({ literals: l, fold: false })));
  }

  private constructor(gates: ({ literals: string[]; fold: boolean } | undefined)[]) {
    this.size = gates.length;
    gates.forEach((gate, pattern) => {
      if (!gate) return void this.always.push(pattern);
      for (const literal of gate.literals) {
        const g = rarestTrigram(literal);
        if (g === undefined) this.byIncludes.push({ pattern, literal, fold: gate.fold });
        else {
          const index = gate.fold ? this.folded : this.plain;
          const list = index.get(g) ?? [];
          if (!list.includes(pattern)) list.push(pattern);
          index.set(g, list);
        }
      }
    });
  }

  /** For each pattern (by its position), 1 when it may match `text`; the last text's answer kept. */
  candidates(text: string): Uint8Array {
    if (this.last?.text === text) return this.last.marks;
    const marks = new Uint8Array(this.size);
    for (const p of this.always) marks[p] = 1;
    const foldedText = this.folded.size > 0 || this.byIncludes.some((x) => x.fold) ? foldCase(text) : text;
    markTrigrams(text, this.plain, marks);
    if (this.folded.size > 0) markTrigrams(foldedText, this.folded, marks);
    for (const x of this.byIncludes) if ((x.fold ? foldedText : text).includes(x.literal)) marks[x.pattern] = 1;
    this.last = { text, marks };
    return marks;
  }
}

function markTrigrams(text: string, index: Map<number, number[]>, marks: Uint8Array): void {
  for (let i = 0; i + 3 <= text.length; i++) {
    const g = trigramAt(text, i);
    const patterns = g === undefined ? undefined : index.get(g);
    if (patterns) for (const p of patterns) marks[p] = 1;
  }
}

/**
 * A LiteralIndex over a fixed set of patterns, asked pattern by pattern: false only when `re`
 * cannot match `text`, so `filter.mayMatch(re, text) && re.test(text)` is the regex alone. A
 * pattern outside the set is always run.
 */
export class PatternFilter {
  private readonly index: LiteralIndex;
  private readonly position = new Map<RegExp, number>();

  constructor(patterns: RegExp[]) {
    this.index = LiteralIndex.ofPatterns(patterns);
    patterns.forEach((re, i) => this.position.set(re, i));
  }

  mayMatch(re: RegExp, text: string): boolean {
    const i = this.position.get(re);
    return i === undefined || this.index.candidates(text)[i] === 1;
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Three ASCII characters as one small integer. */
function trigramAt(s: string, i: number): number | undefined {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  return a > 0x7f || b > 0x7f || c > 0x7f ? undefined : (a << 14) | (b << 7) | c;
}

/** Letters from common to rare in English: a literal is filed under its rarest piece (any piece would be correct). */
const LETTERS_BY_FREQUENCY = 'etaoinsrhldcumfpgwybvkxjqz';
function rarestTrigram(literal: string): number | undefined {
  let best: number | undefined;
  let bestRarity = -1;
  for (let i = 0; i + 3 <= literal.length; i++) {
    const g = trigramAt(literal, i);
    if (g === undefined) continue;
    let rarity = 0;
    for (let k = i; k < i + 3; k++) rarity += LETTERS_BY_FREQUENCY.indexOf(literal[k]!) + 1;
    if (rarity > bestRarity) {
      best = g;
      bestRarity = rarity;
    }
  }
  return best;
}

/** A parse of a pattern piece: the literals one of which every match contains (undefined: none known). */
type Required = string[] | undefined;

/** Characters escaped to stand for themselves in a unicode-mode pattern. */
const SYNTAX_CHARACTERS = new Set('^$\\.*+?()[]{}|/-');

/**
 * The literal strings one of which every match of `source` (compiled without the `i` flag)
 * contains, or undefined when the source gives no such set. A source this reader does not fully
 * understand gives undefined.
 */
export function requiredLiterals(source: string): string[] | undefined {
  try {
    const parser = new Parser(source);
    const required = parser.disjunction();
    return parser.atEnd() ? required : undefined;
  } catch {
    return undefined;
  }
}

class Parser {
  private at = 0;
  private readonly source: string;
  constructor(source: string) {
    this.source = source;
  }

  atEnd(): boolean {
    return this.at === this.source.length;
  }

  /** Alternatives: a match contains a literal of the alternative it took, so the union of theirs. */
  disjunction(): Required {
    const union: string[] = [];
    let known = true;
    for (;;) {
      const required = this.alternative();
      if (required) union.push(...required);
      else known = false;
      if (this.source[this.at] !== '|') break;
      this.at++;
    }
    return known ? [...new Set(union)] : undefined;
  }

  /** A sequence: each run of plain characters is required, and so is a required group; the most selective is kept. */
  private alternative(): Required {
    const candidates: string[][] = [];
    let run = '';
    const endRun = () => {
      if (run) candidates.push([run]);
      run = '';
    };
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom();
      const { min, present } = this.quantifier();
      if (atom.kind === 'assertion') continue; // zero-width (^, $, \b, \B): the characters around it are adjacent
      if (atom.kind === 'char' && present === false) {
        run += atom.char;
        continue;
      }
      endRun();
      if (min === 0) continue;
      if (atom.kind === 'char') candidates.push([atom.char]);
      else if (atom.kind === 'group' && atom.required) candidates.push(atom.required);
    }
    endRun();
    return mostSelective(candidates);
  }

  private atom(): { kind: 'char'; char: string } | { kind: 'group'; required: Required } | { kind: 'other' } | { kind: 'assertion' } {
    const c = this.source[this.at++]!;
    if (c === '^' || c === '$') return { kind: 'assertion' };
    if (c === '.') return { kind: 'other' };
    if (c === '[') {
      this.skipClass();
      return { kind: 'other' };
    }
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    if ('*+?{}]|)'.includes(c)) throw new Error(`unexpected ${c}`);
    // A surrogate pair is one character in unicode mode.
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && this.at < this.source.length) return { kind: 'char', char: c + this.source[this.at++]! };
    return { kind: 'char', char: c };
  }

  private group(): { kind: 'group'; required: Required } | { kind: 'other' } {
    const s = this.source;
    let lookaround = false;
    if (s[this.at] === '?') {
      const lookaroundOpen = ['?=', '?!', '?<=', '?<!'].find((open) => s.startsWith(open, this.at));
      if (s.startsWith('?:', this.at)) this.at += 2;
      else if (lookaroundOpen) {
        this.at += lookaroundOpen.length;
        lookaround = true;
      } else if (s[this.at + 1] === '<') {
        const end = s.indexOf('>', this.at);
        if (end === -1) throw new Error('unterminated group name');
        this.at = end + 1;
      } else throw new Error('unknown group'); // modifiers such as (?i:...) and anything newer
    }
    const required = this.disjunction();
    if (s[this.at] !== ')') throw new Error('unterminated group');
    this.at++;
    // A lookaround's text may lie outside the match.
    return lookaround ? { kind: 'other' } : { kind: 'group', required };
  }

  private escape(): { kind: 'char'; char: string } | { kind: 'other' } | { kind: 'assertion' } {
    const c = this.source[this.at++];
    if (c === undefined) throw new Error('trailing backslash');
    if (c === 'b' || c === 'B') return { kind: 'assertion' };
    if (SYNTAX_CHARACTERS.has(c)) return { kind: 'char', char: c };
    if (c === 'p' || c === 'P' || c === 'k') {
      // \p{...}, \P{...}, \k<name>: skip the braces or the name.
      const close = this.source.indexOf(c === 'k' ? '>' : '}', this.at);
      if (close === -1) throw new Error('unterminated escape');
      this.at = close + 1;
      return { kind: 'other' };
    }
    if (c === 'u' || c === 'x' || c === 'c') throw new Error('escape not read'); // rare: give up rather than decode
    // \d \w \s and their negations, \n \t and the like, back-references: nothing literal is claimed.
    while (c >= '1' && c <= '9' && /[0-9]/u.test(this.source[this.at] ?? '')) this.at++;
    return { kind: 'other' };
  }

  private skipClass(): void {
    while (this.at < this.source.length) {
      const c = this.source[this.at++];
      if (c === '\\') this.at++;
      else if (c === ']') return;
    }
    throw new Error('unterminated class');
  }

  /** The quantifier after an atom, if any: its least count. */
  private quantifier(): { min: number; present: boolean } {
    const s = this.source;
    const c = s[this.at];
    let min: number;
    if (c === '*' || c === '?') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/u.exec(s.slice(this.at));
      if (!m) throw new Error('bad quantifier');
      min = Number(m[1]);
      this.at += m[0].length - 1;
    } else return { min: 1, present: false };
    this.at++;
    if (s[this.at] === '?') this.at++; // lazy
    return { min, present: true };
  }
}

/** Of several required sets, the one whose shortest literal is longest (rarer in text), then the smallest. */
function mostSelective(candidates: string[][]): Required {
  let best: string[] | undefined;
  const weakest = (set: string[]) => Math.min(...set.map((l) => l.length));
  for (const set of candidates) {
    if (!best || weakest(set) > weakest(best) || (weakest(set) === weakest(best) && set.length < best.length)) best = set;
  }
  return best;
}

/** What a case-insensitive ASCII literal is looked for in (see literalGate). */
function foldCase(text: string): string {
  return text.toLowerCase().replaceAll('\u017f', 's');
}
