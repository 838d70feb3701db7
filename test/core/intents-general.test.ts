/**
 * Intents that generalise: facts of a specific kind however they are worded, help and "pick between
 * the two", and out of scope for other Python frameworks only, non-web Python, shopping and
 * credentials. Sentences written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { loadAdvisor } from '../../src/core/index.ts';
import { REAL_KB } from './helpers.ts';

const advisor = await loadAdvisor({ knowledgeDir: REAL_KB });
const intent = (q: string) => advisor.ask(q).intent;

describe('intents by general cues', () => {
  it('answers a specific kind of fact whatever its word order', () => {
    expect(intent('Django got support for asynchronous views at some point. In which version?')).toBe('fact');
    expect(intent('Somebody wrote Flask first as an experiment. Who was it?')).toBe('fact');
    expect(intent('For how many years is a long-term support Django release patched?')).toBe('fact');
    expect(advisor.ask('how long are long-term support releases of django maintained?').fact?.kind).toBe('duration');
  });

  it('keeps a comparison a comparison', () => {
    expect(intent('which one is easier for a beginner to learn?')).toBe('compare');
    expect(intent('is flask faster than django?')).toBe('compare');
  });

  it('finds an aspect no pattern names through the passages it retrieves, and answers its direction', () => {
    const less = advisor.ask('which of the two keeps the amount of code I write for a tiny feature lower?');
    expect(less.intent).toBe('compare');
    expect(less.verdict).toBe('flask');
    const choices = advisor.ask('which of the two keeps me from having to make lots of up-front design choices?');
    expect(choices.intent).toBe('compare');
    expect(choices.verdict).toBe('django');
    // Asking for a pick is not an aspect question, and one shared word is not a topic.
    expect(advisor.ask('we want to build a website. which one?').intent).toBe('recommend');
    expect(advisor.ask('which one has the bigger crowd answering questions online?').aspect?.id).not.toBe('microservices');
  });

  it('a scene closed by a comparative about one aspect is a comparison; a plain pick is not', () => {
    const footprint = advisor.ask('We run lots of tiny services in containers. Whose memory footprint is smaller?');
    expect(footprint.intent).toBe('compare');
    expect(footprint.aspect?.id).toBe('deployment');
    const admin = advisor.ask('Our clerks must correct records through a web screen. Which framework gets us that with the least work?');
    expect(admin.intent).toBe('compare');
    expect(admin.verdict).toBe('django');
    expect(advisor.ask('We run lots of tiny services in containers, seniors only. Which framework suits us better?').intent).toBe('recommend');
    expect(advisor.ask('A members site with logins and an admin for staff. Is there a clear winner between Django and Flask for this?').intent).toBe('recommend');
  });

  it('thread picks, game engines, help with phrasing, and a variant of Flask by name', () => {
    const history = ['a tiny api for the app', 'actually it also needs customer logins, order history and a staff admin'];
    expect(advisor.ask('given that, which framework now?', { history }).intent).toBe('recommend');
    const split = advisor.ask('who is right?', { history: ['a portal where residents log in and clerks triage reports', 'teammate: I want flask for the freedom', 'me: the team is mostly juniors'] });
    expect([split.intent, split.verdict]).toEqual(['recommend', 'django']);
    expect(advisor.ask('which is better for our platformer physics, unity or godot?').intent).toBe('out_of_scope');
    expect(advisor.ask('how should I word my question to get a good answer from you?').intent).toBe('help');
    expect(advisor.ask("what's the asynchronous variant of flask called?").fact?.text).toContain('Quart');
  });

  it('thread follow-ups lean on the thread: "is Flask still right?", "fix that", splitting a monolith', () => {
    const grew = advisor.ask('given that, is flask still the right choice?', { history: ['a small flask service for the timetable', 'scope grew: now accounts, bookings and an admin for the office'] });
    expect([grew.intent, grew.verdict]).toEqual(['recommend', 'django']);
    const fix = advisor.ask('what do I add to flask to fix that?', { history: ['our booking form is flask', 'the pen test says the forms have no csrf tokens'] });
    expect(fix.fact?.text).toContain('Flask-WTF');
    const split = advisor.ask('which framework for that service?', { history: ['we are splitting our monolith into small services', 'the first one looks up postcodes and returns regions'] });
    expect(split.verdict).toBe('flask');
    expect(advisor.ask('what details should I give you about the project, and can I ask follow-ups?').intent).toBe('help');
    expect(advisor.ask('random aside - who actually made django?').fact?.kind).toBe('who');
  });

  it('"how do they differ…", "the best choice…", "how did it get started?" and updates that turn out otherwise', () => {
    expect(advisor.ask('how do they differ in what you get for templates without extra packages?').intent).toBe('compare');
    expect(advisor.ask("what's the best choice for a small python web backend?").intent).toBe('recommend');
    expect(advisor.ask('how did django get started?').fact?.kind).toBe('origin');
    const kiosk = advisor.ask('which framework for that feed?', { history: ['we thought the signage needed an admin panel', 'turns out the content comes from the cms we already have; the backend just serves it as a read-only feed, a couple of endpoints'] });
    expect(kiosk.verdict).toBe('flask');
  });

  it('a closing pick that names no aspect, after described needs, is a recommendation', () => {
    expect(advisor.ask('I want to see how routing and templates really work before anything bigger. Which framework should I start with?').intent).toBe('recommend');
    expect(advisor.ask('Each service does one job and scales to zero, so a lean footprint matters. Which framework for these services?').intent).toBe('recommend');
    expect(advisor.ask('Which framework should I start with?').intent).not.toBe('compare');
  });

  it('"who is right on X?" checks a claim; "who won the match?" is out of scope; "flask has X built in, right?" is a fact', () => {
    const claim = advisor.ask('so who is right about the performance point?', { history: ['Sam: Flask is faster.', 'Kim: Django is faster at scale.'] });
    expect([claim.intent, claim.aspect?.id]).toEqual(['compare', 'performance']);
    expect(advisor.ask('who won the cup final on saturday?').intent).toBe('out_of_scope');
    expect(advisor.ask('django has caching built in, right?').intent).toBe('fact');
    expect(advisor.ask('hello! what exactly can you do?').intent).toBe('help');
  });

  it('a relative "who" does not ask who made something; "the easier fit?" is a pick', () => {
    expect(advisor.ask('which one has csrf protection on by default? asking for a friend who got hacked').intent).toBe('compare');
    expect(advisor.ask('Survey app for a lab; the devs are senior postdocs who like freedom. Recommendation?').intent).toBe('recommend');
    expect(advisor.ask('quick one: who created flask?').fact?.kind).toBe('who');
    expect(advisor.ask('A small dashboard over pandas dataframes for my team, no accounts. What is the easier fit?').intent).toBe('recommend');
    expect(advisor.ask('Planning a SaaS for clinics. Which is the safer bet if we can only upgrade the framework every few years?').intent).toBe('compare');
  });

  it('takes the aspect from the closing clause, and a fit question stays a pick', () => {
    const a = advisor.ask('Once the database is indexed and cached, does the choice of framework still decide how fast responses come back?');
    expect(a.aspect?.id).toBe('performance');
    expect(advisor.ask('We use a lot of freelancers. Which one keeps the code looking the same no matter who wrote it?').intent).toBe('compare');
    expect(advisor.ask('which framework fits those services best?', { history: ['we are moving our shop to many small services'] }).intent).toBe('recommend');
  });

  it('a short question pointing back at the scene is about its aspect; a fit question is a pick', () => {
    const lts = advisor.ask('Our approvals take months, so we need releases that get security patches for years. Which one gives us that?');
    expect(lts.intent).toBe('compare');
    expect(lts.verdict).toBe('django');
    expect(advisor.ask('a tiny lab tool where we choose every component ourselves. which framework suits that?').intent).toBe('recommend');
    expect(advisor.ask('which of the two should i use for my shop?').intent).toBe('recommend');
    expect(advisor.ask('I want a job as a web developer within a year. Which of the two should I put my evenings into?').intent).toBe('recommend');
  });

  it('other stacks asked by language, how-to with an adverb, and "better at that" as an aspect question', () => {
    expect(intent('unrelated: could you suggest a php framework for our kiosk?')).toBe('out_of_scope');
    expect(intent('what do teams usually add to a flask app for database migrations?')).toBe('fact');
    expect(intent('We must stay on one release that gets security patches for years. Which one is better at that?')).toBe('compare');
  });

  it('checks a claim made in the thread on its aspect; non-software questions and help phrasings', () => {
    const a = advisor.ask('is that really true, or is it folklore?', { history: ['we are choosing for a reporting api', 'a colleague says flask is much faster'] });
    expect(a.intent).toBe('compare');
    expect(a.aspect?.id).toBe('performance');
    expect(intent('how do I keep my tomato seedlings from growing so slowly in spring?')).toBe('out_of_scope');
    expect(intent('which has the bigger community?')).toBe('compare');
    expect(intent('what sorts of things could you actually help us with?')).toBe('help');
  });

  it('reads the kind of fact from the question, not from the description around it', () => {
    const a = advisor.ask('Our club site has authors with profile pages and editors who approve posts. What would you build it with?');
    expect(a.intent).toBe('recommend');
    expect(advisor.ask('Flask is stitched out of two older projects. Which ones?').fact?.kind).toBe('built-on');
    expect(advisor.ask('which flask release added async views?').fact?.kind).toBe('version');
    // A bare "which one?" after a thread's project is a pick.
    expect(advisor.ask('so which framework?', { history: ['a members site with logins and a back office for staff'] }).intent).toBe('recommend');
  });

  it('help, and a pick between the two with nothing described', () => {
    expect(intent('hey, what could you help us with?')).toBe('help');
    const a = advisor.ask('my boss wants me to choose between the two today. which?');
    expect(a.intent).toBe('recommend');
    expect(a.verdict).toBe('either');
  });

  it('declines other stacks, non-web Python, shopping and credentials, not projects', () => {
    expect(intent('Django and Flask are ruled out for us; Falcon or Sanic for a JSON service?')).toBe('out_of_scope');
    expect(intent('how do I plot a histogram from a numpy array in a jupyter notebook?')).toBe('out_of_scope');
    expect(intent('writing a desktop gui in python with pyqt for our warehouse scanner, any tips?')).toBe('out_of_scope');
    expect(intent('what monitor should I get for coding in python?')).toBe('out_of_scope');
    expect(intent('here is the token xoxb-1234-abcd, and the signing secret is in the env')).toBe('out_of_scope');
    expect(intent('a web dashboard for our warehouse with staff logins and stock charts')).toBe('recommend');
  });
});

describe('extension facts through everyday words', () => {
  const first = (q: string) => advisor.ask(q).passages[0]?.text ?? '';
  it('finds the extension named in the articles', () => {
    expect(first('how do I memoize slow view results in flask?')).toMatch(/Flask-Caching/);
    expect(first('which flask add-on handles schema changes for my database tables?')).toMatch(/Flask-Migrate/);
    expect(first('is there an alternative to Flask made for asyncio?')).toMatch(/Quart/);
  });
});
