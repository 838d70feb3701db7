/** Posting answers and failures into conversations. */
import type { webApi } from '@slack/bolt';
import { buildAnswerBlocks, buildError, buildHelp } from './blocks/index.ts';
import type { SlackDeps } from './deps.ts';
import { askAndCache, reportFailure } from './service.ts';

export interface ConversationTarget {
  channel: string;
  /** Thread to reply in; undefined posts at the top level (DMs). */
  threadTs?: string;
}

/** Answer `question` (with earlier `history`) in a conversation. Failures become a friendly message. */
export async function answerInConversation(
  deps: SlackDeps,
  client: webApi.WebClient,
  target: ConversationTarget,
  question: string,
  history: string[] = [],
): Promise<void> {
  const base = { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), unfurl_links: false, unfurl_media: false };
  let message;
  try {
    if (!question.trim() && history.length === 0) {
      message = buildHelp();
    } else {
      const q = question.trim() || history[history.length - 1] || '';
      const { answer, key } = askAndCache(deps, q, question.trim() ? history : history.slice(0, -1));
      message = buildAnswerBlocks(answer, { question: q, key, shareable: false });
    }
  } catch (e) {
    const ref = reportFailure(deps, 'answering in a conversation', e);
    message = buildError(ref);
  }
  try {
    await client.chat.postMessage({ ...base, text: message.text, blocks: message.blocks });
  } catch (e) {
    reportFailure(deps, `posting to ${target.channel}`, e);
  }
}

/** Show a working state on a message while `fn` runs (a reaction; failures to react are ignored). */
export async function withWorkingReaction<T>(deps: SlackDeps, client: webApi.WebClient, channel: string, ts: string, fn: () => Promise<T>): Promise<T> {
  const name = 'hourglass_flowing_sand';
  let added = false;
  try {
    await client.reactions.add({ channel, timestamp: ts, name });
    added = true;
  } catch (e) {
    deps.logger.debug(`could not add the working reaction: ${(e as Error).message}`);
  }
  try {
    return await fn();
  } finally {
    if (added) {
      await client.reactions.remove({ channel, timestamp: ts, name }).catch((e: unknown) => {
        deps.logger.debug(`could not remove the working reaction: ${(e as Error).message}`);
      });
    }
  }
}
