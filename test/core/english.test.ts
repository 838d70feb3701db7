/** The English word list and what it does to typo correction. */
import { describe, expect, it } from 'vitest';
import { loadWordList, wordListFrom } from '../../src/core/english.ts';
import { buildSpeller } from '../../src/core/spelling.ts';
import { loadAdvisor } from '../../src/core/index.ts';
import { REAL_KB } from './helpers.ts';

describe('word list', () => {
  it('finds words in a list given in any order, and nothing else', () => {
    const wl = wordListFrom('pear\napple\nfig\n\nbanana');
    expect(wl.size).toBe(4);
    for (const w of ['apple', 'banana', 'fig', 'pear']) expect(wl.has(w)).toBe(true);
    for (const w of ['', 'app', 'apples', 'figs', 'zebra', 'a']) expect(wl.has(w)).toBe(false);
  });

  it('loads the word-list package: real words in, typos out', async () => {
    const wl = await loadWordList();
    expect(wl.size).toBeGreaterThan(200_000);
    for (const w of ['sensor', 'ingestion', 'bakeries', 'lawyer', 'protects']) expect(wl.has(w)).toBe(true);
    for (const w of ['djnago', 'acounts', 'adminn', 'microservise']) expect(wl.has(w)).toBe(false);
  });
});

describe('typo correction with the word list', () => {
  const domain = ['django', 'flask', 'senior', 'injection', 'accounts', 'project'];
  const english = wordListFrom(['sensor', 'ingestion', 'protects', 'flaks', 'flask', 'senior'].join('\n'));
  const withList = buildSpeller(domain, [], ['django', 'flask'], (w) => english.has(w));
  const without = buildSpeller(domain, [], ['django', 'flask']);

  it('leaves real words alone that are a letter or two from a domain word', () => {
    expect(without.correct('sensor ingestion protects')).toBe('senior injection project');
    expect(withList.correct('sensor ingestion protects')).toBe('sensor ingestion protects');
  });

  it('still corrects typos, and a real word that is a swap of a framework name', () => {
    expect(withList.correct('djnago acounts')).toBe('django accounts');
    expect(withList.correct('flaks')).toBe('flask');
  });

  it('is what the advisor uses: a sensor endpoint is an API, not a senior team', async () => {
    const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });
    const a = advisor.ask('we need an endpoint that returns the latest sensor values');
    expect(a.signals.map((s) => s.id)).not.toContain('experienced-team');
  });
});
