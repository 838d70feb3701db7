/** What the Slack layer needs from the rest of the app; injected so tests can use fakes. */
import type { Logger } from '@slack/bolt';
import type { Answerer } from '../answerer.ts';
import type { Answer, AskOptions, KbStats } from '../core/types.ts';
import type { Store } from '../store/index.ts';
import type { SourceSummary } from './ui/blocks/sources.ts';
import type { AnswerCache, TtlSet } from './conversation/answer-cache.ts';

/** The advisor core's surface (structurally the core's `Advisor`). */
export interface AdvisorLike {
  ask(question: string, opts?: AskOptions): Answer;
  stats(): KbStats;
  sources(): SourceSummary[];
}

export interface SlackDeps {
  /** For figures and the source list; answers go through `answerer`. */
  advisor: AdvisorLike;
  /** The one path from a question to an answer (rules at once, the LLM summary streamed after). */
  answerer: Answerer;
  store: Store;
  logger: Logger;
  clock: () => Date;
  cache: AnswerCache;
  /** Event ids and message ids already handled (retries, app_mention + message twins). */
  seen: TtlSet;
  /** Random source for error references (tests make it deterministic). */
  random: () => number;
  /** Least time between two streamed summary updates of one message (default 1000 ms). */
  streamIntervalMs?: number;
  /** The fetch for Slack HTTP calls the listeners make themselves (the app's `createSlackFetch`). */
  fetch?: typeof fetch;
}
