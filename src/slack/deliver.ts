/** Posting answers and failures into conversations. */
import type { webApi } from '@slack/bolt';
import type { AnswerStream } from '../answerer.ts';
import type { Answer } from '../core/types.ts';
import { buildAnswerBlocks, buildError, buildHelp, type Message } from './blocks/index.ts';
import type { SlackDeps } from './deps.ts';
import { askStreaming, reportFailure } from './service.ts';
import { tellUserByDm } from './notify.ts';
import { streamNatively } from './native-stream.ts';
import type { Status } from './status.ts';
import { streamSummary } from './stream.ts';

export interface ConversationTarget {
  channel: string;
  /** Thread to reply in; undefined posts at the top level. */
  threadTs?: string;
  /** The workspace of who asked (native streaming outside DMs needs it). */
  teamId?: string;
  /** The "is thinking…" status already set on that thread: settled before posting, cleared on failure. */
  status?: Status;
}

/**
 * Answer `question` (with earlier `history`) in a conversation. Without an LLM: the rules' answer
 * is posted. With one, in a thread: streamed natively (the rules' answer first, the summary
 * appended, stopped with the answer blocks; native-stream.ts), or, when the stream cannot start,
 * posted and then updated with chat.update as the summary comes in. `userId` (who asked) counts
 * against the per-user LLM limit and is the stream's recipient. Failures become a friendly message.
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
  let streamed: { stream: AnswerStream; render: (a: Answer, streaming: boolean) => Message; after?: (a: Answer) => Message } | undefined;
  try {
    if (!question.trim() && history.length === 0) {
      message = buildHelp();
    } else {
      const q = question.trim() || history[history.length - 1] || '';
      const { stream, key } = askStreaming(deps, q, question.trim() ? history : history.slice(0, -1), userId);
      const render = (a: Answer, streaming: boolean) => buildAnswerBlocks(a, { question: q, key, shareable: false, summaryStreaming: streaming });
      const after = (a: Answer) => buildAnswerBlocks(a, { question: q, key, shareable: false, afterStream: true });
      streamed = { stream, render, after };
      message = render(stream.initial, false);
    }
  } catch (e) {
    const ref = reportFailure(deps, 'answering in a conversation', e);
    message = buildError(ref);
  }
  await target.status?.set;
  if (streamed?.stream.llm && target.threadTs && streamed.after) {
    const { stream, render, after } = streamed;
    const t = { channel: target.channel, threadTs: target.threadTs, ...(userId ? { recipientUserId: userId } : {}), ...(target.teamId ? { recipientTeamId: target.teamId } : {}) };
    if (await streamNatively(deps, client, t, stream, { full: (a) => render(a, false), after })) return;
  }
  const ts = await postAnswer(deps, client, target, message, userId);
  if (!ts) await target.status?.clear();
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
