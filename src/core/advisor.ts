/**
 * The advisor: one `ask` that goes from a question to an `Answer`.
 * normalise -> signals -> intent -> retrieval -> verdict -> compose.
 */
import { LIMITS } from '../limits.ts';
import { loadKnowledge, type KnowledgeBase } from './kb.ts';
import { buildRetriever, type Ranked, type Retriever } from './retrieval.ts';
import {
  compileRules,
  decide,
  flatten,
  readConversation,
  withoutFrameworkTalk,
  readFocused,
  readMessage,
  SCORING,
  scoreSignals,
  startsNewSubject,
  type CompiledRule,
  type Match,
} from './signals.ts';
import { aspectComparisonQuestion, ASKS_FOR_PICK, asksForFit, questionPart, classifyFact, detectIntent, FACT_KINDS, FACT_QUERY_WORDS, findAspect, type FactKind } from './intents.ts';
import { expandShorthand, normalise, normalisePlain, tokenize } from './text.ts';
import { buildSpeller, type Speller } from './spelling.ts';
import { loadWordList, type WordList } from './english.ts';
import { composeSummary, helpFollowUps, HELP_TEXT, OUT_OF_SCOPE_TEXT } from './compose.ts';
import type { Aspect, Passage } from './schema.ts';
import type { Answer, AnswerPassage, AskOptions, Disagreement, FactAnswer, KbStats, ProjectProperty, SourceRef } from './types.ts';

/** A reply in a thread that asks about the verdict itself. */
const FOLLOW_UP =
  /\b(?:(?:is|are) (?:that|it|this) still|still (?:django|flask|the same)|same (?:answer|pick|verdict|recommendation)|change (?:anything|the (?:answer|pick|verdict))|does that change|what now|now what|(?:is|are) (?:django|flask) still\b|still (?:the )?(?:right|best|better|correct|safe) (?:choice|pick|call|fit|bet)|what (?:do|should|would) (?:we|i) use for (?:just )?(?:that|this|the) (?:bit|part|piece)\b|which (?:one|framework) (?:now|then)\b|who(?:'s| is) right[\s?!.]*$|^(?:so |ok,? so |then )?(?:django|flask)(?: then| it is| after all)?(?=\?)|tips? (?:it|the (?:balance|scales)|things)|(?:is it|is this|is that|it's) (?:now )?(?:a )?close call|so which(?! (?:extension|library|package|add-?on|plugin|tool|version|release|database|orm|template engine|compan(?:y|ies))s?\b)(?: one)?|then which)\b/u;

/** A short fact question that leans on the message before ("to fix that", "for it"). */
const FACT_POINTS_BACK = /\b(?:fix|handle|solve|cover|do|get|add) (?:that|this|it|those)\b|\bfor (?:that|this|it)\b/u;
/** "Still Django?", "is it still Flask then?": asking about the pick. */
const STILL_THE_PICK = /\bstill (?:django|flask|the same|your pick)\b/u;
/** People still learning: for them, getting productive is about the learning curve. */
const LEARNERS = /\b(?:juniors?|junior (?:devs?|developers|engineers)|interns?|beginners?|students?|trainees?|newcomers?|bootcamp\w*|(?:only|just) (?:done|written|know|knows) (?:basic |some )?python(?: scripting| scripts)?)\b/u;
/** The learners are the ones getting productive: named in the last question, or its "they" after a sentence naming them. */
function learnersGetGoing(text: string): boolean {
  const sentences = text.split(/(?<=[.!?;])\s+/u);
  const last = sentences.at(-1) ?? text;
  return LEARNERS.test(last) || (/\b(?:they|them)\b/u.test(last) && LEARNERS.test(sentences.at(-2) ?? ''));
}
/** Asking whether the verdict moves: "does that change your answer?", "would that change the pick?" */
const CHANGES_THE_ANSWER = /\b(?:does|do|would|will|should|could) (?:that|this|it|any of that) (?:change|alter|affect|flip|move) (?:your|the|our|my) (?:answer|pick|recommendation|verdict|advice|mind)\b|\bchange (?:your|the) (?:answer|pick|recommendation|verdict)\b/u;
/** A question that asks which of the two does something ("which one means less code?"). */
const ASKS_WHICH = /\bwhich (?:one|framework|of (?:the two|them|these|those|the frameworks))\b|\b(?:either|both) (?:frameworks?|ones?)\b|\bthe two\b/u;
/** A question this short that points back ("which one offers that?") leans on the scene before it. */
const SHORT_QUESTION_WORDS = 7;
/** Does the closing question (aspectComparisonQuestion) ask about an aspect? See ask(). */
function closesOnAspect(
  last: NonNullable<ReturnType<typeof aspectComparisonQuestion>>,
  namesOne: boolean,
  named: Aspect | undefined,
  voteFor: (t: string) => { aspect: Aspect } | undefined,
  text: string,
): boolean {
  if (last.comparative && namesOne) return true;
  if (last.genericFit) return false;
  if (last.comparative && (last.pointsBack ? (named ?? voteFor(text)?.aspect) : voteFor(last.question)?.aspect) !== undefined) return true;
  return last.pointsBack && last.question.split(/\s+/u).length <= SHORT_QUESTION_WORDS && named !== undefined;
}
/** The last clause of a sentence (after its last comma, semicolon, colon or dash). */
function lastClause(sentence: string): string {
  return sentence.split(/[,;:]\s+|\s[—–-]\s/u).at(-1) ?? sentence;
}
/** "Who's right?": on a named aspect a check of the claims, bare a question about the pick. */
const WHO_IS_RIGHT = /\bwho(?:'s| is) (?:right|correct)\b/u;
/** Asking whether a claim is true: "is that actually true?", "or is it folklore?", "myth?" */
const CHECKS_A_CLAIM =
  /\b(?:is (?:that|this|it) (?:really |actually |even )?(?:true|right|correct|accurate|a myth|folklore|so)|(?:true|right) or (?:not|false|folklore|a myth)|or is (?:it|that) (?:folklore|a myth|just hype|marketing)|is there (?:any )?truth (?:to|in) (?:that|this|it)|myth or (?:fact|not))\b/u;
/** "How does Flask stack up on that front?": the aspect the message before raised. */
const ON_THAT_FRONT = /\b(?:on|in) (?:that|this) (?:front|respect|regard|score|count)\b|\bstacks? up (?:there|on that|here)\b/u;
/** A sentence that points back at what the one before said ("which is leaner on that front?"). */
const DEICTIC = /\b(?:that|this|those|these|both|it)\b/u;
/** Aspect by retrieval: how many passages vote, and the least (normalised) score and terms that count. */
export const ASPECT_VOTE = {
  passages: 3,
  minScore: 0.5,
  /** A passage that shares a single word with the question says little about its topic. */
  minTerms: 2,
} as const;

/** How many passages an answer shows. */
export const PASSAGES_SHOWN = 4;
/** How many clarifying questions an answer offers at most. */
export const MAX_FOLLOW_UPS = 3;
/** How many earlier thread messages are read for signals. */
export const MAX_HISTORY = LIMITS.historyMessages;

export interface Advisor {
  ask(question: string, opts?: AskOptions): Answer;
  stats(): KbStats;
  sources(): { id: string; title: string; publisher: string; seed: string; passages: number }[];
  readonly kb: KnowledgeBase;
}

export interface AdvisorOptions {
  /** Real English words, left alone by typo correction (english.ts); without it only the domain's words are. */
  words?: WordList;
}

/** Load the knowledge base from `knowledgeDir` and the English word list (`wordListFile`, the word-list package's by default). */
export async function loadAdvisor(opts: { knowledgeDir: string; wordListFile?: string }): Promise<Advisor> {
  const [kb, words] = await Promise.all([loadKnowledge(opts), loadWordList(opts.wordListFile)]);
  return createAdvisor(kb, { words });
}

export function createAdvisor(kb: KnowledgeBase, options: AdvisorOptions = {}): Advisor {
  const retriever: Retriever = buildRetriever(kb);
  const rules: CompiledRule[] = compileRules(kb.rules, kb.lexicon);
  const ruleById = new Map(kb.rules.map((r) => [r.id, r]));
  /** Each passage's words and topics as index tokens, for the fact questions' topic check. */
  const passageTokens = new Map(kb.passages.map((p) => [p.id, new Set(tokenize(`${p.text} ${p.topics.join(' ')}`))]));
  const english = options.words;
  const speller: Speller = buildSpeller(
    domainWords(kb),
    kb.passages.flatMap((p) => words(p.text)),
    CORE_WORDS,
    english ? (w) => english.has(w) : undefined,
  );
  const prepare = (raw: string, plain = false) => speller.correct(expandShorthand(plain ? normalisePlain(raw) : normalise(raw)));
  const aspects = kb.aspects.map((aspect) => ({
    aspect,
    patterns: aspect.patterns.map((p) => new RegExp(p, 'iu')),
    weak: (aspect.weak ?? []).map((p) => new RegExp(p, 'iu')),
  }));
  const sourceRef = new Map<string, SourceRef>(kb.sources.map((s) => [s.id, { id: s.id, title: s.title, publisher: s.publisher }]));
  const conflictsByPassage = new Map<string, KnowledgeBase['conflicts']>();
  for (const c of kb.conflicts) {
    for (const p of c.passages) conflictsByPassage.set(p, [...(conflictsByPassage.get(p) ?? []), c]);
  }

  /** Each topic's aspect: the first aspect that lists it. */
  const aspectOfTopic = new Map<string, Aspect>();
  for (const a of kb.aspects) for (const t of a.topics) if (!aspectOfTopic.has(t)) aspectOfTopic.set(t, a);
  /**
   * "Which one means writing less code?": a question about the two that names no aspect the
   * patterns know is about the aspect of the passages it finds: the topics of the best passages
   * vote, weighted by their scores.
   */
  const aspectByPassages = (text: string): { aspect: Aspect; stance: Passage['stance'] } | undefined => {
    const votes = new Map<Aspect, { score: number; stance: Passage['stance'] }>();
    for (const r of retriever.search(text, { limit: ASPECT_VOTE.passages })) {
      if (r.score < ASPECT_VOTE.minScore || r.matched < ASPECT_VOTE.minTerms) continue;
      const seen = new Set<Aspect>();
      for (const t of r.passage.topics) {
        const a = aspectOfTopic.get(t);
        if (!a || seen.has(a)) continue;
        // The first (best) passage voting for an aspect gives the answer's direction.
        const v = votes.get(a);
        votes.set(a, { score: (v?.score ?? 0) + r.score, stance: v?.stance ?? r.passage.stance });
        seen.add(a);
      }
    }
    let best: [Aspect, { score: number; stance: Passage['stance'] }] | undefined;
    for (const e of votes) if (best === undefined || e[1].score > best[1].score) best = e;
    return best && { aspect: best[0], stance: best[1].stance };
  };

  const toAnswerPassage = (p: Passage): AnswerPassage => ({
    id: p.id,
    text: p.text,
    topics: p.topics,
    stance: p.stance,
    sources: p.sources.map((s) => sourceRef.get(s) ?? { id: s, title: s, publisher: s }),
  });

  const disagreementsFor = (passages: Passage[]): Disagreement[] => {
    const seen = new Map<string, Disagreement>();
    for (const p of passages) {
      for (const c of conflictsByPassage.get(p.id) ?? []) {
        if (seen.has(c.id)) continue;
        seen.set(c.id, {
          id: c.id,
          question: c.question,
          positions: c.positions.map((pos) => ({ claim: pos.claim, sources: pos.sources.map((s) => sourceRef.get(s)!) })),
          ...(c.resolution ? { resolution: c.resolution } : {}),
        });
      }
    }
    return [...seen.values()];
  };

  const empty = (intent: 'help' | 'out_of_scope'): Answer => ({
    intent,
    verdict: null,
    confidence: 0,
    scores: { django: 0, flask: 0 },
    signals: [],
    passages: [],
    summary: intent === 'help' ? HELP_TEXT : OUT_OF_SCOPE_TEXT,
    summarySource: 'rules',
    followUps: helpFollowUps(),
    disagreements: [],
  });

  const ask = (question: string, opts: AskOptions = {}): Answer => {
    const plain = opts.plain === true;
    const history = (opts.history ?? []).slice(-MAX_HISTORY).map((m) => prepare(m, plain)).filter(Boolean);
    // "And for Flask?" after a question about Django: that question again, about the other one.
    const text = otherFrameworkAgain(prepare(question, plain), history);
    // Each message is read once per question (a thread is read twice below: before and with the question).
    const readings = new Map<string, Match[]>();
    const read = (t: string): Match[] => {
      let r = readings.get(t);
      if (!r) readings.set(t, (r = readMessage(t, rules)));
      return r;
    };
    // A message that turns from the company to the new piece is read for that piece (readFocused).
    const focused = (t: string): Match[] => readFocused(t, read);
    const own = new Map<string, Match>(focused(text).map((m) => [m.rule, m]));
    const ownPositive = [...own.values()].filter((m) => m.state === 'positive').length;
    const named: Aspect | undefined = findAspect(text, aspects);
    // Retrieval votes for an aspect at most once per text of this question.
    const votes = new Map<string, ReturnType<typeof aspectByPassages>>();
    const voteFor = (t: string) => {
      if (!votes.has(t)) votes.set(t, aspectByPassages(t));
      return votes.get(t);
    };
    // "<a situation>. Which one protects us more?": a comparison when its last question is a
    // comparative that names an aspect ("whose footprint suits that better?"), points back at one
    // ("which gives us that with the least effort?") or finds one through its passages; or a short
    // question pointing back at an aspect the scene names ("which one offers that?"). A plain
    // "which suits us better?" or "which gets out of our way?" is a pick.
    const last = aspectComparisonQuestion(text);
    // The aspect it names: its main clause first, strong cues only (a bare "harder" names none).
    const lastNamed = last?.comparative
      ? (findAspect(lastClause(last.question), aspects, { weak: false }) ?? findAspect(last.question, aspects, { weak: false }))
      : undefined;
    const aspectQuestion = last !== undefined && closesOnAspect(last, lastNamed !== undefined, named, voteFor, text);
    // An aspect no pattern names is found through the passages the question finds.
    const byPassages =
      !named && (aspectQuestion || (ownPositive === 0 && ASKS_WHICH.test(text) && !ASKS_FOR_PICK.test(text) && !asksForFit(text)));
    // The aspect the closing comparison names is the one asked about, not an earlier word of the scene.
    const vote = !lastNamed && byPassages ? voteFor(text) : undefined;
    let aspect: Aspect | undefined = lastNamed ?? named ?? vote?.aspect;
    // "Which would my junior devs get productive in faster?": how fast learners get going is the learning curve.
    if (aspect?.id === 'development-speed' && learnersGetGoing(text)) aspect = aspects.find((a) => a.aspect.id === 'learning-curve')?.aspect ?? aspect;
    const ownNegated = [...own.values()].filter((m) => m.state === 'negated').length;
    const ownIntent = detectIntent({ text, signalCount: ownPositive, aspect, negatedCount: ownNegated, aspectQuestion, aspectIn: (sentence) => DEICTIC.test(sentence) || findAspect(sentence, aspects) !== undefined, frameworkInThread: history.some((m) => namedFrameworks(m).size > 0), strongAspectIn: (sentence) => findAspect(sentence, aspects, { weak: false }) !== undefined });
    // In a thread: a fact, aspect or help question is answered as such; anything else is a reply
    // about the project (a correction, "what now?"), unless it starts a different subject.
    const thread = history.length > 0 && !startsNewSubject(text);
    // What teammates said about the frameworks ("Django gives you an admin") is not a need of the project.
    const needsHistory = history.map(withoutFrameworkTalk);
    let intent = ownIntent;
    // "Someone keeps saying Flask is way faster." -> "Is that actually true?": a check of the claim
    // the thread just made, on that claim's aspect.
    const claimAspect =
      thread && ownPositive <= 1 && (CHECKS_A_CLAIM.test(text) || ON_THAT_FRONT.test(text) || (WHO_IS_RIGHT.test(text) && named !== undefined)) && !CHANGES_THE_ANSWER.test(text)
        ? (named ?? (ownPositive === 0 ? findAspect(history[history.length - 1]!, aspects) : undefined))
        : undefined;
    if (claimAspect) {
      aspect = claimAspect;
      intent = 'compare';
    }
    // "Is that still Django?", "same answer?", "does that change anything?": about the verdict, not a fact.
    // ("X insists on Flask because it's 'faster'. Does that change your answer?" too: the verdict, not the aspect.)
    const aboutTheVerdict = thread && FOLLOW_UP.test(text) && (ownIntent === 'fact' || (ownIntent === 'compare' && (CHANGES_THE_ANSWER.test(text) || STILL_THE_PICK.test(text))));
    if (thread && !claimAspect && (aboutTheVerdict || (ownIntent !== 'fact' && ownIntent !== 'compare' && ownIntent !== 'help'))) {
      const earlier = flatten(readConversation(needsHistory, rules, focused));
      if (ownIntent === 'recommend' || aboutTheVerdict || earlier.size > 0) intent = 'recommend';
    }
    if (intent === 'help' || intent === 'out_of_scope') return empty(intent);

    const matches = intent === 'recommend' && thread ? flatten(readConversation([...needsHistory, text], rules, focused)) : own;
    const scored = scoreSignals(matches, kb.rules, kb.combos);
    const positiveIds = new Set(scored.signals.filter((s) => !s.negated).flatMap((s) => s.passages));
    const boostIds = intent === 'recommend' ? positiveIds : new Set<string>();
    // A negated need's positive passages are never shown as evidence (bug 6b).
    const excludeIds =
      intent === 'recommend'
        ? scored.signals.filter((s) => s.negated).flatMap((s) => ruleById.get(s.id.slice(4))?.passages ?? []).filter((id) => !positiveIds.has(id))
        : [];
    const aspectIds = intent === 'compare' && aspect ? aspect.passages : [];
    const factKind: FactKind | undefined = intent === 'fact' ? classifyFact(text) : undefined;
    // "What do I add to Flask to fix that?": a fact question pointing back takes its topic from the message before.
    const factText = factKind && thread && FACT_POINTS_BACK.test(text) ? `${text} ${history[history.length - 1]}` : text;
    const factSynonyms = factKind ? retriever.expand(factText).added : [];
    const query =
      thread && intent === 'recommend' ? [...history, text].join(' . ') : factKind ? `${factText} ${FACT_QUERY_WORDS[factKind]}` : text;
    const ranked: Ranked[] = retriever.search(query, {
      boostIds,
      aspectIds,
      excludeIds,
      limit: PASSAGES_SHOWN,
      ...(factKind ? { adjust: factAdjust(factText, entityText(text, history), factKind, factSynonyms, passageTokens) } : {}),
    });
    const passages = ranked.map((r) => r.passage);

    let verdict: Answer['verdict'] = null;
    let confidence = 0;
    let followUps: string[] = [];
    if (intent === 'recommend') {
      ({ verdict, confidence } = decide(scored.scores, scored.balance, scored.depends));
      if (scored.positiveCount < SCORING.fewSignals || verdict === 'either') {
        followUps = kb.clarify
          .filter((c) => !c.decides.some((r) => scored.decided.has(r)))
          .slice(0, MAX_FOLLOW_UPS)
          .map((c) => c.question);
      }
    } else if (intent === 'compare' && aspect) {
      verdict = aspect.favours;
      // Found through its passages, the aspect is the question's topic, not its direction ("which
      // one leaves fewer decisions to me?"): the best passage's stance answers it, if it takes one.
      const stance = vote?.stance;
      if (stance === 'django' || stance === 'flask') verdict = stance;
      confidence = verdict === 'either' ? 0.2 : 0.6;
      // "It depends" aspects decided by the situation the question itself describes.
      const aboutOne = /^(?:\S+ )?(?:(?:can|could|does|do|is|will|would) (?:flask|django)|is it (?:true|a myth) (?:that )?(?:flask|django))\b/u.test(text);
      if (aspect.favours === 'either' && scored.positiveCount > 0 && !aboutOne) {
        const own = decide(scored.scores, scored.balance, scored.depends);
        if (own.verdict !== 'either' && own.confidence >= 0.4) ({ verdict, confidence } = own);
      }
    }
    const disagreements = disagreementsFor(passages);
    const properties: ProjectProperty[] = [...matches.values()]
      .filter((m) => m.state !== 'retracted')
      .map((m) => ({ property: m.property, value: m.rule, state: m.state as 'positive' | 'negated', evidence: m.evidence }));
    const answer: Answer = {
      intent,
      verdict,
      confidence,
      scores: intent === 'recommend' ? scored.scores : { django: 0, flask: 0 },
      signals: intent === 'recommend' ? scored.signals : [],
      passages: passages.map(toAnswerPassage),
      summary: '',
      summarySource: 'rules',
      followUps,
      disagreements,
      ...(aspect && intent === 'compare' ? { aspect: { id: aspect.id, label: aspect.label } } : {}),
      ...(intent === 'recommend' ? { properties } : {}),
    };
    if (factKind && passages[0]) answer.fact = factAnswer(factText, factKind, toAnswerPassage(passages[0]), factSynonyms);
    answer.summary = composeSummary(answer);
    return answer;
  };

  const stats = (): KbStats => ({
    passages: kb.passages.length,
    sources: kb.sources.length,
    topics: kb.topics.length,
    unsourced: kb.passages.filter((p) => p.sources.length === 0).length,
    conflicts: kb.conflicts.length,
    rules: kb.rules.length + kb.combos.length,
    synonymGroups: kb.synonyms.length,
    properties: new Set(kb.rules.map((r) => r.property ?? r.id)).size,
    lexiconEntries: kb.lexicon.length,
  });

  const sources = () =>
    kb.sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      seed: s.seed,
      passages: kb.passages.filter((p) => p.sources.includes(s.id)).length,
    }));

  // V8 compiles each regular expression on its first runs: run every pattern a few times now, at
  // start-up, so the first question a user asks does not pay for it (a few milliseconds, once).
  for (let i = 0; i < WARM_UP.rounds; i++) for (const q of WARM_UP.questions) ask(q, { history: [WARM_UP.questions[0]!] });
  return { ask, stats, sources, kb };
}

/** Start-up warm-up: a few questions touching every path (recommend, compare, fact, thread, help). */
const WARM_UP = {
  rounds: 2,
  questions: [
    'we are building an online shop with an admin panel, user accounts and payments, team of juniors, no api',
    'which one is easier to learn, and is flask faster?',
    'who created flask and when did django first come out? which extension adds login?',
    'actually scratch that: a tiny json api microservice for our sensors, seniors only',
    'what can you do?',
  ],
} as const;

const FRAMEWORK_NAME = /\b(django|flask|fastapi)\b/giu;
/** Which frameworks a text names: for entity-aware fact retrieval. */
function namedFrameworks(text: string): Set<string> {
  return new Set([...text.matchAll(FRAMEWORK_NAME)].map((m) => m[1]!.toLowerCase()));
}
/**
 * Whose fact is asked: the question's own framework, or in a thread ("who was it built for?") the
 * one the latest earlier message names.
 */
function entityText(text: string, history: string[]): string {
  if (namedFrameworks(text).size > 0) return text;
  for (let i = history.length - 1; i >= 0; i--) if (namedFrameworks(history[i]!).size > 0) return history[i]!;
  return text;
}
/** "And for Flask?", "what about people doing Django?": the same question, about the framework it names. */
const SAME_FOR_OTHER =
  /^(?:ok(?:ay)?,? |cool,? |thanks,? )?(?:and|what about|how about|same (?:question )?for|and the same for)\s+(?:for\s+)?(?:(?:people|devs?|developers|folks|teams) (?:doing|using|on|in|with) )?(django|flask)(?: (?:devs?|developers|people|folks|then|side))?\s*[?!.]*$/u;
export function otherFrameworkAgain(text: string, history: string[]): string {
  const m = SAME_FOR_OTHER.exec(text);
  if (!m) return text;
  const target = m[1]!;
  const other = target === 'django' ? 'flask' : 'django';
  // The latest earlier question that names the other framework (and not this one).
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (!h.includes('?')) continue;
    const named = namedFrameworks(h);
    if (named.has(other) && !named.has(target)) return h.replace(new RegExp(`\\b${other}\\b`, 'gu'), target);
    if (named.size > 0) break;
  }
  return text;
}
/** A framework named only as the point of comparison: "the way Django does", "like Flask has". */
const REFERENCE_ONLY = /\b(?:the way|like|as|unlike|similar to)\s+(?:django|flask)\s+(?:does|do|did|has|had|is)\b/iu;
/** The framework a passage is about: the first one it names. */
function subjectOf(text: string): string | undefined {
  return /\b(django|flask|fastapi)\b/iu.exec(text)?.[1]?.toLowerCase();
}

export const FACTS = {
  /** Added to a candidate passage that holds the kind of answer asked for (a name, a year, an extension). */
  answerBonus: 0.8,
  severalAnswersBonus: 0.2,
  /** Added when an answering passage is about (first names) the framework asked about... */
  entityBonus: 0.4,
  /** ...and taken away when it is about the other one. */
  otherEntityPenalty: 0.5,
  /** ...more for a question whose answer belongs to one framework only (who made it, when, its slogan, its origin). */
  otherEntityPenaltyStrict: 0.8,
  /** Added when the passage holds one of the answers the question offers ("WSGI or ASGI?"). */
  namedCandidateBonus: 0.4,
} as const;

/** Kinds whose answer belongs to one framework only. */
const OWN_ANSWER_KINDS = new Set<FactKind>(['who', 'when', 'slogan', 'origin', 'version']);
/** Each fact kind's answer shape, global (every occurrence in a passage), compiled once. */
const FACT_ANSWER_GLOBAL = new Map(FACT_KINDS.map((k) => [k.kind, new RegExp(k.answer.source, 'gu')]));

/** A per-passage bonus for a fact question: the passage holds that kind of answer, about that framework. */
function factAdjust(
  text: string,
  entityText: string,
  kind: FactKind,
  synonyms: string[],
  passageTokens: Map<string, Set<string>>,
): (p: Passage, score: number) => number {
  const shape = FACT_ANSWER_GLOBAL.get(kind);
  // "Does Flask have a motto the way Django does?": the first framework named is the one asked about,
  // and the one named only for comparison ("the way Django does", "like Django has") is not asked about.
  const primary = subjectOf(questionPart(entityText));
  const asked = REFERENCE_ONLY.test(entityText) && primary ? new Set([primary]) : namedFrameworks(entityText);
  // "Is Flask WSGI or ASGI at its core?": the answer is one of the candidates the question names.
  const candidates = shape ? [...new Set((text.match(new RegExp(shape.source, 'giu')) ?? []).map((c) => c.toLowerCase()))] : [];
  const content = new Set(
    // An extension's kind words ("extension", "built") are too generic to show a passage is on topic.
    [...tokenize(kind === 'extension' ? text : `${text} ${FACT_QUERY_WORDS[kind]}`), ...synonyms].filter((t) => t.length >= 3 && !/^(?:flask|django|fastapi)$/u.test(t)),
  );
  const sharesContent = (p: Passage) => {
    if (content.size === 0) return true;
    const tokens = passageTokens.get(p.id);
    for (const t of content) if (tokens?.has(t)) return true;
    return false;
  };
  return (p, score) => {
    // The kind of answer asked for, and a little more when the passage holds several (Werkzeug and Jinja2).
    // ...but only in a passage that shares a content word with the question (its kind's words included).
    const found = shape && sharesContent(p) ? new Set(p.text.match(shape) ?? []).size : 0;
    // A passage that holds such an answer is lifted, more when it is about the framework asked about
    // (the first framework it names) and less when it is about the other one.
    if (found === 0) return score;
    let b = FACTS.answerBonus + (found > 1 ? FACTS.severalAnswersBonus : 0);
    if (candidates.length > 0 && candidates.some((c) => p.text.toLowerCase().includes(c))) b += FACTS.namedCandidateBonus;
    const subject = asked.size > 0 ? subjectOf(p.text) : undefined;
    // The framework asked about first gets the bonus; one named second neither gains nor loses.
    if (subject && subject === primary) b += FACTS.entityBonus;
    else if (subject && !asked.has(subject)) b -= OWN_ANSWER_KINDS.has(kind) ? FACTS.otherEntityPenaltyStrict : FACTS.otherEntityPenalty;
    return score + b;
  };
}

/** The sentence (or, for a list of extensions, the item) of the passage that answers the question. */
export function factAnswer(text: string, kind: FactKind, p: AnswerPassage, synonyms: string[] = []): FactAnswer {
  const shape = FACT_KINDS.find((k) => k.kind === kind)?.answer;
  const sentences = p.text.split(/(?<=[.!?])\s+(?=[A-Z"'])/u);
  // A list of extensions ("Flask-Login for login, Flask-Mail for email") answers with its item.
  const isList = (s: string) => (s.match(/\b(?:Flask|Django)-[A-Z]/gu) ?? []).length >= 2;
  const parts = kind === 'extension' ? sentences.flatMap((s) => (isList(s) ? s.split(/,\s+|;\s+/u) : [s])) : sentences;
  // The words that pick the item: not the framework names or the kind of thing asked for.
  const generic = /^(?:flask|djang|fasta|exten|libra|packa|there|which|would|shoul|about|peopl|usual)/u;
  const wanted = new Set(
    [...words(text), ...synonyms]
      .filter((w) => w.length > 3)
      .map((w) => w.slice(0, 5))
      .filter((w) => !generic.test(w)),
  );
  let best = parts[0] ?? p.text;
  let bestScore = -1;
  for (const part of parts) {
    const overlap = new Set(words(part).map((w) => w.slice(0, 5)).filter((w) => wanted.has(w))).size;
    const score = overlap + (shape && shape.test(part) ? 2 : 0);
    if (score > bestScore) {
      best = part;
      bestScore = score;
    }
  }
  const sentence = (sentences.find((s) => s.includes(best)) ?? best).trim();
  const part = best.trim().replace(/^(?:and|or)\s+/u, '').replace(/[.;,]+$/u, '');
  const answer = part.length < sentence.length - 5 ? `${part.charAt(0).toUpperCase()}${part.slice(1)}` : sentence;
  return { kind, text: answer, sentence, passage: p.id, sources: p.sources };
}

function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Short words worth correcting even at 4-5 letters ("flsk", "djngo", "admn"). */
const CORE_WORDS = ['django', 'flask', 'fastapi', 'python', 'admin'];

/** The words typos are corrected towards: framework names, synonym terms, topic labels. */
function domainWords(kb: KnowledgeBase): string[] {
  return [
    ...CORE_WORDS,
    ...kb.synonyms.flat().flatMap(words),
    ...kb.topics.flatMap((t) => words(t.label)),
  ];
}
