import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ENV_VARS, loadConfig } from '../../src/config.ts';
import { isAdvisorError, redactSecrets } from '../../src/errors.ts';
import { SqliteStore, withRetry } from '../../src/store/index.ts';
import { AnswerCache, Lru, TtlSet } from '../../src/slack/cache.ts';
import { parseCommand } from '../../src/slack/command.ts';
import { createConsoleSession, runConsole } from '../../src/slack/console.ts';
import { createLogger } from '../../src/slack/logger.ts';
import fc from 'fast-check';
import { escapeMrkdwn, oneLine, stripSlackMarkup, truncate } from '../../src/slack/text.ts';
import { packValue, unpackValue } from '../../src/slack/values.ts';
import { looksLikeFrameworkQuestion } from '../../src/slack/watch.ts';
import { parseWizardState, prefillFromAnswer, teamSizeFrom, wizardToQuestion } from '../../src/slack/wizard.ts';
import { BlockId } from '../../src/slack/ids.ts';
import { FakeAdvisor, makeAnswer } from './fixtures.ts';

describe('text helpers', () => {
  it('escapes the three mrkdwn control characters', () => {
    expect(escapeMrkdwn('a & <!here> > <@U1>')).toBe('a &amp; &lt;!here&gt; &gt; &lt;@U1&gt;');
    expect(escapeMrkdwn('nothing to escape')).toBe('nothing to escape');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('&', '<', '>', 'a', ' ', '😀') }), (t) => {
        expect(escapeMrkdwn(t)).toBe(t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      }),
    );
  });
  it('collapses every whitespace run to one space, as a plain whitespace regex would', () => {
    expect(oneLine('  a \n\t b  c\u00a0\u2028d ')).toBe('a b c d');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r', '\u00a0', '\u2028', '\ufeff', 'x', '-') }), (t) => {
        expect(oneLine(t)).toBe(t.replace(/\s+/g, ' ').trim());
      }),
    );
  });
  it('truncates with an ellipsis, never splitting a surrogate pair or an entity', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate(escapeMrkdwn('abc&def'), 6)).toBe('abc…');
    expect(truncate('x'.repeat(5000), 3000)).toHaveLength(3000);
  });
  it('strips Slack markup from incoming messages', () => {
    expect(stripSlackMarkup('<@U123> should we use <https://flask.palletsprojects.com|Flask>? &lt;3')).toBe('should we use Flask? <3');
  });
});

describe('button values', () => {
  it('round-trip and always fit 2000 characters, even with quote-heavy text', () => {
    expect(unpackValue(packValue({ q: 'hi', k: 'k1', v: 'django', c: 0.5, i: 'recommend' }))).toEqual({ q: 'hi', k: 'k1', v: 'django', c: 0.5, i: 'recommend' });
    for (const q of ['"'.repeat(5000), '\u0001'.repeat(3000), 'é'.repeat(4000)]) {
      const v = packValue({ q, k: 'abc' });
      expect(v.length).toBeLessThanOrEqual(2000);
      expect(unpackValue(v)?.k).toBe('abc');
    }
    expect(unpackValue('not json')).toBeNull();
    expect(unpackValue('{"x":1}')).toBeNull();
  });
});

describe('caches', () => {
  it('LRU evicts the least recently used', () => {
    const l = new Lru<number>(2);
    l.set('a', 1);
    l.set('b', 2);
    l.get('a');
    l.set('c', 3);
    expect(l.get('b')).toBeUndefined();
    expect(l.get('a')).toBe(1);
    const c = new AnswerCache(1);
    const k = c.put({ question: 'q', history: [], answer: makeAnswer() });
    expect(c.get(k)?.question).toBe('q');
    c.put({ question: 'q2', history: [], answer: makeAnswer() });
    expect(c.get(k)).toBeUndefined();
  });
  it('TTL set de-duplicates within the TTL only', () => {
    let t = 0;
    const s = new TtlSet(1000, 100, () => t);
    expect(s.firstTime('e1')).toBe(true);
    expect(s.firstTime('e1')).toBe(false);
    t = 1500;
    expect(s.firstTime('e1')).toBe(true);
  });
});

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['compare performance', { kind: 'compare', aspect: 'performance' }],
    ['compare', { kind: 'compare', aspect: '' }],
    ['wizard', { kind: 'wizard' }],
    ['sources', { kind: 'sources' }],
    ['watch on', { kind: 'watch', on: true }],
    ['watch OFF', { kind: 'watch', on: false }],
    ['watch', { kind: 'watch', on: null }],
    ['help me choose for an online shop', { kind: 'ask', question: 'help me choose for an online shop' }],
    ['Django or Flask for a blog?', { kind: 'ask', question: 'Django or Flask for a blog?' }],
  ])('%j', (text, expected) => expect(parseCommand(text)).toEqual(expected));
});

describe('watched-channel detector', () => {
  it.each([
    ['Should we use Django or Flask for the new billing service?', true],
    ['flask vs django for an internal tool', true],
    ['Which Python web framework should we pick for the portal?', true],
    ['Any recommendation between Django and something lighter?', true],
    ['The Django deploy failed again', false],
    ['lunch at noon?', false],
    ['Which database should we choose?', false],
  ])('%s → %s', (text, expected) => expect(looksLikeFrameworkQuestion(text)).toBe(expected));
});

describe('wizard', () => {
  it('composes a plain-English description, negatives included', () => {
    const q = wizardToQuestion({ description: 'an online shop.', teamSize: 'small', experience: 'junior', admin: 'yes', apiOnly: 'no', ml: 'unsure', deadline: 'tight', architecture: 'monolith' });
    expect(q).toContain('We are building an online shop.');
    expect(q).toContain('Small team of 3 junior developers.');
    expect(q).toContain('We need an admin interface.');
    expect(q).toContain('It is not API only');
    expect(q).not.toContain('machine learning');
    expect(q).toContain('tight');
    expect(wizardToQuestion({})).toMatch(/^We are building a new Python web application/);
  });
  it('parses view state and ignores unknown values', () => {
    const v = parseWizardState({
      [BlockId.wizDescription]: { [BlockId.wizDescription]: { value: ' a CMS ' } },
      [BlockId.wizAdmin]: { [BlockId.wizAdmin]: { selected_option: { value: 'no' } } },
      [BlockId.wizTeamSize]: { [BlockId.wizTeamSize]: { selected_option: { value: 'gigantic' } } },
    });
    expect(v).toEqual({ description: 'a CMS', admin: 'no' });
    const ticked = parseWizardState({ [BlockId.wizNeeds]: { [BlockId.wizNeeds]: { selected_options: [{ value: 'ml' }, { value: 'nope' }] } } });
    expect(ticked).toEqual({ ml: 'yes' });
  });
  it.each([
    ['online shop with a back office, team of four juniors', 'small'],
    ['we are a team of 12', 'medium'],
    ['3 developers, tight deadline', 'small'],
    ['just me on weekends', 'solo'],
    ['40 engineers across two sites', 'large'],
    ['an API with 4 endpoints', undefined],
  ])('reads the team size from "%s"', (q, size) => expect(teamSizeFrom(q)).toBe(size));
  it('pre-fills from an answer', () => {
    const p = prefillFromAnswer('shop', makeAnswer({ signals: [{ id: 'admin', label: 'needs an admin', favours: 'django', weight: 1, passages: [] }, { id: 'not:ml', label: 'ML serving', favours: 'flask', weight: 1, passages: [] }] }));
    expect(p).toMatchObject({ description: 'shop', admin: 'yes', ml: 'no' });
    expect(prefillFromAnswer('a shop, team of four juniors')).toMatchObject({ teamSize: 'small', experience: 'junior' });
  });
});

describe('config', () => {
  it('.env.example documents every variable', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    for (const v of ENV_VARS) expect(example).toMatch(new RegExp(`^${v}=`, 'm'));
    expect(() => loadConfig(Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]])))).not.toThrow();
  });

  it('selects the mode and applies defaults', () => {
    expect(loadConfig({}).mode).toBe('console');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc12345', PORT: '0', SLACK_API_URL: 'http://127.0.0.1:9/api', OPENAI_MODEL: '', LLM_USER_LIMIT: '5' });
    expect(c).toMatchObject({ mode: 'http', port: 0, dataDir: './data', logLevel: 'info', slack: { apiUrl: 'http://127.0.0.1:9/api/' }, llm: { userLimit: 5 } });
    expect(c.llm.model).toBeUndefined();
  });
  it('gives clear messages without echoing secret values', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value', PORT: '99999', LOG_LEVEL: 'chatty' });
      expect.unreachable();
    } catch (e) {
      expect(isAdvisorError(e, 'CONFIG_INVALID')).toBe(true);
      const msg = (e as Error).message;
      expect(msg).toContain('SLACK_BOT_TOKEN');
      expect(msg).toContain('PORT: must be at most 65535');
      expect(msg).toContain('LOG_LEVEL');
      expect(msg).not.toContain('secret-value');
    }
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'abc12345' })).toThrow(/SLACK_BOT_TOKEN: required in HTTP mode/);
  });
});

describe('store', () => {
  it('stores feedback and watched channels and summarises', async () => {
    const s = new SqliteStore(':memory:');
    const base = { question: 'q', intent: 'recommend', verdict: 'django', userId: 'U1', channelId: 'C1', at: new Date('2025-01-01T00:00:00Z') };
    await s.recordFeedback({ ...base, confidence: 0.9, helpful: true });
    await s.recordFeedback({ ...base, question: 'gap', confidence: 0.2, helpful: false });
    await s.recordFeedback({ ...base, question: 'unsure', confidence: 0.3, helpful: true });
    const sum = await s.feedbackSummary();
    expect(sum.total).toBe(3);
    expect(sum.helpfulRate).toBeCloseTo(2 / 3);
    expect(sum.unhelpful.map((r) => r.question)).toEqual(['gap']);
    expect(sum.lowConfidence.map((r) => r.question).sort()).toEqual(['gap', 'unsure']);
    expect(await s.isWatched('C1')).toBe(false);
    await s.setWatched('C1', true, 'U1', new Date());
    expect(await s.isWatched('C1')).toBe(true);
    await s.setWatched('C1', false, 'U1', new Date());
    expect(await s.isWatched('C1')).toBe(false);
    s.close();
  });
  it('reports a failed write as a STORAGE error; withRetry retries once', async () => {
    const s = new SqliteStore(':memory:');
    s.close();
    await expect(s.recordFeedback({ question: 'q', intent: null, verdict: null, confidence: 0, helpful: true, userId: 'U', channelId: null, at: new Date() })).rejects.toMatchObject({ code: 'STORAGE' });
    let n = 0;
    await expect(withRetry(async () => (++n === 1 ? Promise.reject(new Error('x')) : 'ok'))).resolves.toBe('ok');
    n = 0;
    await expect(withRetry(async () => Promise.reject(new Error(`fail ${++n}`)))).rejects.toThrow('fail 2');
  });
});

describe('logger', () => {
  it('redacts tokens and honours the level', () => {
    const lines: string[] = [];
    const l = createLogger('info', (x) => lines.push(x));
    l.debug('hidden');
    l.info('token xoxb-123-456-abc and xapp-1-A-b', { authorization: 'Bearer xoxb-9' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/xoxb-123|xapp-1-A|xoxb-9/);
    expect(redactSecrets('xoxb-1-2')).toBe('xox?-[redacted]');
  });
});

describe('console', () => {
  it('answers questions and commands as text; plain lines add up like a thread', async () => {
    const advisor = new FakeAdvisor();
    const s = createConsoleSession(advisor);
    expect(await s.handle('/framework help')).toContain('FRAMEWORK ADVISOR');
    expect(await s.handle('an online shop')).toContain('DJANGO');
    await s.handle('our team is mostly juniors');
    expect(advisor.calls.at(-1)).toEqual({ question: 'our team is mostly juniors', opts: { history: ['an online shop'] } });
    expect(await s.handle('/framework sources')).toContain('Citrusbug');
    await s.handle('/framework compare speed');
    expect(advisor.calls.at(-1)?.question).toBe('compare speed');
    expect(await s.handle('/framework wizard')).toContain('needs Slack');
    expect(await s.handle('/other')).toContain('Unknown command');
    advisor.fail = true;
    const err = await s.handle('boom');
    expect(err).toMatch(/ERR-[0-9A-Z]{7}/);
    expect(err).not.toContain('secret/path');
  });
  it('runs over streams until exit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const done = runConsole(new FakeAdvisor(), { input, output });
    input.end('Django or Flask?\nexit\n');
    await done;
    expect(out).toContain('local console');
    expect(out).toContain('DJANGO');
  });
});

describe('feedback report', () => {
  it('prints the helpful rate and the 👎 / low-confidence questions', async () => {
    const { formatFeedbackReport } = await import('../../src/feedback-report.ts');
    const s = new SqliteStore(':memory:');
    const base = { intent: 'recommend', userId: 'U1', channelId: 'C1', at: new Date('2025-02-03T00:00:00Z') };
    await s.recordFeedback({ ...base, question: 'online shop', verdict: 'django', confidence: 0.9, helpful: true });
    await s.recordFeedback({ ...base, question: 'realtime chat?', verdict: 'either', confidence: 0.1, helpful: false });
    const text = formatFeedbackReport(await s.feedbackSummary());
    expect(text).toContain('helpful rate: 50%');
    expect(text).toMatch(/Not helpful[\s\S]*realtime chat\?/);
    expect(text).toMatch(/Low confidence[\s\S]*2025-02-03 {2}👎 {2}either\s+10% {2}realtime chat\?/);
    expect(formatFeedbackReport(await new SqliteStore(':memory:').feedbackSummary())).toContain('No feedback yet');
  });
});
