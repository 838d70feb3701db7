/** An @mention: answered in a thread, with the thread so far when it is inside one. */
import type { SlackDeps } from '../deps.ts';
import { alreadyHandled, eventIdOf } from '../conversation/dedupe.ts';
import { threadHistory } from '../conversation/thread.ts';
import { deliverAnswer } from '../reply/deliver.ts';
import { chatReply } from '../reply/reply.ts';
import { stripSlackMarkup } from '../ui/mrkdwn.ts';
import { teamIdOf, type EventArgs } from './types.ts';

export function mention(deps: SlackDeps): (args: EventArgs<'app_mention'>) => Promise<void> {
  return async ({ event, client, context, body }) => {
    if (event.bot_id || (event.user && event.user === context.botUserId)) return;
    if ((event as { subtype?: string }).subtype) return;
    if (await alreadyHandled(deps, context, eventIdOf(body), `${event.channel}:${event.ts}`)) return;
    // The answer's thread shows "is thinking…" at once, before anything else is read or computed.
    const reply = chatReply(deps, { client, channel: event.channel, threadTs: event.thread_ts ?? event.ts, teamId: teamIdOf(context, body), ...(event.user ? { userId: event.user } : {}) });
    reply.showStatus?.();
    const question = stripSlackMarkup(event.text ?? '');
    const history = event.thread_ts && event.thread_ts !== event.ts ? await threadHistory(deps, client, context, event.channel, event.thread_ts, event.ts, 'reading the thread for a mention') : [];
    // Stripped above (and the thread's messages in readThread): the core is told (plain).
    await deliverAnswer(deps, question, { history, ...(event.user ? { userId: event.user } : {}), plain: true }, reply);
  };
}
