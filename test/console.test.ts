import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleSession, runConsole } from '../src/console.ts';
import { FakeAdvisor } from './slack/fixtures.ts';

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
