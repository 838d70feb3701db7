/** The advisor core's public surface. Never imports Slack. */
export { loadAdvisor, createAdvisor, PASSAGES_SHOWN, type Advisor } from './advisor.ts';
export { loadKnowledge, formatProblems, type KnowledgeBase, type KbProblem } from './kb.ts';
export { buildRetriever, buildPlainRetriever, RANKING } from './retrieval.ts';
export { SCORING, decide } from './signals.ts';
export { normalise } from './text.ts';
export type * from './types.ts';
