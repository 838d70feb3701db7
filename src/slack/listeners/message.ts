/** A message: a DM, a follow-up in a thread the bot is in, or a top-level question in a watched channel. Bot messages, edits, deletions and retries are ignored. */
import type { SlackDeps } from '../deps.ts';
import { alreadyHandled, eventIdOf, isRetry } from '../conversation/dedupe.ts';
import { readThreadOf, threadHistory } from '../conversation/thread.ts';
import { looksLikeFrameworkQuestion } from '../conversation/watch.ts';
import { reportFailure } from '../failures.ts';
import { deliverAnswer } from '../reply/deliver.ts';
import { chatReply } from '../reply/reply.ts';
import { stripSlackMarkup } from '../ui/mrkdwn.ts';
import { teamIdOf, type EventArgs } from './types.ts';

interface PlainMessage {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  bot_id?: string;
  subtype?: string;
}

const GREETING = /^(hi|hello|hey|help|yo|hiya|howdy|start)[!. ]*$/i;

export function message(deps: SlackDeps): (args: EventArgs<'message'>) => Promise<void> {
  return async ({ event, client, context, body }) => {
    const m = event as unknown as PlainMessage;
    // Edits (message_changed), deletions (message_deleted), bot messages, joins, … are not questions.
    if (m.subtype !== undefined) return;
    if (m.bot_id || !m.user || m.user === context.botUserId) return;
    const text = m.text ?? '';
    const isDm = m.channel_type === 'im';
    // A mention in a channel also arrives as app_mention: that handler answers it.
    if (!isDm && context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
    const inThread = Boolean(m.thread_ts && m.thread_ts !== m.ts);
    // Slack markup (mentions, links, entities) is stripped once, here, for every path below.
    const question = stripSlackMarkup(text);
    const eventId = eventIdOf(body);
    const key = `${m.channel}:${m.ts}`;
    const teamId = teamIdOf(context, body);

    if (isDm) {
      if (await alreadyHandled(deps, context, eventId, key)) return;
      // A DM is answered in its thread (a new top-level message starts a new conversation), with
      // "is thinking…" there at once.
      const reply = chatReply(deps, { client, channel: m.channel, threadTs: m.thread_ts ?? m.ts, teamId, userId: m.user });
      reply.showStatus?.();
      const history = inThread && m.thread_ts ? await threadHistory(deps, client, context, m.channel, m.thread_ts, m.ts, 'reading a DM thread') : [];
      await deliverAnswer(deps, GREETING.test(question) ? '' : question, { history, userId: m.user, plain: true }, reply);
      return;
    }

    if (inThread && m.thread_ts) {
      // Follow-ups in a thread the bot replied in: answer with the whole thread so signals add up.
      if (isRetry(deps, context, eventId)) return;
      // The thread is read (is the bot in it?) while the event and message are claimed: one wait
      // for both, not one after the other. Answered only when the bot is in the thread and the
      // claims are new.
      const [thread, handled] = await Promise.all([
        readThreadOf(client, context, m.channel, m.thread_ts, m.ts).catch((e: unknown) => {
          reportFailure(deps, 'reading a thread', e);
          return undefined;
        }),
        alreadyHandled(deps, context, eventId, key),
      ]);
      if (!thread?.botInThread || handled) return;
      const reply = chatReply(deps, { client, channel: m.channel, threadTs: m.thread_ts, teamId, userId: m.user });
      reply.showStatus?.();
      await deliverAnswer(deps, question, { history: thread.history, userId: m.user, plain: true }, reply);
      return;
    }

    // Top-level channel message: only in watched channels, and only framework-choice questions.
    if (!looksLikeFrameworkQuestion(question)) return;
    let watched: boolean;
    try {
      watched = await deps.store.isWatched(m.channel);
    } catch (e) {
      reportFailure(deps, 'reading the watch setting', e);
      return;
    }
    if (!watched) return;
    if (await alreadyHandled(deps, context, eventId, key)) return;
    const reply = chatReply(deps, { client, channel: m.channel, threadTs: m.ts, teamId, userId: m.user });
    reply.showStatus?.();
    await deliverAnswer(deps, question, { userId: m.user, plain: true }, reply);
  };
}
