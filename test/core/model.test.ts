/**
 * The model of the project on the real knowledge base: properties with evidence, the lexicon,
 * threads as a state, facts answered as facts, close calls, and never declining a described
 * project. Phrasings here are written for these tests, not taken from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { otherFrameworkAgain } from '../../src/core/advisor.ts';
import { compileRules, readConversation, readMessage, withoutFrameworkTalk } from '../../src/core/signals.ts';
import { normalise } from '../../src/core/text.ts';
import { REAL_KB } from './helpers.ts';

const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });
const rules = compileRules(advisor.kb.rules, advisor.kb.lexicon);
const ids = (q: string, history?: string[]) => advisor.ask(q, history ? { history } : {}).signals.map((s) => s.id);
const read = (q: string) => Object.fromEntries(readMessage(normalise(q), rules).map((m) => [m.rule, m.state]));

describe('properties, evidence and negation', () => {
  it('every signal names its property and the words that gave it', () => {
    const a = advisor.ask('a marketplace for vintage bikes with seller accounts and an admin for our support staff');
    expect(a.verdict).toBe('django');
    for (const s of a.signals.filter((x) => !x.id.includes('-with-') && !x.id.startsWith('api-'))) {
      expect(s.evidence?.length, s.id).toBeGreaterThan(0);
    }
    expect(a.properties?.find((p) => p.value === 'needs-admin')?.evidence).toMatch(/admin/);
  });

  it('a negation stays in its clause: a comma, "but" or a full stop ends it', () => {
    expect(read('no user accounts, we need an admin panel')).toMatchObject({ 'user-accounts': 'negated', 'needs-admin': 'positive' });
    expect(read('we need no admin panel but user accounts are a must')).toMatchObject({ 'needs-admin': 'negated', 'user-accounts': 'positive' });
  });

  it('a need now handled by another service is taken back ("registration is on Eventbrite now")', () => {
    const state = readConversation(['attendees register and log in to a portal', 'registration is on eventbrite now, just a schedule page'].map(normalise), rules);
    expect(state.get('user-accounts')?.size ?? 0).toBe(0);
    expect(read('members register on the site')['user-accounts']).toBe('positive');
  });

  it("a teammate's sentence about the frameworks is not a need of the project", () => {
    expect(withoutFrameworkTalk('Django would give you auth and an admin panel out of the box.')).toBe('');
    expect(withoutFrameworkTalk('We need an admin. Flask works well for narrow APIs.')).toBe('We need an admin.');
    expect(withoutFrameworkTalk('Does Django have an admin?')).toBe('Does Django have an admin?');
    const a = advisor.ask('it only returns the current ratings as json, nothing else', { history: ['a ratings service for the club', 'Django would give you accounts and an admin panel out of the box.'] });
    expect(a.signals.map((x) => x.id)).not.toContain('needs-admin');
  });

  it('a shop on a hosted platform is no shop to build; an unknown scope and a team split between the two leave it open', () => {
    expect(read('our storefront is shopify, we need a small service that pushes stock counts into it')['ecommerce']).not.toBe('positive');
    expect(read('a shop with a cart and checkout')['ecommerce']).toBe('positive');
    expect(read("i don't know the scope yet")['scope-unknown']).toBe('positive');
    expect(advisor.ask("For the new claims thing at our insurer; we don't know the scope yet. Which one?").verdict).toBe('either');
    expect(read('two devs: one prefers django, the other prefers flask')['team-knows-both']).toBe('positive');
  });

  it('a negation reaches along its list, and an explicit "no admin" beats an internal tool\'s implied back office', () => {
    const r = read("an internal tool that posts build results to chat. we don't need a database, logins, or an admin, just one route.");
    expect([r['user-accounts'], r['needs-admin']]).toEqual(['negated', 'negated']);
    // ...but not past a comma that opens something new (bug 6a).
    expect(read('we do not need an admin panel, small json api')['rest-api-only']).toBe('positive');
    expect(read("we don't need an admin, but we need logins and roles")['roles-permissions']).toBe('positive');
    expect(read('an internal tool for the warehouse crew')['needs-admin']).toBe('positive');
  });

  it('a kind of user that describes the asker ("I\'m a tutor") is no user of the product', () => {
    expect(read("i'm a tutor looking for a first framework to teach")['user-accounts']).toBeUndefined();
    expect(read('tutors and students log their sessions')['user-accounts']).toBe('positive');
  });

  it('a seed bank is no bank; a short-lived site and a team without a lead are needs of their own', () => {
    expect(read('a catalogue for the seed bank volunteers')['regulated-compliance']).toBeUndefined();
    expect(read('an app for a regional bank')['regulated-compliance']).toBe('positive');
    expect(read('the site gets binned after the festival')['short-lived']).toBe('positive');
    expect(read('two juniors and no tech lead')['no-technical-lead']).toBe('positive');
  });

  it('"and" opening a clause of its own ends a negation', () => {
    expect(read('sounds simple, except 300 staff will use it and there are five permission tiers')['roles-permissions']).toBe('positive');
    expect(read("we don't need roles and permissions")['roles-permissions']).toBe('negated');
  });

  it('"we don\'t want to hand-roll login" is a need for login, not its absence', () => {
    expect(read("we don't want to hand-roll login and password reset")['user-accounts']).toBe('positive');
  });

  it('a need that may come someday counts for less, like a hedge', () => {
    const w = (q: string) => advisor.ask(q).signals.find((x) => x.id === 'needs-admin')?.weight ?? 0;
    expect(w('an api for the gym; they hinted they might want a staff admin screen someday')).toBeLessThan(w('an api for the gym with a staff admin screen'));
  });

  it('a hedged need counts for less than a plain one', () => {
    const plain = advisor.ask('we need an admin panel and user accounts').scores.django;
    const hedged = advisor.ask('we need a simple admin panel and some user accounts').scores.django;
    expect(hedged).toBeLessThan(plain);
  });
});

describe('the lexicon: everyday words imply needs', () => {
  it.each([
    ['a site where dog owners make reservations for grooming slots', 'user-accounts'],
    ['the reception desk has to see and change the day\'s schedule', 'needs-admin'],
    ['we take payments and issue refunds', 'transactional-data'],
    ['a wiki for our allotment society', 'cms-content'],
    ['weather stations send telemetry every minute', 'rest-api-only'],
  ])('%s -> %s', (q, rule) => {
    expect(read(q)[rule]).toBe('positive');
  });

  it('never declines a described project in a domain no rule names', () => {
    // A topic that is small talk on its own (cooking) does not make a site about it small talk.
    for (const q of ['a recipe-sharing community for a cooking club', 'a recipe sharing site for our cooking club']) expect(advisor.ask(q).intent, q).toBe('recommend');
    for (const q of ['a site for our choir to share sheet music', 'building something for the local bakery', 'need a tool for the warehouse folks']) {
      const a = advisor.ask(q);
      expect(a.intent, q).toBe('recommend');
      expect(a.verdict, q).not.toBeNull();
    }
  });

  it('an under-specified project gets "either" with two or three clarifying questions', () => {
    const a = advisor.ask('we are starting a web app next month, which one?');
    expect(a.verdict).toBe('either');
    expect(a.followUps.length).toBeGreaterThanOrEqual(2);
    expect(a.followUps.length).toBeLessThanOrEqual(3);
  });

  it('keeps other stacks and non-software talk out of scope', () => {
    expect(advisor.ask('should we use laravel or symfony?').intent).toBe('out_of_scope');
    expect(advisor.ask('which laptop should I buy for travel?').intent).toBe('out_of_scope');
    for (const q of [
      'should I learn guitar or piano?',
      'we are building a treehouse for the kids, any tips?',
      'how do I make pancakes?',
      // The names' other meanings, troubleshooting, and choosing some other kind of technology.
      'is a vacuum flask or a hip flask better for a long hike?',
      'any Django Reinhardt records you would start with?',
      'our wordpress blog keeps returning 504 errors since monday, any idea why?',
      'which vector database should we pick for our embeddings?',
    ]) {
      expect(advisor.ask(q).intent, q).toBe('out_of_scope');
    }
  });
});

describe('threads as a state', () => {
  it('a later value of a property replaces the earlier one (team experience)', () => {
    const s = ids('correction: they are all senior engineers', ['a big booking platform, the team is four juniors']);
    expect(s).toContain('experienced-team');
    expect(s).not.toContain('junior-team');
  });

  it('a retraction drops the need instead of reversing it', () => {
    const s = ids('drop the analytics dashboard, nobody will use it', ['an api for our sensors plus an analytics dashboard']);
    expect(s).not.toContain('data-dashboard');
    expect(s).not.toContain('not:data-dashboard');
  });

  it('"scratch that" restates the project; a change of subject starts a fresh one', () => {
    expect(ids('scratch that, it is now one small webhook receiver', ['an online shop with customer accounts'])).not.toContain('ecommerce');
    const fresh = advisor.ask('another question, for my side project: a tiny json api for my plant sensors', {
      history: ['an online shop with customer accounts and a back office'],
    });
    expect(fresh.signals.map((s) => s.id)).not.toContain('ecommerce');
    expect(fresh.verdict).toBe('flask');
  });

  it('answers a fact or an aspect question inside a thread as such', () => {
    const history = ['an online shop with customer accounts and a back office'];
    expect(advisor.ask('btw, when did django first come out?', { history }).intent).toBe('fact');
    expect(advisor.ask('which one is easier for beginners?', { history }).intent).toBe('compare');
  });

  it('a retraction that names words of something held takes it back ("forget the dashboard")', () => {
    const s = ids('forget the dashboard', ['an api serving our ml model plus an analytics dashboard']);
    expect(s).toContain('ml-serving');
    expect(s).not.toContain('data-dashboard');
  });

  it('a need stated as absent beats one only implied by an everyday word', () => {
    expect(read("we don't need accounts, visitors just book anonymously")['user-accounts']).toBe('negated');
  });

  it('words that say a need is absent read as that need negated ("only a few tables"), over an implying word', () => {
    expect(read('an inventory api with only a few tables')['complex-data-model']).toBe('negated');
    expect(read('an inventory api for the shop')['complex-data-model']).toBe('positive');
    // Negated, the absence says nothing: "not just a few tables" is no statement of simple data.
    expect(read('it is not two tables')['complex-data-model']).toBeUndefined();
  });

  it('in a thread, a how-to leans on the framework named earlier; "on that front" is the aspect just raised', () => {
    const how = advisor.ask('nice. how do we deal with database migrations in that setup?', { history: ['we are going with flask for the locker api'] });
    expect(how.intent).toBe('fact');
    expect(how.fact?.text).toContain('Flask-Migrate');
    const front = advisor.ask('and how would Flask do on that front?', { history: ['a catalogue for the school library', 'what about security? we keep pupil records'] });
    expect([front.intent, front.aspect?.id]).toEqual(['compare', 'security']);
    expect(advisor.ask('how does the learning curve compare?').intent).toBe('compare');
  });

  it('"and for Flask?" asks the earlier question again about the other framework', () => {
    const a = advisor.ask('and for flask?', { history: ['who created django?', 'two people at a newspaper, I think'] });
    expect(a.fact?.text).toContain('Armin Ronacher');
    expect(otherFrameworkAgain('and for flask?', ['a shop with accounts'])).toBe('and for flask?');
  });

  it('"so Flask then?" and "no admin at all. Still Django?" ask about the pick; a need handled by a vendor is taken back', () => {
    const history = ['a member portal for the rowing club with logins', 'update: the portal is handled by the federation saas, we only need a small service that serves race results as json'];
    const a = advisor.ask('so flask then?', { history });
    expect([a.intent, a.verdict]).toEqual(['recommend', 'flask']);
    expect(a.signals.map((x) => x.id)).not.toContain('saas-product');
    expect(advisor.ask("we don't need an admin panel or accounts at all. still django?", { history: ['we asked about django for the scores feed', 'it is just a read-only json feed of live scores, one job'] }).intent).toBe('recommend');
  });

  it('how fast learners get productive is the learning curve; "any difference?" compares the aspect named', () => {
    expect(advisor.ask('which would our interns be productive in faster?').aspect?.id).toBe('learning-curve');
    expect(advisor.ask('ops cares about ram per container and boot time. any difference?').intent).toBe('compare');
  });

  it('"is that still django?" in a thread asks about the verdict', () => {
    const a = advisor.ask('is that still django?', { history: ['a newspaper site with editors and a cms'] });
    expect([a.intent, a.verdict]).toEqual(['recommend', 'django']);
  });

  it('reads the state per property, later messages overriding earlier ones', () => {
    const state = readConversation(['team of juniors', 'update: all seniors now'].map(normalise), rules);
    expect([...(state.get('team-experience')?.keys() ?? [])]).toEqual(['experienced-team']);
  });
});

describe('facts answered as facts', () => {
  it('routing, pattern, templating and named-user questions get their passage first', () => {
    const first = (q: string) => advisor.ask(q).passages[0]?.text ?? '';
    expect(first('what does reddit use flask for?')).toContain('Reddit for parts of its web');
    expect(advisor.ask('how long has flask been around?').fact?.kind).toBe('when');
    expect(first('which attacks does django block by default?')).toContain('clickjacking');
    expect(first('any benchmark numbers for a tiny flask endpoint?')).toMatch(/requests per second/u);
    expect(first('where are url routes declared in a django project?')).toMatch(/urls\.py|URLconf/u);
    expect(first('which design pattern is django organised around?')).toMatch(/MTV|MVT|Model-Template-View|Model-View-Template/u);
    expect(first('which templating library ships with flask?')).toContain('Jinja2');
    expect(advisor.ask('give me an example of a company running flask in production').intent).toBe('fact');
    // A pick in other words, not a question of fact.
    expect(advisor.ask('new python service for the finance team, what should we build it on?').intent).toBe('recommend');
    expect(advisor.ask('a tool for the warehouse team. django? flask?').intent).toBe('recommend');
    // "Gone the Flask route" is an idiom, not a routing question.
    expect(advisor.ask('had we gone the flask route, which extension handles logins?').fact?.text).toContain('Flask-Login');
  });

  it.each([
    ['who is behind flask?', 'Armin Ronacher'],
    ['in what year did django first ship?', '2005'],
    ['how would I add a login system to a flask app?', 'Flask-Login'],
    ['what does flask sit on under the hood?', 'Werkzeug'],
    ['what is the official django slogan?', 'perfectionists'],
    ['since which version does django speak asgi?', '3.0'],
    ['hw do i add auth to flask', 'Flask-Login'],
    ['which orm do flask people usually reach for?', 'SQLAlchemy'],
  ])('%s -> the first passage says %s, and the summary is the answer', (q, fact) => {
    const a = advisor.ask(q);
    expect(a.intent).toBe('fact');
    expect(a.passages[0]?.text).toContain(fact);
    expect(a.fact?.text).toContain(fact);
    expect(a.summary).toContain(fact);
    expect(a.fact?.sources.length).toBeGreaterThan(0);
  });
});

describe('close calls', () => {
  it('a medium app for a team fluent in both is "either"', () => {
    expect(advisor.ask('a mid-sized booking tool, the team knows both frameworks well').verdict).toBe('either');
  });
  it('a firm verdict needs a real margin', () => {
    expect(advisor.ask('an online shop with customer accounts, payments and a back office for staff').verdict).toBe('django');
    expect(advisor.ask('one tiny stateless endpoint that resizes images, nothing else').verdict).toBe('flask');
  });
  it('indirect aspect questions map to compare', () => {
    const hacked = advisor.ask('which one makes it harder for attackers to break in through our forms?');
    expect([hacked.intent, hacked.aspect?.id, hacked.verdict]).toEqual(['compare', 'security', 'django']);
    const lifetime = advisor.ask('how long does each framework keep patching an old release?');
    expect([lifetime.intent, lifetime.aspect?.id]).toEqual(['compare', 'maintainability']);
  });
});
