/**
 * The per-rule prefilter only skips work: rule matching with it must give exactly what matching
 * without it gives, on real questions and on generated text with case, ſ, İ, emoji and markup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/index.ts';
import { compileRules, matchConversation } from '../../src/core/signals.ts';
import { foldCase, normalise, prefilterOf } from '../../src/core/text.ts';
import { loadScenarios } from '../eval/evaluate.ts';
import { REAL_KB } from './helpers.ts';

const kb = await loadKnowledge({ knowledgeDir: REAL_KB });
const withPrefilter = compileRules(kb.rules);
const exact = withPrefilter.map(({ rule, patterns }) => ({ rule, patterns }));
const same = (text: string) => expect(matchConversation([text], withPrefilter)).toEqual(matchConversation([text], exact));

describe('foldCase', () => {
  it('lowercases and spells ſ as s', () => {
    expect(foldCase('Admin PANEL ſite')).toBe('admin panel site');
  });
  it('gives up when lowercasing changes the length', () => {
    expect(foldCase('İstanbul')).toBeUndefined();
  });
});

describe('prefilterOf', () => {
  it('is one alternation that finds what any pattern finds', () => {
    const re = prefilterOf(['\\badmin\\b', 'back[- ]?office'])!;
    expect(re.test('a back office')).toBe(true);
    expect(re.test('the admin')).toBe(true);
    expect(re.test('nothing here')).toBe(false);
  });
  it('declines patterns it cannot stand in for', () => {
    expect(prefilterOf(['Admin'])).toBeUndefined();
    expect(prefilterOf(['(a)\\1'])).toBeUndefined();
    expect(prefilterOf(['\\S+\\W'])).toBeInstanceOf(RegExp);
  });
  it('exists for every rule of the real base (or the speed-up is lost)', () => {
    expect(withPrefilter.filter((c) => !c.prefilter).map((c) => c.rule.id)).toEqual([]);
  });
});

describe('matching with the prefilter equals matching without it', () => {
  it('on every evaluation question, raw and normalised', async () => {
    const scenarios = await loadScenarios(new URL('../eval/scenarios.yml', import.meta.url).pathname);
    for (const s of scenarios) {
      same(s.question);
      same(normalise(s.question));
    }
  });

  it('on generated text built from rule vocabulary with hostile characters', () => {
    const words = ['admin', 'ADMIN', 'panel', 'no', 'not', 'need', 'team', 'juniors', 'ſtaff', 'İ', 'micro-service', 'api', 'gdpr', 'SOC 2', 'ml', 'model', '😀', '<@U1>', '\n', ',', 'but', 'orm', 'postgres', 'deadline', 'asap', 'kubernetes', 'K'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        same(text);
        same(normalise(text));
      }),
      { numRuns: 1000 },
    );
  });
});
