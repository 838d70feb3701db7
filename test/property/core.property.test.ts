/**
 * Property tests over the advisor core on the real knowledge base, and over the answer and
 * decision-record messages built from its answers. Inputs: hostile text (unicode, control
 * characters, ~20 kB, Slack mention/link syntax, markdown, HTML, JSON, emoji, empty).
 *
 * Generated inputs checked in this file (numRuns): 2,500 questions + 700 conversations = 3,200.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdvisor, type Advisor, type Answer } from '../../src/core/index.ts';
import { buildAnswerBlocks, buildDecisionRecord } from '../../src/slack/ui/blocks/index.ts';
import { parseCommand } from '../../src/slack/listeners/command-text.ts';
import { stripSlackMarkup } from '../../src/slack/ui/mrkdwn.ts';
import { counter, hostileText, messageViolations } from './helpers.ts';

export const RUNS = { questions: 2500, conversations: 700 } as const;

let advisor: Advisor;
beforeAll(async () => {
  advisor = await loadAdvisor({ knowledgeDir: 'knowledge' });
});

const INTENTS = new Set(['recommend', 'compare', 'fact', 'help', 'out_of_scope']);
const VERDICTS = new Set(['django', 'flask', 'either', null]);

/** Problems with an Answer: it must always be well-formed and say something. */
function answerProblems(a: Answer): string[] {
  const p: string[] = [];
  if (!INTENTS.has(a.intent)) p.push(`intent ${a.intent}`);
  if (!VERDICTS.has(a.verdict)) p.push(`verdict ${String(a.verdict)}`);
  if (!Number.isFinite(a.confidence) || a.confidence < 0 || a.confidence > 1) p.push(`confidence ${a.confidence}`);
  if (!Number.isFinite(a.scores.django) || !Number.isFinite(a.scores.flask) || a.scores.django < 0 || a.scores.flask < 0) p.push('scores');
  if (typeof a.summary !== 'string' || a.summary.trim().length === 0) p.push('empty summary');
  if (a.summarySource !== 'rules') p.push('summarySource');
  for (const f of a.followUps) if (!f.trim()) p.push('empty follow-up');
  return p;
}

/** The whole Slack path for a question: parse, ask, build the private answer and the shared record. */
function slackPath(text: string, history: string[] = []): string[] {
  const problems: string[] = [];
  const cmd = parseCommand(text);
  const question = cmd.kind === 'ask' ? cmd.question : cmd.kind === 'compare' ? `compare ${cmd.aspect}` : stripSlackMarkup(text);
  const a = advisor.ask(question.slice(0, 4000), history.length ? { history } : undefined);
  problems.push(...answerProblems(a));
  const m = buildAnswerBlocks(a, { question, key: '0123456789abcdef', shareable: true });
  problems.push(...messageViolations(m));
  // The answer opens with what it says (a header, or for facts and refusals the text itself), never with chrome.
  if (m.blocks[0]?.type !== 'header' && m.blocks[0]?.type !== 'section') problems.push('answer does not start with its headline');
  const record = buildDecisionRecord(a, { question, sharedBy: 'U0AUSER' });
  problems.push(...messageViolations(record, ['<@U0AUSER>']));
  return problems;
}

describe('advisor core and answer messages under hostile input', () => {
  it(`ask() + Block Kit: ${RUNS.questions} generated questions`, () => {
    const c = counter();
    fc.assert(
      fc.property(hostileText, (q) => {
        c.hit();
        expect(slackPath(q)).toEqual([]);
      }),
      { numRuns: RUNS.questions, seed: 6006 },
    );
    expect(c.n).toBe(RUNS.questions);
  });

  it(`ask() with thread history: ${RUNS.conversations} generated conversations`, () => {
    const c = counter();
    fc.assert(
      fc.property(hostileText, fc.array(hostileText, { maxLength: 6 }), (q, history) => {
        c.hit();
        expect(slackPath(q, history.map((h) => h.slice(0, 4000)))).toEqual([]);
      }),
      { numRuns: RUNS.conversations, seed: 6007 },
    );
    expect(c.n).toBe(RUNS.conversations);
  });

  it('the empty question and pure markup get the help answer, never an exception', () => {
    for (const q of ['', ' ', '<!channel>', '<@U123>', '\u0000', '😀']) {
      const a = advisor.ask(q);
      expect(answerProblems(a)).toEqual([]);
    }
  });
});
