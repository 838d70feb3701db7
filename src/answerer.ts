/**
 * The one path from a question to a finished Answer, shared by the CLI and Slack:
 * the core's rule-based answer, then (when an LLM is configured) its summary.
 * Without an LLM this is the core alone.
 */
import type { Advisor, Answer, AskOptions } from './core/index.ts';

export interface Answerer {
  /** The rule-based answer at once (synchronous core). */
  rules(question: string, opts?: AskOptions): Answer;
  /** The finished answer: rules, plus an LLM summary when one is configured and succeeds. */
  answer(question: string, opts?: AskOptions & { userId?: string }): Promise<Answer>;
}

export function createAnswerer(deps: { advisor: Advisor; env?: NodeJS.ProcessEnv; log?: (line: string) => void }): Answerer {
  const { advisor } = deps;
  return {
    rules: (q, opts) => advisor.ask(q, opts),
    answer: async (q, opts) => advisor.ask(q, opts),
  };
}
