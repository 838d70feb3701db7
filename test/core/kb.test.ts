import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/index.ts';
import { AdvisorError } from '../../src/errors.ts';
import { FIXTURE_KB, mutatedKb } from './helpers.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function loadError(file: string, edit: (t: string) => string): Promise<AdvisorError> {
  const { dir, done } = await mutatedKb(file, edit);
  cleanup = done;
  try {
    await loadKnowledge({ knowledgeDir: dir });
  } catch (e) {
    expect(e).toBeInstanceOf(AdvisorError);
    expect((e as AdvisorError).code).toBe('KB_INVALID');
    return e as AdvisorError;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('loading the knowledge base', () => {
  it('loads a valid base with every part', async () => {
    const kb = await loadKnowledge({ knowledgeDir: FIXTURE_KB });
    expect(kb.passages.map((p) => p.id)).toContain('d-admin');
    expect(kb.sources).toHaveLength(2);
    expect(kb.rules.map((r) => r.id)).toContain('needs-admin');
    expect(kb.combos).toHaveLength(1);
    expect(kb.conflicts).toHaveLength(1);
    expect(kb.synonyms[0]).toContain('back office');
  });

  it('names the file, the place and the problem for broken YAML', async () => {
    const e = await loadError('rules.yml', (t) => `${t}\n  - id: [unclosed\n`);
    expect(e.message).toMatch(/rules\.yml: \(yaml\)/);
  });

  it('rejects a passage without sources, naming its id and field', async () => {
    const e = await loadError('passages/main.yml', (t) => t.replace('sources: [alpha]\n  - id: f-learn', 'sources: []\n  - id: f-learn'));
    expect(e.message).toContain('passages/main.yml: passages[1] (id f-micro).sources');
    expect(e.message).toMatch(/at least one source/);
  });

  it('rejects duplicate passage ids', async () => {
    const e = await loadError('passages/main.yml', (t) => t.replace('id: f-learn', 'id: d-admin'));
    expect(e.message).toMatch(/duplicate passage id/);
  });

  it('rejects an unknown source id', async () => {
    const e = await loadError('passages/main.yml', (t) => t.replace('sources: [beta]', 'sources: [gamma]'));
    expect(e.message).toContain('unknown source id "gamma"');
  });

  it('rejects an unknown topic', async () => {
    const e = await loadError('passages/main.yml', (t) => t.replace('topics: [learning]', 'topics: [cooking]'));
    expect(e.message).toContain('unknown topic "cooking"');
  });

  it('rejects a rule pointing at a passage that does not exist', async () => {
    const e = await loadError('rules.yml', (t) => t.replace('passages: [f-micro]', 'passages: [f-nowhere]'));
    expect(e.message).toContain('rules.yml: rules[1] (id one-microservice).passages: unknown passage id "f-nowhere"');
  });

  it('rejects a rule whose pattern is not a valid regular expression', async () => {
    const e = await loadError('rules.yml', (t) => t.replace("'\\bwebhook'", "'(webhook'"));
    expect(e.message).toMatch(/rules\.yml: rules\[1\] \(id one-microservice\)\.patterns\[1\]: not a valid regular expression/);
  });

  it('rejects unknown keys (a typo in a field name)', async () => {
    const e = await loadError('sources.yml', (t) => t.replace('publisher: Beta', 'publsher: Beta'));
    expect(e.message).toMatch(/sources\.yml: sources\[1\] \(id beta\)/);
  });

  it('rejects a combo over unknown rules and a conflict with an unknown source', async () => {
    const e1 = await loadError('rules.yml', (t) => t.replace('all: [junior-team, complex-product]', 'all: [junior-team, nope]'));
    expect(e1.message).toContain('unknown rule id "nope"');
    const e2 = await loadError('conflicts.yml', (t) => t.replace('sources: [beta]', 'sources: [zeta]'));
    expect(e2.message).toContain('unknown source id "zeta"');
  });

  it('reports a missing passages folder', async () => {
    await expect(loadKnowledge({ knowledgeDir: '/nonexistent-kb' })).rejects.toThrow(/sources\.yml: \(file\): cannot be read/);
  });
});
