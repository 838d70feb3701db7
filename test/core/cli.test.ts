import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { runKbCheck } from '../../src/kb-check.ts';
import { stem, tokenize } from '../../src/core/text.ts';
import { createAdvisor, loadKnowledge } from '../../src/core/index.ts';
import { FIXTURE_KB } from './helpers.ts';

async function cli(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli({
    argv: [...argv, '--knowledge', FIXTURE_KB],
    stdin: Readable.from([stdin]),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
  });
  return { code, out, err };
}

const ANSWER_KEYS = ['confidence', 'disagreements', 'followUps', 'intent', 'passages', 'scores', 'signals', 'summary', 'summarySource', 'verdict'];

describe('the ask CLI contract', () => {
  it('--json prints the Answer as one JSON line', async () => {
    const { code, out } = await cli(['--json', 'we need an admin panel']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const a = JSON.parse(out[0]!);
    expect(Object.keys(a).filter((k) => k !== 'aspect' && k !== 'properties' && k !== 'fact').sort()).toEqual(ANSWER_KEYS);
    expect(a).toMatchObject({ intent: 'recommend', verdict: 'django', summarySource: 'rules', scores: { django: 3, flask: 0 } });
    expect(a.signals[0]).toEqual({
      id: 'needs-admin',
      label: 'needs an admin interface',
      favours: 'django',
      weight: 3,
      passages: ['d-admin'],
      evidence: ['admin panel'],
      property: 'needs-admin',
    });
    expect(a.properties).toEqual([{ property: 'needs-admin', value: 'needs-admin', state: 'positive', evidence: 'admin panel' }]);
    expect(a.passages[0]).toEqual({
      id: 'd-admin',
      text: expect.any(String),
      topics: ['admin'],
      stance: 'django',
      sources: [
        { id: 'alpha', title: 'Alpha article', publisher: 'Alpha' },
        { id: 'beta', title: 'Beta article', publisher: 'Beta' },
      ],
    });
  });

  it('--jsonl answers one line per input line, in order, blank lines included', async () => {
    const { code, out } = await cli(['--jsonl'], 'we need an admin panel\n\nWhen did Flask first appear?\ntell me a joke\n');
    expect(code).toBe(0);
    expect(out.map((l) => JSON.parse(l).intent)).toEqual(['recommend', 'help', 'fact', 'out_of_scope']);
  });

  it('--jsonl answers a JSON object line as a reply in its thread, through the same path as ask(q, { history })', async () => {
    const thread = { text: 'actually we do not need an admin panel after all', history: ['we need an admin panel'] };
    const { code, out } = await cli(['--jsonl'], `we need an admin panel\n${JSON.stringify(thread)}\n${JSON.stringify({ text: 'When did Flask first appear?' })}\n`);
    expect(code).toBe(0);
    const answers = out.map((l) => JSON.parse(l));
    expect(answers.map((a) => a.intent)).toEqual(['recommend', 'recommend', 'fact']);
    expect(answers[0].signals.map((s: { id: string }) => s.id)).toEqual(['needs-admin']);
    expect(answers[1].signals.map((s: { id: string }) => s.id)).toEqual(['not:needs-admin']);
    const advisor = createAdvisor(await loadKnowledge({ knowledgeDir: FIXTURE_KB }));
    expect(answers[1]).toEqual(JSON.parse(JSON.stringify(advisor.ask(thread.text, { history: thread.history }))));
  });

  it('--jsonl keeps plain lines that only look like JSON, and reports a malformed thread line on its own line', async () => {
    const { code, out } = await cli(['--jsonl'], '{not json, we need an admin panel\n{"text": 3}\n{"text": "x", "history": "no"}\n');
    expect(code).toBe(0);
    expect(out).toHaveLength(3);
    expect(JSON.parse(out[0]!).intent).toBe('recommend');
    expect(JSON.parse(out[1]!)).toEqual({ error: expect.stringMatching(/text/) });
    expect(JSON.parse(out[2]!)).toEqual({ error: expect.stringMatching(/history/) });
  });

  it('prints a readable answer by default', async () => {
    const { code, out } = await cli(['we need an admin panel']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Recommendation: Django/);
    expect(out[0]).toMatch(/Why:\n {2}- needs an admin interface \(\+3 django\)/);
    expect(out[0]).toMatch(/\[1\] Django generates/);
    expect(out[0]).toMatch(/2 sources agree: Alpha, Beta/);
  });

  it.each([
    [[], /Give a question/],
    [['--json', '--jsonl'], /cannot be used together/],
    [['--jsonl', 'a question'], /reads questions from stdin/],
    [['--frobnicate', 'x'], /Unknown option/],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const { code, out, err } = await cli(argv as string[]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).toMatch(/Usage:/);
  });

  it('answers odd input without failing (exit 0)', async () => {
    for (const q of ['🤷‍♀️🤷‍♀️', 'x'.repeat(10_000), '<!channel> <@U1> ?', 'DJANGO OR FLASK???']) {
      const { code, out } = await cli(['--json', q]);
      expect(code).toBe(0);
      expect(JSON.parse(out[0]!).intent).toBeTypeOf('string');
    }
  });

  it('kb:check --json prints one summary line; a broken base exits 1 with the problem', async () => {
    const out: string[] = [];
    expect(await runKbCheck(['--json', '--knowledge', FIXTURE_KB], (l) => out.push(l), () => {})).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({ passages: 5, sources: 2, topics: 5, unsourced: 0, conflicts: 1 });
    const err: string[] = [];
    expect(await runKbCheck(['--knowledge', '/nonexistent'], () => {}, (l) => err.push(l))).toBe(1);
    expect(err[0]).toMatch(/sources\.yml/);
  });
});

describe('text processing', () => {
  it('stems plurals and simple inflections to meet', () => {
    expect(stem('appeared')).toBe(stem('appear'));
    expect(stem('released')).toBe(stem('release'));
    expect(stem('microservices')).toBe(stem('microservice'));
    expect(stem('apis')).toBe('api');
    expect(stem('companies')).toBe('company');
    expect(stem('class')).toBe('class');
  });
  it('drops stop words', () => {
    expect(tokenize('What is the best ORM for us?')).toEqual(['best', 'orm']);
  });
});

describe('the ask CLI with bad LLM settings', () => {
  it('exits 1 with a clear message, never a stack trace', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli({
      argv: ['--json', 'admin panel', '--knowledge', FIXTURE_KB],
      stdin: Readable.from(['']),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LLM_TIMEOUT_MS: 'soon' },
    });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/LLM_TIMEOUT_MS/);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });
});
