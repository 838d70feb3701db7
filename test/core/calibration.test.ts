/**
 * Close calls calibrated against the articles: an "it depends" property (a medium-sized app, a team
 * fluent in both, an open future for a small product) asks for a decisive margin before a firm verdict.
 * Sentences written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { decide } from '../../src/core/signals.ts';
import { REAL_KB } from './helpers.ts';

const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });

describe('calibrated close calls', () => {
  it('an "it depends" balance raises the confidence a firm verdict needs', () => {
    expect(decide({ django: 5, flask: 0 }).verdict).toBe('django');
    expect(decide({ django: 5, flask: 0 }, 2, 2).verdict).toBe('either');
    expect(decide({ django: 14, flask: 0 }, 2, 2).verdict).toBe('django');
  });

  it('a mid-sized app with a team fluent in both is "either" unless one side is decisive', () => {
    const a = advisor.ask('a mid-sized tool for a bakery chain: staff logins and a page of stock levels. our two devs have used both frameworks');
    expect(a.verdict).toBe('either');
  });

  it('a small prototype whose future is open is a close call; a big product stays firm', () => {
    expect(advisor.ask('a tiny prototype for swapping board games between neighbours, with logins. if it catches on we might grow it').verdict).toBe('either');
    expect(
      advisor.ask('a large marketplace for used cameras with seller accounts, payments, refunds and an admin for support staff. it might grow a lot').verdict,
    ).toBe('django');
  });
});

describe('everyday words for needs', () => {
  const ids = (q: string) => advisor.ask(q).signals.map((s) => s.id);
  it('reads quantities, in-house tools and short timelines', () => {
    expect(ids('an in-house system for a dental lab with loads of linked tables, needed within a few weeks')).toEqual(
      expect.arrayContaining(['complex-data-model', 'enterprise-internal', 'tight-deadline']),
    );
  });
  it('an attack described in plain words is a security question', () => {
    const a = advisor.ask('which of the two stops a forged request sent on a signed-in customer\'s behalf?');
    expect([a.intent, a.aspect?.id]).toEqual(['compare', 'security']);
  });
});
