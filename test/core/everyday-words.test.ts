/**
 * Reading everyday phrasing into the project model: absence said with "nobody", a fresh start
 * "from scratch" (not a retraction), an open question ("whether ... or ..."), a company already on
 * one framework, single-purpose services. Sentences written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { REAL_KB } from './helpers.ts';

const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });
const signals = (q: string, history: string[] = []) => advisor.ask(q, { history }).signals.map((s) => s.id);

describe('everyday phrasing', () => {
  it('"nobody will log in" is no accounts; "nobody here is a security person" is a security need', () => {
    expect(signals('a quick demo page for the office party, nobody will ever log in')).not.toContain('user-accounts');
    expect(signals('one endpoint scoring loan applications, and nobody on our team is a security expert')).toContain('security-critical');
  });

  it('a rebuild from scratch keeps its needs; scratching a need drops it', () => {
    expect(signals('we are rebuilding the members portal from scratch with lots of user roles')).toContain('roles-permissions');
    const history = ['a members portal with user roles and an admin for staff'];
    expect(signals('scratch the user roles, everyone sees the same thing. which one?', history)).not.toContain('roles-permissions');
  });

  it('leaves an open choice open: "whether it is one big app or small services"', () => {
    expect(signals('a ticketing backend, not sure whether it will be one big service or a set of small ones')).not.toContain('monolith');
    expect(signals('a ticketing backend that will be one big service')).toContain('monolith');
  });

  it('weighs a company already on one framework', () => {
    expect(signals('every service here is already flask and the tooling assumes it; now a booking site with customer accounts')).toContain(
      'existing-flask-stack',
    );
  });

  it('reads single-purpose services in their own words', () => {
    expect(signals('the piece I own just generates invoices as PDFs from a template')).toContain('single-microservice');
    expect(signals('a backend for a slack slash command that looks up the on-call engineer')).toContain('single-microservice');
  });

  it('a bare "pick?" in a thread is a pick, and "hmm, no. it is just the API" restates the project', () => {
    const history = ['a small api for our parking sensors', 'oh and also an admin for staff, user roles and about 20 related tables'];
    const a = advisor.ask('pick?', { history: [...history, 'hmm, no. drop that, another team has it covered. it is just the api.'] });
    expect(a.intent).toBe('recommend');
    expect(a.signals.map((s) => s.id)).not.toContain('complex-data-model');
  });

  it('the "which one" after "or do I add an extension" asks for the extension', () => {
    const a = advisor.ask('sessions in flask: built in? or do i need to add an extension, which one');
    expect(a.intent).toBe('fact');
  });

  it('a retraction reaches along its list, and an open question reaches across a long clause', () => {
    const history = ['a portal for our customers with customer accounts, quotes and a back office for sales'];
    const a = advisor.ask('change of plans: drop the portal, the accounts and the back office. all we need is one endpoint for a partner app', { history });
    expect(a.signals.map((s) => s.id)).not.toContain('user-accounts');
    expect(a.signals.map((s) => s.id)).not.toContain('needs-admin');
    expect(signals('the board has not agreed whether the new booking platform for our clinics will be one big app or a set of small services')).not.toContain(
      'single-microservice',
    );
  });

  it('a mid-size company is not a medium-sized app; a generic "harder" does not name the aspect', () => {
    expect(signals('mid-size retailer here: a stock system with many related tables and an audit trail')).not.toContain('medium-scope');
    const a = advisor.ask('A form of ours accepted a forged cross-site post last year. Which of the two makes that harder to repeat?');
    expect(a.aspect?.id).toBe('security');
    expect(a.verdict).toBe('django');
  });

  it('reads a message that turns from the company to the new piece for that piece', () => {
    const q = 'Our main product is a big Django monolith with a large team of juniors. The new service only converts uploaded images to thumbnails.';
    const ids = signals(q);
    expect(ids).not.toContain('complex-product');
    expect(ids).not.toContain('monolith');
    expect(ids).toContain('junior-team');
    expect(signals('Our main product is a big Django monolith.')).toContain('monolith');
  });

  it('"scrap all of that" restates the project; editing the menu without a redeploy needs an admin', () => {
    const history = ['a members portal with logins, a back office for the librarian and attendance reports'];
    expect(signals('scrap all of that. we just need a tiny json feed of upcoming events', history)).not.toContain('needs-admin');
    expect(signals('a café app where we edit the menu without redeploying')).toContain('needs-admin');
  });
});
