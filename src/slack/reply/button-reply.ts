/** The reply to a button press: its response_url, and the user's DM when that fails. */
import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Message } from '../ui/blocks/index.ts';
import type { SlackDeps } from '../deps.ts';
import { responseUrlReply, userDmReply, type Reply } from './reply.ts';

/**
 * The reply to a button press: through its response_url (ephemeral, a new message), and when that
 * fails, to the user by DM saying what could not be done (`what`; no DM without it).
 */
export function buttonReply(deps: SlackDeps, respond: RespondFn, client: webApi.WebClient, body: BlockAction, what?: string, ownsMessage = false): Reply {
  return responseUrlReply(deps, {
    send: respond,
    where: `the reply to a button (${what ?? 'a notice'})`,
    ownsMessage,
    ...(what ? { fallback: (ref: string) => userDmReply(deps, client, { userId: body.user.id, channelId: body.channel?.id, what, ref }) } : {}),
  });
}

export async function safeRespond(deps: SlackDeps, respond: RespondFn, m: Message, dm?: { client: webApi.WebClient; body: BlockAction; what: string }): Promise<void> {
  if (dm) await buttonReply(deps, respond, dm.client, dm.body, dm.what).post(m);
  else await responseUrlReply(deps, { send: respond, where: 'the reply to a button' }).post(m);
}
