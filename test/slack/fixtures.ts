/** Hand-made Answers and a fake advisor for the Slack tests. */
import type { Answer, AskOptions, Intent, KbStats } from '../../src/core/types.ts';
import type { AdvisorLike } from '../../src/slack/deps.ts';
import { SLACK_LIMITS } from '../../src/slack/ui/slack-limits.ts';

const src = (id: string) => ({ id, title: `Article ${id}`, publisher: `Publisher ${id}` });

export function makeAnswer(over: Partial<Answer> = {}): Answer {
  return {
    intent: 'recommend',
    verdict: 'django',
    confidence: 0.72,
    scores: { django: 6, flask: 2 },
    signals: [
      { id: 'admin', label: 'needs an admin interface', favours: 'django', weight: 3, passages: ['p1'] },
      { id: 'api-only', label: 'a small JSON API', favours: 'flask', weight: 2, passages: ['p2'] },
    ],
    passages: [
      { id: 'p1', text: "Django's admin saves weeks.", topics: ['admin'], stance: 'django', sources: [src('a'), src('b'), src('c')] },
      { id: 'p2', text: 'Flask is minimal & flexible.', topics: ['api'], stance: 'flask', sources: [src('b')] },
    ],
    summary: 'Django looks like the better fit.',
    summarySource: 'rules',
    followUps: ['How big is your team?', 'Do you need user accounts?'],
    disagreements: [
      { id: 'd1', question: 'Which is faster?', positions: [{ claim: 'Flask is faster', sources: [src('a')] }, { claim: 'No real difference', sources: [src('b')] }], resolution: 'It depends on the workload.' },
    ],
    ...over,
  };
}

export const ANSWERS_BY_INTENT: Record<Intent, Answer> = {
  recommend: makeAnswer(),
  compare: makeAnswer({ intent: 'compare', verdict: 'flask', aspect: { id: 'performance', label: 'Performance' } }),
  fact: makeAnswer({ intent: 'fact', verdict: null, confidence: 0, scores: { django: 0, flask: 0 }, signals: [] }),
  help: makeAnswer({ intent: 'help', verdict: null, confidence: 0, scores: { django: 0, flask: 0 }, signals: [], passages: [], disagreements: [], summary: 'Ask me about Django and Flask.' }),
  out_of_scope: makeAnswer({ intent: 'out_of_scope', verdict: null, confidence: 0, scores: { django: 0, flask: 0 }, signals: [], passages: [], disagreements: [], summary: 'Outside what I know.' }),
};

export const STATS: KbStats = { passages: 179, sources: 5, topics: 43, unsourced: 0, conflicts: 10, rules: 59, synonymGroups: 12 };

export class FakeAdvisor implements AdvisorLike {
  calls: { question: string; opts?: AskOptions }[] = [];
  answer: Answer;
  fail = false;
  constructor(answer: Answer = makeAnswer()) {
    this.answer = answer;
  }
  ask(question: string, opts?: AskOptions): Answer {
    this.calls.push({ question, ...(opts ? { opts } : {}) });
    if (this.fail) throw new Error('boom at /secret/path.ts:12');
    return this.answer;
  }
  stats(): KbStats {
    return STATS;
  }
  sources() {
    return [
      { id: 'a', title: 'Django vs Flask', publisher: 'Citrusbug', seed: 'https://example.com/a', passages: 65 },
      { id: 'b', title: 'The <!channel> Decision', publisher: 'Innostax', seed: 'b.txt', passages: 12 },
    ];
  }
}

/** Walk any Block Kit payload and report every limit it breaks. */
export function limitViolations(blocks: readonly unknown[], maxBlocks: number = SLACK_LIMITS.blocks): string[] {
  const v: string[] = [];
  if (blocks.length > maxBlocks) v.push(`${blocks.length} blocks > ${maxBlocks}`);
  const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
  for (const [i, b] of (blocks as Record<string, any>[]).entries()) { // eslint-disable-line @typescript-eslint/no-explicit-any
    const where = `block ${i} (${b.type})`;
    if (b.type === 'header' && len(b.text?.text) > SLACK_LIMITS.header) v.push(`${where}: header ${len(b.text.text)}`);
    if (b.type === 'section') {
      if (len(b.text?.text) > SLACK_LIMITS.sectionText) v.push(`${where}: section ${len(b.text.text)}`);
      if (len(b.text?.text) === 0 && !(b.fields ?? []).length) v.push(`${where}: empty section`);
      for (const f of b.fields ?? []) if (len(f.text) > SLACK_LIMITS.sectionField) v.push(`${where}: field`);
    }
    if (b.type === 'context') {
      if ((b.elements ?? []).length > SLACK_LIMITS.contextElements) v.push(`${where}: >10 elements`);
      for (const e of b.elements ?? []) if (len(e.text) > SLACK_LIMITS.contextText) v.push(`${where}: context element ${len(e.text)}`);
    }
    if (b.type === 'actions') {
      if ((b.elements ?? []).length > SLACK_LIMITS.actionsElements) v.push(`${where}: >25 elements`);
      const ids = new Set<string>();
      for (const e of b.elements ?? []) {
        if (len(e.text?.text) > SLACK_LIMITS.buttonText) v.push(`${where}: button label ${len(e.text.text)}`);
        if (len(e.value) > SLACK_LIMITS.buttonValue) v.push(`${where}: button value ${len(e.value)}`);
        if (ids.has(e.action_id)) v.push(`${where}: duplicate action_id ${e.action_id}`);
        ids.add(e.action_id);
      }
    }
    if (b.type === 'context_actions') {
      const els = b.elements ?? [];
      if (!els.length || els.length > 5) v.push(`${where}: ${els.length} elements`);
      for (const e of els) for (const side of [e.positive_button, e.negative_button]) if (side && (len(side.text?.text) > SLACK_LIMITS.buttonText || len(side.value) > SLACK_LIMITS.buttonValue)) v.push(`${where}: feedback button`);
    }
    if (b.block_id !== undefined && len(b.block_id) > SLACK_LIMITS.blockId) v.push(`${where}: block_id`);
  }
  return v;
}
