/**
 * The one path from a question to a finished Answer, shared by the CLI and Slack:
 * the core's rule-based answer, then (when an LLM is configured) its summary.
 * Without an LLM this is the core alone.
 */
import type { Advisor, Answer, AskOptions } from './core/index.ts';
import { loadLlmConfig } from './config.ts';
import { describeLlm, type LlmConfig } from './llm/config.ts';
import { loadPrompts } from './llm/prompts.ts';
import { createSummariser, wantsLlm, type Summariser } from './llm/summariser.ts';
import type { Clock } from './llm/cache.ts';

export type AnswerOptions = AskOptions & { userId?: string };

/**
 * A streamed answer, for Slack: post `initial` at once (the rules' answer), show the values
 * of `updates` as they come (the summary text so far: each value is the whole summary,
 * normally extending the previous one; a value that does not extend it replaces it), then
 * settle on `final`. `final` settles whether or not `updates` is read, and never rejects.
 * When no LLM summary is attempted, `updates` yields nothing and `final` is `initial`.
 */
export interface AnswerStream {
  initial: Answer;
  updates: AsyncIterable<string>;
  final: Promise<Answer>;
  /** Whether an LLM summary is being attempted (false: `final` is `initial`). */
  llm: boolean;
}

export interface Answerer {
  /** The rule-based answer at once (synchronous core). */
  rules(question: string, opts?: AskOptions): Answer;
  /** The finished answer: rules, plus an LLM summary when one is configured and succeeds. */
  answer(question: string, opts?: AnswerOptions): Promise<Answer>;
  /** The rules' answer now, the LLM summary streamed after it. */
  stream(question: string, opts?: AnswerOptions): AnswerStream;
  /** Whether an LLM is configured. */
  readonly llmEnabled: boolean;
}

export interface AnswererDeps {
  /** The core (only `ask` is used). */
  advisor: Pick<Advisor, 'ask'>;
  /** The LLM settings (`config.llm` from src/config.ts); off when absent and `env` is absent. */
  llm?: LlmConfig;
  /** Parse the LLM settings from this environment instead (`npm run ask`, tests). */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** A ready summariser (tests); null turns the LLM off whatever the env says. */
  summariser?: Summariser | null;
  /** Folder of prompt files (default: prompts/ at the repository root). */
  promptsDir?: string;
  /** For the per-user limit and cache (tests). */
  clock?: Clock;
  /** Passed to the openai client (tests, proxies). */
  fetch?: typeof fetch;
}

const EMPTY: AsyncIterable<string> = {
  [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
};

/**
 * Build the answerer. With OPENAI_API_KEY or OPENAI_BASE_URL set, the LLM settings and
 * prompt files are validated here, at start-up: invalid ones throw a coded AdvisorError
 * (CONFIG_INVALID / PROMPT_INVALID).
 */
export function createAnswerer(deps: AnswererDeps): Answerer {
  const { advisor } = deps;
  const log = deps.log ?? (() => {});
  let summariser: Summariser | undefined;
  if (deps.summariser !== undefined) {
    summariser = deps.summariser ?? undefined;
  } else {
    const config = deps.llm ?? loadLlmConfig(deps.env ?? {});
    if (config.enabled) {
      const prompts = loadPrompts(deps.promptsDir);
      summariser = createSummariser({ config, prompts, log, clock: deps.clock, fetch: deps.fetch });
      log(`llm: summaries by ${describeLlm(config)} (timeout ${config.timeoutMs}ms, ${config.userLimit} calls/user/hour)`);
    }
  }

  // The core gets its own options only (not the caller's userId); none at all when there are none.
  const rules = (q: string, opts?: AnswerOptions): Answer => {
    const { userId: _userId, ...ask } = opts ?? {};
    return advisor.ask(q, Object.keys(ask).length ? ask : undefined);
  };
  const withSummary = (a: Answer, r: { summary: string; source: 'llm' | 'rules' }): Answer => ({
    ...a,
    summary: r.summary,
    summarySource: r.source,
  });

  return {
    llmEnabled: summariser !== undefined,
    rules,
    async answer(q, opts = {}) {
      const a = rules(q, opts);
      if (!summariser || !wantsLlm(a)) return a;
      return withSummary(a, await summariser.summarise(q, a, { userId: opts.userId }));
    },
    stream(q, opts = {}) {
      const initial = rules(q, opts);
      if (!summariser || !wantsLlm(initial)) return { initial, updates: EMPTY, final: Promise.resolve(initial), llm: false };
      const s = summariser.stream(q, initial, { userId: opts.userId });
      return { initial, updates: s, final: s.result.then((r) => withSummary(initial, r)), llm: true };
    },
  };
}
