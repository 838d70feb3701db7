/** Shared steps of the listeners: asking, failure reporting, thread history, delivery errors. */
import type { webApi } from '@slack/bolt';
import { describeError, newErrorRef } from '../errors.ts';
import type { Answer } from '../core/types.ts';
import type { SlackDeps } from './deps.ts';
import { stripSlackMarkup } from './text.ts';

export const MAX_QUESTION_CHARS = 4000;
export const MAX_HISTORY = 30;

/** Yield to the event loop's I/O phase (setImmediate): pending acks are flushed first. */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Ask the advisor and remember the answer; returns the answer and its cache key. */
export function askAndCache(deps: SlackDeps, question: string, history: string[] = []): { answer: Answer; key: string } {
  const q = question.slice(0, MAX_QUESTION_CHARS);
  const h = history.slice(-MAX_HISTORY).map((m) => m.slice(0, MAX_QUESTION_CHARS));
  const answer = deps.advisor.ask(q, h.length ? { history: h } : undefined);
  const key = deps.cache.put({ question: q, history: h, answer });
  return { answer, key };
}

/** Log a failure with a fresh reference id and return the id (for the user). */
export function reportFailure(deps: SlackDeps, where: string, e: unknown): string {
  const ref = newErrorRef(deps.random);
  deps.logger.error(`${ref} ${where}: ${describeError(e)}`);
  return ref;
}

/** The Slack error code of a failed Web API call (`not_in_channel`, …), if any. */
export function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export interface ThreadContext {
  /** The bot has posted in this thread. */
  botInThread: boolean;
  /** Earlier human messages, oldest first, mentions stripped. */
  history: string[];
}

/** Read a whole thread with conversations.replies (paginated, bounded). */
export async function readThread(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  opts: { botUserId?: string; botId?: string; excludeTs?: string },
): Promise<ThreadContext> {
  const history: string[] = [];
  let botInThread = false;
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const res = await client.conversations.replies({ channel, ts: threadTs, limit: 200, ...(cursor ? { cursor } : {}) });
    for (const m of res.messages ?? []) {
      const fromBot = Boolean(m.bot_id) || (opts.botUserId !== undefined && m.user === opts.botUserId);
      if (fromBot) {
        if ((opts.botUserId && m.user === opts.botUserId) || (opts.botId && m.bot_id === opts.botId)) botInThread = true;
        continue;
      }
      if (m.ts === opts.excludeTs || (m as { subtype?: string }).subtype) continue;
      const text = stripSlackMarkup(m.text ?? '');
      if (text) history.push(text);
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return { botInThread, history };
}
