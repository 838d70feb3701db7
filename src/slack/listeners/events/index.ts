/**
 * Events: @mentions (threaded reply), follow-ups in threads the bot is part of, watched channels,
 * direct messages, and the App Home tab. Bot messages, edits, deletions and retries are ignored.
 */
import type { App, Context } from '@slack/bolt';
import { buildHome } from '../../blocks/index.ts';
import { answerInConversation } from '../../deliver.ts';
import type { SlackDeps } from '../../deps.ts';
import { readThread, reportFailure } from '../../service.ts';
import { showStatus } from '../../status.ts';
import { stripSlackMarkup } from '../../text.ts';
import { looksLikeFrameworkQuestion } from '../../watch.ts';

/** True when this delivery must not be handled: a Slack retry, or an event/message seen before. */
export function alreadyHandled(deps: SlackDeps, context: Context, eventId: string | undefined, messageKey: string | undefined): boolean {
  if (isRetry(deps, context, eventId)) return true;
  if (eventId && !deps.seen.firstTime(`e:${eventId}`)) return true;
  if (messageKey && !deps.seen.firstTime(`m:${messageKey}`)) return true;
  return false;
}

/** Slack retries (X-Slack-Retry-Num) are never answered: the first delivery was acked and handled. */
function isRetry(deps: SlackDeps, context: Context, eventId: string | undefined): boolean {
  if (context.retryNum !== undefined && context.retryNum > 0) {
    deps.logger.info(`ignoring Slack retry #${context.retryNum} (${context.retryReason ?? 'unknown reason'}) of ${eventId ?? 'an event'}`);
    return true;
  }
  return false;
}

function teamIdOf(context: Context, body: unknown): string | undefined {
  const t = context.teamId ?? (body as { team_id?: unknown }).team_id;
  return typeof t === 'string' ? t : undefined;
}

function eventIdOf(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' ? id : undefined;
}

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

export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context, body }) => {
    if (event.bot_id || (event.user && event.user === context.botUserId)) return;
    if ((event as { subtype?: string }).subtype) return;
    if (alreadyHandled(deps, context, eventIdOf(body), `${event.channel}:${event.ts}`)) return;
    // The answer's thread shows "is thinking…" at once, before anything else is read or computed.
    const threadTs = event.thread_ts ?? event.ts;
    const status = showStatus(deps, client, event.channel, threadTs);
    const question = stripSlackMarkup(event.text ?? '');
    let history: string[] = [];
    if (event.thread_ts && event.thread_ts !== event.ts) {
      try {
        history = (await readThread(client, event.channel, event.thread_ts, { botUserId: context.botUserId, botId: context.botId, excludeTs: event.ts })).history;
      } catch (e) {
        reportFailure(deps, 'reading the thread for a mention (answering without it)', e);
      }
    }
    await answerInConversation(deps, client, { channel: event.channel, threadTs, teamId: teamIdOf(context, body), status }, question, history, event.user);
  });

  app.event('message', async ({ event, client, context, body }) => {
    const m = event as unknown as PlainMessage;
    // Edits (message_changed), deletions (message_deleted), bot messages, joins, … are not questions.
    if (m.subtype !== undefined) return;
    if (m.bot_id || !m.user || m.user === context.botUserId) return;
    const text = m.text ?? '';
    const isDm = m.channel_type === 'im';
    // A mention in a channel also arrives as app_mention: that handler answers it.
    if (!isDm && context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
    const inThread = Boolean(m.thread_ts && m.thread_ts !== m.ts);
    const eventId = eventIdOf(body);
    const key = `${m.channel}:${m.ts}`;

    if (isDm) {
      if (alreadyHandled(deps, context, eventId, key)) return;
      // A DM is answered in its thread (a new top-level message starts a new conversation).
      const threadTs = m.thread_ts ?? m.ts;
      const status = showStatus(deps, client, m.channel, threadTs);
      const question = stripSlackMarkup(text);
      let history: string[] = [];
      if (inThread && m.thread_ts) {
        history = await readThread(client, m.channel, m.thread_ts, { botUserId: context.botUserId, botId: context.botId, excludeTs: m.ts })
          .then((t) => t.history)
          .catch((e: unknown) => {
            reportFailure(deps, 'reading a DM thread (answering without it)', e);
            return [];
          });
      }
      await answerInConversation(deps, client, { channel: m.channel, threadTs, teamId: teamIdOf(context, body), status }, GREETING.test(question) ? '' : question, history, m.user);
      return;
    }

    if (inThread && m.thread_ts) {
      // Follow-ups in a thread the bot replied in: answer with the whole thread so signals add up.
      if (isRetry(deps, context, eventId)) return;
      let thread;
      try {
        thread = await readThread(client, m.channel, m.thread_ts, { botUserId: context.botUserId, botId: context.botId, excludeTs: m.ts });
      } catch (e) {
        reportFailure(deps, 'reading a thread', e);
        return;
      }
      if (!thread.botInThread) return;
      if (alreadyHandled(deps, context, eventId, key)) return;
      const status = showStatus(deps, client, m.channel, m.thread_ts);
      await answerInConversation(deps, client, { channel: m.channel, threadTs: m.thread_ts, teamId: teamIdOf(context, body), status }, stripSlackMarkup(text), thread.history, m.user);
      return;
    }

    // Top-level channel message: only in watched channels, and only framework-choice questions.
    const question = stripSlackMarkup(text);
    if (!looksLikeFrameworkQuestion(question)) return;
    let watched: boolean;
    try {
      watched = await deps.store.isWatched(m.channel);
    } catch (e) {
      reportFailure(deps, 'reading the watch setting', e);
      return;
    }
    if (!watched) return;
    if (alreadyHandled(deps, context, eventId, key)) return;
    const status = showStatus(deps, client, m.channel, m.ts);
    await answerInConversation(deps, client, { channel: m.channel, threadTs: m.ts, teamId: teamIdOf(context, body), status }, question, [], m.user);
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let stats = null;
    try {
      stats = deps.advisor.stats();
    } catch (e) {
      reportFailure(deps, 'reading knowledge base figures', e);
    }
    try {
      await client.views.publish({ user_id: event.user, view: buildHome(stats) });
    } catch (e) {
      reportFailure(deps, 'publishing App Home', e);
    }
  });
}
