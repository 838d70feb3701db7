/**
 * Share in channel: post the answer as a decision record, only by its asker (share-policy.ts);
 * explain /invite when the bot is not a member.
 */
import type { SlackDeps } from '../deps.ts';
import { reportFailure, slackErrorCode } from '../failures.ts';
import { safeRespond } from '../reply/button-reply.ts';
import { buildDecisionRecord, buildError, buildNotice, type Message } from '../ui/blocks/index.ts';
import { unpackValue } from '../ui/button-values.ts';
import { mayShare } from './share-policy.ts';
import type { ButtonArgs } from './types.ts';

const INVITE_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'ekm_access_denied']);

export function share(deps: SlackDeps): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = unpackValue(action.value);
    const channel = body.channel?.id;
    if (!p || !channel) {
      await safeRespond(deps, respond, buildNotice('I could not tell which channel to share in. Ask again with /framework in that channel.'));
      return;
    }
    // Only the asker may share a private answer, and only one this instance remembers (share-policy.ts).
    const allowed = mayShare(p.k ? deps.cache.get(p.k) : undefined, body.user.id);
    if (!allowed.ok) {
      deps.logger.warn(`share refused for ${body.user.id} in ${channel}: ${allowed.reason}`);
      await safeRespond(deps, respond, buildNotice(allowed.message));
      return;
    }
    let record: Message;
    try {
      const entry = allowed.entry;
      record = buildDecisionRecord(entry.answer, { question: entry.question, sharedBy: body.user.id });
    } catch (e) {
      const ref = reportFailure(deps, 'building a decision record', e);
      await safeRespond(deps, respond, buildError(ref), { client, body, what: 'share the answer' });
      return;
    }
    try {
      await client.chat.postMessage({ channel, text: record.text, blocks: record.blocks, unfurl_links: false, unfurl_media: false });
    } catch (e) {
      const code = slackErrorCode(e);
      if (code && INVITE_ERRORS.has(code)) {
        deps.logger.info(`share refused in ${channel}: ${code}`);
        await safeRespond(
          deps,
          respond,
          buildNotice(
            'I cannot post in this conversation because I am not a member of it. ' +
              'Invite me with `/invite @Framework Advisor` (or add the app from the channel details → Integrations), then press Share again.',
          ),
          { client, body, what: 'share the answer' },
        );
        return;
      }
      const ref = reportFailure(deps, `sharing in ${channel}`, e);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not share that in the channel.'), { client, body, what: 'share the answer' });
      return;
    }
    await safeRespond(deps, respond, buildNotice('Shared in the channel as a decision record.'), { client, body, what: 'confirm the share' });
  };
}
