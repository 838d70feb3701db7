/**
 * An English word list (the `word-list` package: ~274,000 lowercase words), so typo correction
 * leaves real words alone: "sensor" is not a typo of "senior", nor "ingestion" of "injection".
 * Held compactly: the file's text and a sorted array of line offsets (about 4 MB, against some
 * 24 MB for a Set of the same words), searched by bisection.
 */
import { readFile } from 'node:fs/promises';
import wordListPath from 'word-list';

export interface WordList {
  has(word: string): boolean;
  readonly size: number;
}

/** Build a word list from newline-separated words (any order). */
export function wordListFrom(text: string): WordList {
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    const end = lineEnd(text, at);
    if (end > at) starts.push(at);
    at = end + 1;
  }
  // The file is sorted but for a couple of words: the sort has almost nothing to do.
  starts.sort((a, b) => compareAt(text, a, b));
  const offsets = Int32Array.from(starts);
  return {
    size: offsets.length,
    has(word) {
      let lo = 0;
      let hi = offsets.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compareWord(text, offsets[mid]!, word);
        if (c === 0) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

/** The word list of the `word-list` package (or of `file`). */
export async function loadWordList(file: string = wordListPath): Promise<WordList> {
  return wordListFrom(await readFile(file, 'utf8'));
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end;
}

/** Compare the lines starting at a and b. */
function compareAt(text: string, a: number, b: number): number {
  for (;;) {
    const ca = a < text.length && text.charCodeAt(a) !== 10 ? text.charCodeAt(a) : -1;
    const cb = b < text.length && text.charCodeAt(b) !== 10 ? text.charCodeAt(b) : -1;
    if (ca !== cb || ca === -1) return ca - cb;
    a++;
    b++;
  }
}

/** Compare the line starting at `at` with `word`. */
function compareWord(text: string, at: number, word: string): number {
  for (let i = 0; ; i++, at++) {
    const ca = at < text.length && text.charCodeAt(at) !== 10 ? text.charCodeAt(at) : -1;
    const cb = i < word.length ? word.charCodeAt(i) : -1;
    if (ca !== cb || ca === -1) return ca - cb;
  }
}
