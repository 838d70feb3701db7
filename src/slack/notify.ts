/**
 * The last resort when a reply cannot be delivered where it belongs (an expired or failing
 * response_url, a channel post refused or failing): tell the user in the app's direct messages,
 * saying where the reply could not go, with the reply itself when there is one. Posting to a user
 * id lands in the app's Messages tab (chat:write, no extra scope). Never throws.
 */
import type { webApi } from '@slack/bolt';
import { clampBlocks, context, type Message } from './blocks/index.ts';
import type { SlackDeps } from './deps.ts';
import { reportFailure } from './service.ts';

/** How to name a conversation in a message: a channel link, or a plain phrase. */
export function conversationName(channelId: string | undefined): string {
  if (channelId && /^[CG][A-Z0-9]{1,20}$/.test(channelId)) return `<#${channelId}>`;
  if (channelId?.startsWith('D')) return 'our direct messages';
  return 'that conversation';
}

/**
 * DM `userId`: "I could not <what> in <where>" (+ reference) followed by `message` when given.
 * Returns true when the DM went out.
 */
export async function tellUserByDm(
  deps: SlackDeps,
  client: webApi.WebClient,
  o: { userId: string | undefined; channelId?: string; what: string; ref?: string; message?: Message },
): Promise<boolean> {
  if (!o.userId || !/^[UW][A-Z0-9]{1,20}$/.test(o.userId)) return false;
  const note = `:warning: I could not ${o.what} in ${conversationName(o.channelId)}${o.ref ? ` (reference \`${o.ref}\`)` : ''}, so I am telling you here.`;
  const blocks = clampBlocks([context(note), ...(o.message?.blocks ?? [])]);
  const text = `I could not ${o.what} in ${conversationName(o.channelId)}${o.ref ? ` (reference ${o.ref})` : ''}.`;
  try {
    await client.chat.postMessage({ channel: o.userId, text, blocks, unfurl_links: false, unfurl_media: false });
    deps.logger.info(`told ${o.userId} by DM that I could not ${o.what}${o.ref ? ` (${o.ref})` : ''}`);
    return true;
  } catch (e) {
    reportFailure(deps, `telling ${o.userId} by DM that I could not ${o.what}`, e);
    return false;
  }
}
