/** The answerer (rules + optional LLM summary, streamed or not) and the CLI on top of it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answerer.ts';
import { runCli } from '../../src/cli.ts';
import type { Answer } from '../../src/core/index.ts';
import { ErrorCode, isAdvisorError } from '../../src/errors.ts';
import { DEFAULT_PROMPTS_DIR } from '../../src/llm/prompts.ts';
import { BASE, BASE_URL, DJANGO_Q, FIXTURE_KB, collect, completion, fixtureAdvisor, sse } from './helpers.ts';
import { useStrictNock } from '../nock-strict.ts';

const PATH = '/v1/chat/completions';
const GOOD = 'Django suits a shop with a back office because its admin is built in [1].';

useStrictNock();

describe('createAnswerer', () => {
  it('without LLM settings: the core alone, summarySource rules', async () => {
    const advisor = await fixtureAdvisor();
    const answerer = createAnswerer({ advisor, env: {} });
    expect(answerer.llmEnabled).toBe(false);
    const a = await answerer.answer(DJANGO_Q);
    expect(a).toEqual(advisor.ask(DJANGO_Q));
    expect(a.summarySource).toBe('rules');
    const s = answerer.stream(DJANGO_Q);
    expect(s.llm).toBe(false);
    expect(await collect(s.updates)).toEqual([]);
    expect(await s.final).toBe(s.initial);
  });

  it('with OPENAI_BASE_URL: rules plus the LLM summary, everything else from the rules', async () => {
    nock(BASE).post(PATH).reply(200, completion(GOOD));
    const advisor = await fixtureAdvisor();
    const lines: string[] = [];
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: BASE_URL }, log: (l) => lines.push(l) });
    expect(answerer.llmEnabled).toBe(true);
    const rules = answerer.rules(DJANGO_Q);
    const a = await answerer.answer(DJANGO_Q, { userId: 'U1' });
    expect(a).toEqual({ ...rules, summary: GOOD, summarySource: 'llm' });
    expect(lines).toEqual([expect.stringMatching(/^llm: summaries by gpt-4o-mini at llm\.test/)]);
  });

  it('stream: the rules answer at once, summary text as it comes, then the final answer', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, sse(['Django suits a shop', ' with a back office', ' because its admin is built in [1].']), { 'content-type': 'text/event-stream' });
    const advisor = await fixtureAdvisor();
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: BASE_URL } });
    const s = answerer.stream(DJANGO_Q, { userId: 'U1' });
    expect(s.llm).toBe(true);
    expect(s.initial).toEqual(advisor.ask(DJANGO_Q));
    const updates = await collect(s.updates);
    const final: Answer = await s.final;
    expect(final).toEqual({ ...s.initial, summary: GOOD, summarySource: 'llm' });
    expect(updates.at(-1)).toBe(GOOD);
  });

  it('stream falls back to the rules answer on failure, and final never rejects', async () => {
    nock(BASE).post(PATH).twice().reply(500, { error: { message: 'down' } });
    const advisor = await fixtureAdvisor();
    const lines: string[] = [];
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: BASE_URL, LLM_TIMEOUT_MS: '1500' }, log: (l) => lines.push(l) });
    const s = answerer.stream(DJANGO_Q);
    expect(await s.final).toEqual(s.initial);
    expect(lines.filter((l) => l.includes('rule-based'))).toHaveLength(1);
  });

  it('help and out-of-scope never call the LLM (nock would fail on any request)', async () => {
    const advisor = await fixtureAdvisor();
    const answerer = createAnswerer({ advisor, env: { OPENAI_BASE_URL: BASE_URL } });
    for (const q of ['help', 'what is the weather']) {
      expect((await answerer.answer(q)).summarySource).toBe('rules');
      const s = answerer.stream(q);
      expect(s.llm).toBe(false);
      expect(await s.final).toBe(s.initial);
    }
  });

  it('summariser: null turns the LLM off whatever the env says', async () => {
    const advisor = await fixtureAdvisor();
    expect(createAnswerer({ advisor, env: { OPENAI_API_KEY: 'sk-x' }, summariser: null }).llmEnabled).toBe(false);
  });

  it('invalid prompts with the LLM enabled fail at start-up with PROMPT_INVALID; ignored when it is off', async () => {
    const advisor = await fixtureAdvisor();
    const dir = mkdtempSync(path.join(tmpdir(), 'prompts-'));
    const good = readFileSync(path.join(DEFAULT_PROMPTS_DIR, 'summary.yml'), 'utf8');
    writeFileSync(path.join(dir, 'summary.yml'), good.replace(/^ {2}maxSummaryChars: \d+$/m, '  maxSummaryChars: lots'));
    let err: unknown;
    try {
      createAnswerer({ advisor, env: { OPENAI_API_KEY: 'sk-x' }, promptsDir: dir });
    } catch (e) {
      err = e;
    }
    expect(isAdvisorError(err, ErrorCode.PromptInvalid)).toBe(true);
    expect((err as Error).message).toMatch(/summary\.yml.*params\.maxSummaryChars/);
    expect(createAnswerer({ advisor, env: {}, promptsDir: dir }).llmEnabled).toBe(false);
  });

  it('invalid LLM settings fail at start-up with CONFIG_INVALID', async () => {
    const advisor = await fixtureAdvisor();
    expect(() => createAnswerer({ advisor, env: { OPENAI_API_KEY: 'k', LLM_USER_LIMIT: '-1' } })).toThrow(/LLM_USER_LIMIT/);
  });
});

describe('CLI ask', () => {
  const io = (argv: string[], env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { argv, env, stdin: Readable.from([]), out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('--json shows summarySource llm when an LLM is configured', async () => {
    nock(BASE).post(PATH).reply(200, completion(GOOD));
    const t = io(['--json', '--knowledge', FIXTURE_KB, DJANGO_Q], { OPENAI_BASE_URL: BASE_URL });
    expect(await runCli(t.io)).toBe(0);
    const a = JSON.parse(t.out[0]!) as Answer;
    expect(a).toMatchObject({ verdict: 'django', summarySource: 'llm', summary: GOOD });
  });

  it('--json shows summarySource rules without LLM settings', async () => {
    const t = io(['--json', '--knowledge', FIXTURE_KB, DJANGO_Q], {});
    expect(await runCli(t.io)).toBe(0);
    expect(JSON.parse(t.out[0]!)).toMatchObject({ verdict: 'django', summarySource: 'rules' });
    expect(t.err).toEqual([]);
  });

  it('an unreachable LLM still answers, from the rules, with one log line', async () => {
    nock(BASE).post(PATH).twice().reply(503, 'busy');
    const t = io(['--json', '--knowledge', FIXTURE_KB, DJANGO_Q], { OPENAI_BASE_URL: BASE_URL, LLM_TIMEOUT_MS: '1500' });
    expect(await runCli(t.io)).toBe(0);
    expect(JSON.parse(t.out[0]!)).toMatchObject({ summarySource: 'rules' });
    expect(t.err.filter((l) => l.includes('rule-based'))).toHaveLength(1);
  });

  it('text mode marks an LLM-written summary', async () => {
    nock(BASE).post(PATH).reply(200, completion(GOOD));
    const t = io(['--knowledge', FIXTURE_KB, DJANGO_Q], { OPENAI_BASE_URL: BASE_URL });
    expect(await runCli(t.io)).toBe(0);
    expect(t.out[0]).toContain(`${GOOD}  (summary written by an LLM`);
  });
});
