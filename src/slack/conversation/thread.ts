/** Reading a thread: the earlier human messages (markup stripped) and whether the bot is in it. */
import type { Context, webApi } from '@slack/bolt';
import { LIMITS } from '../../limits.ts';
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { stripSlackMarkup } from '../ui/mrkdwn.ts';

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
  for (let page = 0; page < LIMITS.threadPages; page++) {
    const res = await client.conversations.replies({ channel, ts: threadTs, limit: LIMITS.threadPageSize, ...(cursor ? { cursor } : {}) });
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

/** The thread of a message that arrived in it (`ts`): the bot's own posts recognised by the request's context, the message itself left out. */
export function readThreadOf(client: webApi.WebClient, context: Context, channel: string, threadTs: string, ts: string): Promise<ThreadContext> {
  return readThread(client, channel, threadTs, { botUserId: context.botUserId, botId: context.botId, excludeTs: ts });
}

/** The earlier messages of that thread; none when it cannot be read (reported, and answered without it). */
export async function threadHistory(deps: Pick<SlackDeps, 'logger' | 'random'>, client: webApi.WebClient, context: Context, channel: string, threadTs: string, ts: string, what: string): Promise<string[]> {
  try {
    return (await readThreadOf(client, context, channel, threadTs, ts)).history;
  } catch (e) {
    reportFailure(deps, `${what} (answering without it)`, e);
    return [];
  }
}
