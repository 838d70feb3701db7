/**
 * Where a reply goes, and how it gets there. Every answer and every notice the app sends goes
 * through a `Reply`: the first message is posted, later ones replace it (the streamed summary).
 * Two kinds:
 *
 * - `responseUrlReply`: POSTs to a response_url (a slash command's, a button's, the wizard's),
 *   ephemeral or in_channel, replace_original when the message it belongs to must give way;
 *   Slack accepts at most 5 messages per response_url in 30 minutes, so updates are capped.
 * - `chatReply`: chat.postMessage into a conversation (a thread, a DM), chat.update after. In a
 *   thread (DMs are answered in their thread too) it can also show a status while the answer is
 *   worked out (`showStatus`, status.ts) and stream natively (`native`, native-stream.ts:
 *   chat.startStream → appendStream → stopStream, chat.update visibly when a stream call fails).
 *
 * A reply whose first message could not get through (an expired response_url, a refused post)
 * reports it with a reference and hands over to its fallback: the user's direct messages, with a
 * line saying where the reply could not go. `post` never throws; `update` throws on failure
 * (streamSummary logs it once and keeps the message already shown).
 */
import type { RespondArguments, webApi } from '@slack/bolt';
import { AdvisorError, ErrorCode } from '../../errors.ts';
import { clampBlocks, context, type Message } from '../ui/blocks/index.ts';
import { SLACK_LIMITS } from '../ui/slack-limits.ts';
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { nativeStream, type NativeStream } from './native-stream.ts';
import { showStatus, type Status } from './status.ts';

export interface Reply {
  /** What is being replied to, for log lines. */
  readonly where: string;
  /** How many times the first message may be replaced (the summary's updates). */
  readonly maxUpdates: number;
  /**
   * False when the destination shows one finished message only (the console): the answer is then
   * sent once, with its summary, instead of being streamed.
   */
  readonly streams: boolean;
  /**
   * Show the first message. `willUpdate`: updates will follow (a response_url that belongs to a
   * button's message then replaces that message, the only one it can update later). Resolves
   * false when the message got through nowhere (reported). Never throws.
   */
  post(m: Message, o?: { willUpdate?: boolean }): Promise<boolean>;
  /** Replace the message `post` showed. Throws when that fails. */
  update(m: Message): Promise<void>;
  /**
   * Slack's native streaming, where the reply offers it (a chat reply in a thread or DM):
   * deliverAnswer streams an LLM summary through it instead of post + update.
   */
  readonly native?: NativeStream;
  /**
   * Show "is thinking…" where the answer will go (a chat reply in a thread), at once; the first
   * message waits for it to settle, and a reply that gets nothing into the thread clears it.
   */
  showStatus?(): void;
}

type Deps = Pick<SlackDeps, 'logger' | 'random'>;

/** Slack's limit: a response_url takes at most 5 messages in 30 minutes. */
export const RESPONSE_URL_MAX_USES = SLACK_LIMITS.responseUrlUses;

/** The body of a response_url POST (what Bolt's respond() takes). */
export type ResponseBody = RespondArguments & { text: string };

export interface ResponseUrlReplyOptions {
  /** POSTs one body to the response_url (Bolt's `respond`, or `postToResponseUrl` bound to a URL). */
  send: (body: ResponseBody) => Promise<unknown>;
  where: string;
  /** Default 'ephemeral' (only the user sees it). */
  responseType?: 'ephemeral' | 'in_channel';
  /**
   * The response_url belongs to a message already shown (a button's): to be updated later the
   * answer must take that message's place, so its first POST replaces it when updates will follow.
   */
  ownsMessage?: boolean;
  /** At most this many updates (default: what the 5-use cap leaves after the first message). */
  maxUpdates?: number;
  /** Where the reply goes when the first POST fails (given the failure's reference). */
  fallback?: (ref: string) => Reply | undefined;
}

export function responseUrlReply(deps: Deps, o: ResponseUrlReplyOptions): Reply {
  const type = o.responseType ?? 'ephemeral';
  const maxUpdates = Math.min(o.maxUpdates ?? Number.POSITIVE_INFINITY, RESPONSE_URL_MAX_USES - 1);
  let uses = 0;
  let moved: Reply | undefined;
  const body = (m: Message, replace: boolean): ResponseBody => ({ response_type: type, replace_original: replace, text: m.text, blocks: m.blocks });
  return {
    where: o.where,
    maxUpdates,
    streams: true,
    async post(m, p = {}) {
      try {
        uses++;
        await o.send(body(m, Boolean(o.ownsMessage && p.willUpdate)));
        return true;
      } catch (e) {
        const ref = reportFailure(deps, `responding through response_url (${o.where})`, e);
        moved = o.fallback?.(ref);
        return moved ? moved.post(m, p) : false;
      }
    },
    async update(m) {
      if (moved) return moved.update(m);
      if (uses >= RESPONSE_URL_MAX_USES) throw new AdvisorError(ErrorCode.SlackDelivery, `a response_url takes at most ${RESPONSE_URL_MAX_USES} messages`);
      uses++;
      await o.send(body(m, true));
    },
  };
}

export interface ChatReplyOptions {
  client: webApi.WebClient;
  /** A conversation id, or a user id (the app's DM with that user). */
  channel: string;
  /** Reply in this thread; undefined posts at the top level. */
  threadTs?: string;
  /** Who asked: when the post is refused, they are told by DM (unless this already is our DM); a native stream's recipient. */
  userId?: string;
  /** The workspace of who asked (a native stream's recipient team, required outside DMs). */
  teamId?: string;
  /** What could not be done, for that DM ("post my answer"). */
  what?: string;
  /** A context line shown above every message (the DM fallback's explanation). */
  note?: { mrkdwn: string; text: string };
  where?: string;
}

export function chatReply(deps: Deps, o: ChatReplyOptions): Reply {
  let shown: { channel: string; ts: string } | undefined;
  let moved: Reply | undefined;
  let status: Status | undefined;
  const withNote = (m: Message): Message => (o.note ? { text: o.note.text, blocks: clampBlocks([context(o.note.mrkdwn), ...m.blocks]) } : m);
  const threadTs = o.threadTs;
  const inThread = threadTs && !o.note ? threadTs : undefined;
  return {
    where: o.where ?? `a message in ${o.channel}`,
    maxUpdates: Number.POSITIVE_INFINITY,
    streams: true,
    ...(inThread
      ? {
          native: nativeStream(deps, o.client, {
            channel: o.channel,
            threadTs: inThread,
            ...(o.userId ? { recipientUserId: o.userId } : {}),
            ...(o.teamId ? { recipientTeamId: o.teamId } : {}),
            before: () => status?.set,
          }),
          showStatus() {
            status ??= showStatus(deps, o.client, o.channel, inThread);
          },
        }
      : {}),
    async post(m, p = {}) {
      const msg = withNote(m);
      await status?.set;
      try {
        const res = await o.client.chat.postMessage({
          channel: o.channel,
          ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
          text: msg.text,
          blocks: msg.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        // chat.update needs the conversation id, which a post to a user id returns.
        if (res.ts) shown = { channel: res.channel ?? o.channel, ts: res.ts };
        return true;
      } catch (e) {
        const ref = reportFailure(deps, o.note ? `telling ${o.channel} by DM that I could not ${o.what ?? 'reply'}` : `posting to ${o.channel}`, e);
        // Nothing will land in that thread: its "is thinking…" must not stay.
        await status?.clear();
        if (!o.userId || o.channel.startsWith('D') || o.channel === o.userId || o.note) return false;
        moved = userDmReply(deps, o.client, { userId: o.userId, channelId: o.channel, what: o.what ?? 'post my answer', ref });
        if (!moved) return false;
        return moved.post(m, p);
      }
    },
    async update(m) {
      if (moved) return moved.update(m);
      if (!shown) throw new AdvisorError(ErrorCode.SlackDelivery, 'no message to update');
      const msg = withNote(m);
      await o.client.chat.update({ channel: shown.channel, ts: shown.ts, text: msg.text, blocks: msg.blocks });
    },
  };
}

/** How to name a conversation in a message: a channel link, or a plain phrase. */
export function conversationName(channelId: string | undefined): string {
  if (channelId && /^[CG][A-Z0-9]{1,20}$/.test(channelId)) return `<#${channelId}>`;
  if (channelId?.startsWith('D')) return 'our direct messages';
  return 'that conversation';
}

/**
 * The last resort when a reply cannot go where it belongs: the app's direct messages with
 * `userId` (posting to a user id lands in the app's Messages tab; chat:write, no extra scope),
 * every message under "I could not <what> in <where>" (+ reference). Undefined for an id that is
 * not a user's.
 */
export function userDmReply(deps: Deps, client: webApi.WebClient, o: { userId: string | undefined; channelId?: string; what: string; ref?: string }): Reply | undefined {
  const userId = o.userId;
  if (!userId || !/^[UW][A-Z0-9]{1,20}$/.test(userId)) return undefined;
  const where = conversationName(o.channelId);
  const inner = chatReply(deps, {
    client,
    channel: userId,
    what: o.what,
    where: `a DM to ${userId}`,
    note: {
      mrkdwn: `:warning: I could not ${o.what} in ${where}${o.ref ? ` (reference \`${o.ref}\`)` : ''}, so I am telling you here.`,
      text: `I could not ${o.what} in ${where}${o.ref ? ` (reference ${o.ref})` : ''}.`,
    },
  });
  return {
    ...inner,
    async post(m, p) {
      const ok = await inner.post(m, p);
      if (ok) deps.logger.info(`told ${userId} by DM that I could not ${o.what}${o.ref ? ` (${o.ref})` : ''}`);
      return ok;
    },
  };
}

/** A reply that keeps the last message in memory: the local console, which prints it. */
export function memoryReply(): Reply & { readonly last: Message | undefined } {
  let last: Message | undefined;
  return {
    where: 'the console',
    maxUpdates: Number.POSITIVE_INFINITY,
    streams: false,
    get last() {
      return last;
    },
    async post(m) {
      last = m;
      return true;
    },
    async update(m) {
      last = m;
    },
  };
}
