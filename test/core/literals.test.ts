/**
 * The literal prefilter (core/literals.ts) may only ever skip a pattern that cannot match: for
 * every pattern of the knowledge base (rules, lexicon, aspects) and many texts, a pattern that
 * matches is never skipped. Phrasings here are made for this test or generated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/index.ts';
import { LiteralIndex, PatternFilter, requiredLiterals } from '../../src/core/literals.ts';
import { compileRules } from '../../src/core/signals.ts';
import { normalise } from '../../src/core/text.ts';
import { REAL_KB } from './helpers.ts';

const kb = await loadKnowledge({ knowledgeDir: REAL_KB });
const rulePatterns = compileRules(kb.rules, kb.lexicon).flatMap((c) => c.patterns);
const aspectPatterns = kb.aspects.flatMap((a) => [...a.patterns, ...(a.weak ?? [])]).map((p) => new RegExp(p, 'iu'));
const all = [...rulePatterns, ...aspectPatterns];
const index = LiteralIndex.ofPatterns(all);
const filter = new PatternFilter(all);

/** Every pattern that matches `text` is marked by the index and passed by a PatternFilter. */
function neverSkipsAMatch(text: string): void {
  const marks = index.candidates(text);
  all.forEach((re, i) => {
    re.lastIndex = 0;
    if (re.test(text)) {
      expect(marks[i], `${re.source} on ${JSON.stringify(text)}`).toBe(1);
      expect(filter.mayMatch(re, text)).toBe(true);
    }
  });
}

/** Texts that match: the words of the patterns themselves, shuffled into sentences. */
const words = [...new Set(all.flatMap((re) => requiredLiterals(re.source) ?? []))];

describe('required literals', () => {
  it('reads alternatives, optional parts, groups and escapes', () => {
    expect(requiredLiterals('\\b(learn|learning|curve)s?\\b')).toEqual(['learn', 'learning', 'curve']);
    expect(requiredLiterals('\\bback[- ]?office\\b')).toEqual(['office']);
    expect(requiredLiterals('\\badmin(istrat\\w*)?\\s*(panel|ui)\\b')).toEqual(['admin']);
    expect(requiredLiterals('\\bfoo\\.bar\\b')).toEqual(['foo.bar']);
    expect(requiredLiterals('(?<!not )\\bapi\\b(?= now)')).toEqual(['api']);
    expect(requiredLiterals('ab?c')).toEqual(['a']);
    // Nothing known: an optional part, a class, a lookaround only.
    expect(requiredLiterals('(?:foo)?\\w+')).toBeUndefined();
    expect(requiredLiterals('[a-z]+|bar')).toBeUndefined();
    expect(requiredLiterals('(?=foo)')).toBeUndefined();
    // Not understood: not skipped.
    expect(requiredLiterals('\\u0041bc')).toBeUndefined();
  });

  it('reads every pattern of the knowledge base', () => {
    const known = all.filter((re) => requiredLiterals(re.source) !== undefined).length;
    expect(known / all.length).toBeGreaterThan(0.9);
  });
});

describe('the prefilter never skips a pattern that matches', () => {
  it('on sentences made of the patterns own words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'we', 'need', 'no', 'a', 'the', ',', '.', '-', "'s"), { maxLength: 12 }), (ws) => {
        neverSkipsAMatch(normalise(ws.join(' ')));
        neverSkipsAMatch(ws.join(''));
      }),
      { numRuns: 400 },
    );
  });

  it('in any case, with the Kelvin sign and the long s that case-insensitive patterns fold', () => {
    for (const text of ['WE NEED AN ADMIN PANEL AND USER ACCOUNTS', 'Is Flask Faster? Learning Curve', 'a \u212Aubernetes cluster, \u017Fcaling, ſecurity', 'İnventory and orders']) {
      neverSkipsAMatch(text);
    }
  });

  it('on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => neverSkipsAMatch(text)),
      { numRuns: 300 },
    );
  });
});
