/** A follow-up (or example) button: ask its question, with the conversation it came from, where the button is. */
import type { SlackDeps } from '../deps.ts';
import { deliverAnswer } from '../reply/deliver.ts';
import { buttonReply } from '../reply/button-reply.ts';
import { chatReply } from '../reply/reply.ts';
import { unpackValue } from '../ui/button-values.ts';
import { teamIdOf, type ButtonArgs } from './types.ts';

export function followUp(deps: SlackDeps): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client, context }) => {
    await ack();
    const p = unpackValue(action.value);
    if (!p || !p.q.trim()) return;
    const prev = p.k ? await deps.cache.get(p.k) : undefined;
    const history = prev ? [...prev.history, prev.question] : [];
    const isEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
    const channel = body.channel?.id;
    const msg = body.message as { ts?: string; thread_ts?: string } | undefined;
    const what = 'answer your follow-up question';
    // A public answer (thread or DM): continue the conversation where the button is. A private one:
    // answer privately; the new answer takes the place of the one whose button was pressed when a
    // summary will stream into it (an action's response_url can only replace that message).
    const inConversation = !isEphemeral && channel && msg?.ts ? { channel, threadTs: msg.thread_ts ?? (channel.startsWith('D') ? undefined : msg.ts) } : undefined;
    const reply = inConversation
      ? chatReply(deps, { client, channel: inConversation.channel, ...(inConversation.threadTs ? { threadTs: inConversation.threadTs } : {}), userId: body.user.id, teamId: teamIdOf(context, body), what })
      : buttonReply(deps, respond, client, body, what, true);
    const shareable = !inConversation && Boolean(channel);
    // The button's question and the history it came with were stripped of Slack markup when asked.
    await deliverAnswer(deps, p.q, { history, userId: body.user.id, shareable, plain: true }, reply);
  };
}
