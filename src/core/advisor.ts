/**
 * The advisor: one `ask` that goes from a question to an `Answer`.
 * normalise -> signals -> intent -> retrieval -> verdict -> compose.
 */
import { loadKnowledge, type KnowledgeBase } from './kb.ts';
import { buildRetriever, type Ranked, type Retriever } from './retrieval.ts';
import { compileRules, decide, matchConversation, SCORING, scoreSignals, type CompiledRule } from './signals.ts';
import { detectIntent, findAspect } from './intents.ts';
import { normalise } from './text.ts';
import { buildSpeller, type Speller } from './spelling.ts';
import { composeSummary, helpFollowUps, HELP_TEXT, OUT_OF_SCOPE_TEXT } from './compose.ts';
import type { Aspect, Passage } from './schema.ts';
import type { Answer, AnswerPassage, AskOptions, Disagreement, KbStats, SourceRef } from './types.ts';

/** How many passages an answer shows. */
export const PASSAGES_SHOWN = 4;
/** How many clarifying questions an answer offers at most. */
export const MAX_FOLLOW_UPS = 3;
/** How many earlier thread messages are read for signals. */
export const MAX_HISTORY = 20;

export interface Advisor {
  ask(question: string, opts?: AskOptions): Answer;
  stats(): KbStats;
  sources(): { id: string; title: string; publisher: string; seed: string; passages: number }[];
  readonly kb: KnowledgeBase;
}

export async function loadAdvisor(opts: { knowledgeDir: string }): Promise<Advisor> {
  return createAdvisor(await loadKnowledge(opts));
}

export function createAdvisor(kb: KnowledgeBase): Advisor {
  const retriever: Retriever = buildRetriever(kb);
  const rules: CompiledRule[] = compileRules(kb.rules);
  const speller: Speller = buildSpeller(domainWords(kb), kb.passages.flatMap((p) => words(p.text)), CORE_WORDS);
  const prepare = (raw: string) => speller.correct(normalise(raw));
  const aspects = kb.aspects.map((aspect) => ({ aspect, patterns: aspect.patterns.map((p) => new RegExp(p, 'iu')) }));
  const sourceRef = new Map<string, SourceRef>(kb.sources.map((s) => [s.id, { id: s.id, title: s.title, publisher: s.publisher }]));
  const conflictsByPassage = new Map<string, KnowledgeBase['conflicts']>();
  for (const c of kb.conflicts) {
    for (const p of c.passages) conflictsByPassage.set(p, [...(conflictsByPassage.get(p) ?? []), c]);
  }

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

  const ask = (question: string, opts: AskOptions = {}): Answer => {
    const text = prepare(question);
    const history = (opts.history ?? []).slice(-MAX_HISTORY).map(prepare).filter(Boolean);
    // The question's own matches, then the thread's: a later message overrides an earlier one.
    const own = matchConversation([text], rules);
    const state = history.length > 0 ? new Map([...matchConversation(history, rules), ...own]) : own;
    const scored = scoreSignals(state, kb.rules, kb.combos);
    const aspect: Aspect | undefined = findAspect(text, aspects);
    const ownSignals = own.size;
    const intent = detectIntent({ text, signalCount: history.length > 0 ? scored.signals.length : ownSignals, aspect });

    if (intent === 'help' || intent === 'out_of_scope') {
      return {
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
      };
    }

    const boostIds = intent === 'recommend' ? scored.signals.flatMap((s) => s.passages) : [];
    const aspectIds = intent === 'compare' && aspect ? aspect.passages : [];
    const query = history.length > 0 && intent === 'recommend' ? [...history, text].join(' . ') : text;
    const ranked: Ranked[] = retriever.search(query, { boostIds, aspectIds, limit: PASSAGES_SHOWN });
    const passages = ranked.map((r) => r.passage);

    let verdict: Answer['verdict'] = null;
    let confidence = 0;
    let followUps: string[] = [];
    if (intent === 'recommend') {
      ({ verdict, confidence } = decide(scored.scores));
      if (scored.positiveCount < SCORING.fewSignals || verdict === 'either') {
        followUps = kb.clarify
          .filter((c) => !c.decides.some((r) => scored.decided.has(r)))
          .slice(0, MAX_FOLLOW_UPS)
          .map((c) => c.question);
      }
    } else if (intent === 'compare' && aspect) {
      verdict = aspect.favours;
      confidence = aspect.favours === 'either' ? 0.2 : 0.6;
    }
    const disagreements = disagreementsFor(passages);
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
    };
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
  });

  const sources = () =>
    kb.sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      seed: s.seed,
      passages: kb.passages.filter((p) => p.sources.includes(s.id)).length,
    }));

  return { ask, stats, sources, kb };
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
