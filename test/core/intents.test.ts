import { describe, expect, it } from 'vitest';
import { createAdvisor, loadKnowledge } from '../../src/core/index.ts';
import { FIXTURE_KB } from './helpers.ts';

const advisor = createAdvisor(await loadKnowledge({ knowledgeDir: FIXTURE_KB }));
const intent = (q: string) => advisor.ask(q).intent;

describe('intents', () => {
  it.each([
    ['', 'help'],
    ['help', 'help'],
    ['what can you do?', 'help'],
    ['We are building a webhook microservice', 'recommend'],
    ['Django or Flask for our startup?', 'recommend'],
    ['Which is easier to learn, Django or Flask?', 'compare'],
    ['When did Flask first appear?', 'fact'],
    ['Who created Flask?', 'fact'],
    ['Should we use Rails or Laravel?', 'out_of_scope'],
    ["What's the weather like today?", 'out_of_scope'],
    ['tell me a joke', 'out_of_scope'],
  ])('%j is %s', (q, expected) => {
    expect(intent(q)).toBe(expected);
  });

  it('declines out-of-scope questions politely, saying what it can do', () => {
    const a = advisor.ask('Is Spring Boot better than Express?');
    expect(a).toMatchObject({ intent: 'out_of_scope', verdict: null, confidence: 0, passages: [] });
    expect(a.summary).toMatch(/Django versus Flask/);
    expect(a.followUps.length).toBeGreaterThan(0);
  });

  it('answers a compare question with the aspect and its leaning', () => {
    const a = advisor.ask('Which is easier to learn?');
    expect(a.aspect).toEqual({ id: 'learning-curve', label: 'Learning curve' });
    expect(a.verdict).toBe('flask');
    expect(a.passages[0]?.id).toBe('f-learn');
  });

  it('gives facts no verdict, and says where sources disagree', () => {
    const a = advisor.ask('When did Flask first appear?');
    expect(a.verdict).toBeNull();
    expect(a.passages[0]?.id).toBe('f-year');
    expect(a.disagreements[0]).toMatchObject({ id: 'flask-year', resolution: 'Flask 0.1 came out in April 2010.' });
    expect(a.summary).toMatch(/Sources disagree/);
  });

  it('strips Slack markup before reading the question', () => {
    const a = advisor.ask('<@U123ABC> <!channel> we need an admin panel');
    expect(a.signals.map((s) => s.id)).toEqual(['needs-admin']);
  });
});
