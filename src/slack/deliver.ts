/** Posting answers and failures into conversations. */
import type { webApi } from '@slack/bolt';
import type { AnswerStream } from '../answerer.ts';
import type { Answer } from '../core/types.ts';
import { buildAnswerBlocks, buildError, buildHelp, type Message } from './blocks/index.ts';
import type { SlackDeps } from './deps.ts';
import { askStreaming, reportFailure } from './service.ts';
import { tellUserByDm } from './notify.ts';
import { streamSummary } from './stream.ts';

export interface ConversationTarget {
  channel: string;
  /** Thread to reply in; undefined posts at the top level (DMs). */
  threadTs?: string;
}

/**
 * Answer `question` (with earlier `history`) in a conversation: the rules' answer is posted at
 * once; with an LLM configured, the posted message is then updated (chat.update) as the summary
 * streams in. `userId` (who asked) counts against the per-user LLM limit. Failures become a
 * friendly message.
 */
export async function answerInConversation(
  deps: SlackDeps,
  client: webApi.WebClient,
  target: ConversationTarget,
  question: string,
  history: string[] = [],
  userId?: string,
): Promise<void> {
  let message: Message;
  let streamed: { stream: AnswerStream; render: (a: Answer, streaming: boolean) => Message } | undefined;
  try {
    if (!question.trim() && history.length === 0) {
      message = buildHelp();
    } else {
      const q = question.trim() || history[history.length - 1] || '';
      const { stream, key } = askStreaming(deps, q, question.trim() ? history : history.slice(0, -1), userId);
      const render = (a: Answer, streaming: boolean) => buildAnswerBlocks(a, { question: q, key, shareable: false, summaryStreaming: streaming });
      streamed = { stream, render };
      message = render(stream.initial, false);
    }
  } catch (e) {
    const ref = reportFailure(deps, 'answering in a conversation', e);
    message = buildError(ref);
  }
  const ts = await postAnswer(deps, client, target, message, userId);
  if (streamed && ts) await streamByChatUpdate(deps, client, target.channel, ts, streamed.stream, streamed.render);
}

/**
 * Post a message in a conversation; returns its ts, or undefined when posting failed. A failure is
 * logged and, when `userId` (who asked) is known and the conversation is not already our DM, the
 * user is told by DM where the answer could not be posted, with the answer.
 */
export async function postAnswer(deps: SlackDeps, client: webApi.WebClient, target: ConversationTarget, message: Message, userId?: string): Promise<string | undefined> {
  const base = { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), unfurl_links: false, unfurl_media: false };
  try {
    const res = await client.chat.postMessage({ ...base, text: message.text, blocks: message.blocks });
    return res.ts;
  } catch (e) {
    const ref = reportFailure(deps, `posting to ${target.channel}`, e);
    if (userId && !target.channel.startsWith('D')) await tellUserByDm(deps, client, { userId, channelId: target.channel, what: 'post my answer', ref, message });
    return undefined;
  }
}

/** Stream the LLM summary into a posted message with chat.update (nothing without an LLM). */
export function streamByChatUpdate(
  deps: SlackDeps,
  client: webApi.WebClient,
  channel: string,
  ts: string,
  stream: AnswerStream,
  render: (a: Answer, streaming: boolean) => Message,
): Promise<void> {
  return streamSummary(deps, stream, {
    render,
    where: `the answer in ${channel}`,
    update: async (m) => {
      await client.chat.update({ channel, ts, text: m.text, blocks: m.blocks });
    },
  });
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
