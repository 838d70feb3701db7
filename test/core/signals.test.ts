import { describe, expect, it } from 'vitest';
import { createAdvisor, decide, loadKnowledge } from '../../src/core/index.ts';
import { isNegated } from '../../src/core/signals.ts';
import { FIXTURE_KB } from './helpers.ts';

const advisor = createAdvisor(await loadKnowledge({ knowledgeDir: FIXTURE_KB }));
const ids = (q: string, history?: string[]) => advisor.ask(q, { history }).signals.map((s) => s.id);

describe('signals and scoring', () => {
  it('fires a requirement signal and recommends from it', () => {
    const a = advisor.ask('We are building a shop and need an admin panel for staff');
    expect(a.intent).toBe('recommend');
    expect(a.signals.map((s) => s.id)).toEqual(['needs-admin']);
    expect(a.signals[0]).toMatchObject({ label: 'needs an admin interface', favours: 'django', weight: 3, passages: ['d-admin'] });
    expect(a.verdict).toBe('django');
    expect(a.scores).toEqual({ django: 3, flask: 0 });
  });

  it('understands negation: "we do not need an admin panel"', () => {
    expect(ids('We do not need an admin panel, just a webhook service')).toEqual(['one-microservice', 'not:needs-admin']);
    expect(ids("Our project won't need any back office")).toEqual(['not:needs-admin']);
    expect(ids('an admin panel is not needed for our project')).toEqual(['not:needs-admin']);
  });

  it('does not let a negation reach past a clause boundary', () => {
    expect(ids("We don't have much time, but we need an admin panel")).toEqual(['needs-admin']);
    expect(isNegated('no rush. admin panel please', 10, 21)).toBe(false);
  });

  it('resolves conflicting signals: a junior team on a complex product leans Django', () => {
    const learning = advisor.ask('I am a beginner learning web development, which should I use?');
    expect(learning.verdict).toBe('flask');
    const juniors = advisor.ask('Our team is mostly juniors and we are building a large complex platform');
    expect(juniors.signals.map((s) => s.id)).toContain('junior-team-complex-product');
    expect(juniors.signals.map((s) => s.id)).not.toContain('junior-team');
    expect(juniors.verdict).toBe('django');
  });

  it('adds signals up across a thread, and a later message overrides an earlier one', () => {
    const a = advisor.ask('our team is mostly juniors', { history: ['we are building a big platform for clients'] });
    expect(a.signals.map((s) => s.id)).toContain('junior-team-complex-product');
    const b = advisor.ask('actually we do not need an admin panel after all', { history: ['we need an admin panel'] });
    expect(b.signals.map((s) => s.id)).toEqual(['not:needs-admin']);
  });

  it('calls it "either" when the scores are close, and asks clarifying questions', () => {
    const a = advisor.ask('We need a back office and also a webhook microservice');
    expect(a.scores).toEqual({ django: 3, flask: 3 });
    expect(a.verdict).toBe('either');
    expect(a.followUps).toContain('How experienced is the team?');
    expect(a.followUps).not.toContain('Do you need an admin interface?');
  });

  it('derives confidence from the margin and the evidence', () => {
    expect(decide({ django: 0, flask: 0 })).toEqual({ verdict: 'either', confidence: 0 });
    expect(decide({ django: 3, flask: 3 }).verdict).toBe('either');
    // A single point is not a real margin: a firm verdict needs two points and 25% confidence.
    expect(decide({ django: 1.5, flask: 0 }).verdict).toBe('either');
    const weak = decide({ django: 2.5, flask: 0 });
    const strong = decide({ django: 8, flask: 0 });
    expect(weak.verdict).toBe('django');
    expect(strong.confidence).toBeGreaterThan(weak.confidence);
    expect(strong.confidence).toBeLessThanOrEqual(1);
    expect(decide({ django: 5, flask: 4 }).verdict).toBe('either');
    // "It depends" evidence (balance) counts against certainty on both sides.
    expect(decide({ django: 4, flask: 0 }).verdict).toBe('django');
    expect(decide({ django: 4, flask: 0 }, 6).verdict).toBe('either');
  });

  it('asks clarifying questions when a choice is asked with nothing to go on', () => {
    const a = advisor.ask('Should we use Django or Flask for our new project?');
    expect(a.intent).toBe('recommend');
    expect(a.verdict).toBe('either');
    expect(a.confidence).toBe(0);
    expect(a.followUps).toEqual(['Do you need an admin interface?', 'How experienced is the team?']);
  });
});
