/** An @mention: answered in a thread, with the thread so far when it is inside one. */
import type { SlackDeps } from '../deps.ts';
import { alreadyHandled, eventIdOf } from '../conversation/dedupe.ts';
import { readThread } from '../conversation/thread.ts';
import { reportFailure } from '../failures.ts';
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
    let history: string[] = [];
    if (event.thread_ts && event.thread_ts !== event.ts) {
      try {
        history = (await readThread(client, event.channel, event.thread_ts, { botUserId: context.botUserId, botId: context.botId, excludeTs: event.ts })).history;
      } catch (e) {
        reportFailure(deps, 'reading the thread for a mention (answering without it)', e);
      }
    }
    await deliverAnswer(deps, question, { history, ...(event.user ? { userId: event.user } : {}) }, reply);
  };
}
