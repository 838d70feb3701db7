/**
 * Properties of the project model (src/core/signals.ts) on the real rules and lexicon:
 * - a comma ends a negation's clause exactly as a full stop does (bug 6a, generalised);
 * - in a thread, what the latest message says about a property is what the state holds;
 * - every piece of evidence is words of the conversation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/index.ts';
import { compileRules, flatten, readConversation, readMessage } from '../../src/core/signals.ts';
import { normalise } from '../../src/core/text.ts';

const kb = await loadKnowledge({ knowledgeDir: 'knowledge' });
const rules = compileRules(kb.rules, kb.lexicon);

const NEEDS = [
  'an admin panel', 'user accounts', 'a json api', 'a back office', 'roles and permissions', 'an online shop',
  'a data dashboard', 'a machine learning model endpoint', 'translations into several languages', 'a cms for editors',
  'a team of juniors', 'senior engineers', 'a small simple app', 'a large complex platform', 'websockets',
];
const CUES = ['', 'no ', 'we do not need ', 'without ', 'we need ', 'also ', 'never '];
const clause = fc.tuple(fc.constantFrom(...CUES), fc.constantFrom(...NEEDS)).map(([c, n]) => `${c}${n}`);
const reading = (text: string) => readMessage(normalise(text), rules).map((m) => `${m.rule}:${m.state}`).sort();

describe('the project model under generated text', () => {
  it('a comma between two clauses reads like a full stop (1,000 pairs)', () => {
    fc.assert(
      fc.property(clause, clause, (a, b) => {
        expect(reading(`${a}, ${b}`)).toEqual(reading(`${a}. ${b}`));
      }),
      { numRuns: 1000 },
    );
  });

  it('the latest message that speaks about a property decides it (500 threads)', () => {
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 5 }), clause, (history, last) => {
        const own = readMessage(normalise(last), rules).filter((m) => m.state !== 'retracted');
        const state = readConversation([...history, last].map(normalise), rules);
        for (const m of own) expect(state.get(m.property)?.get(m.rule)?.state).toBe(m.state);
      }),
      { numRuns: 500 },
    );
  });

  it('evidence is always words of the conversation (500 threads)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(clause, fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 4 }), (messages) => {
        const texts = messages.map(normalise);
        for (const m of flatten(readConversation(texts, rules)).values()) {
          expect(texts.some((t) => t.includes(m.evidence))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
