/**
 * Threads that correct themselves: a restatement of the product replaces the earlier product needs
 * (the team stays), "all we build now is", "it is now only", "X are all dropped", and a word that names
 * a team is not a feature. Sentences written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { REAL_KB } from './helpers.ts';

const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });
const ids = (q: string, history: string[] = []) => advisor.ask(q, { history }).signals.map((s) => s.id);

describe('threads as a state', () => {
  it('a correction that restates the product replaces the earlier product, keeps the team', () => {
    const history = ['a tiny webhook service that forwards parcel scans to our warehouse', 'we are four juniors'];
    const s = ids('update: it is turning into the full client portal, with customer accounts, permissions and an admin for our support staff', history);
    expect(s).not.toContain('single-microservice');
    expect(s).toContain('needs-admin');
    expect(s.some((x) => x.includes('junior'))).toBe(true);
  });

  it('a one-word correction does not wipe the project', () => {
    const s = ids('actually the team is all seniors', ['an online shop for spices with customer accounts and an admin']);
    expect(s).toContain('ecommerce');
    expect(s).toContain('experienced-team');
  });

  it('"all we build now is" and "it is now only" start the product again', () => {
    const history = ['a gym portal with member accounts, class bookings, payments and a back office'];
    expect(ids('all we build now is one small endpoint that returns opening hours', history)).not.toContain('needs-admin');
    expect(ids('plans shrank: it is now only a single page with the timetable', history)).not.toContain('user-accounts');
  });

  it('"accounts are all dropped" takes accounts back', () => {
    expect(ids('the accounts are all dropped', ['a quiz site with user accounts and charts of scores'])).not.toContain('user-accounts');
  });

  it('a word that names a team is not a need', () => {
    expect(ids('a model-scoring endpoint used by the checkout team')).not.toContain('ecommerce');
    expect(ids('a shop with a checkout and product pages')).toContain('ecommerce');
  });
});
