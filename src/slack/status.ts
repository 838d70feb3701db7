/**
 * "is thinking…" while an answer is worked out: assistant.threads.setStatus on the thread the
 * answer will go to, with loading messages (chat:write suffices since Slack's 2026-03 change, in
 * channels and DMs alike). Sent first, so it shows within a second; the answer is posted only after
 * the status call has settled, so a late status can never outlive the answer (posting in the thread
 * clears it). A status that cannot be set is logged at debug level and changes nothing else.
 */
import type { webApi } from '@slack/bolt';
import { LOADING_MESSAGES, STATUS } from './agent.ts';
import type { SlackDeps } from './deps.ts';
import { slackErrorCode } from './service.ts';

export interface Status {
  /** Resolves once the status call has settled (never rejects). */
  readonly set: Promise<void>;
  /** Clear the status when no message will be posted after all (an error path). */
  clear(): Promise<void>;
}

export function showStatus(deps: SlackDeps, client: webApi.WebClient, channel: string, threadTs: string): Status {
  const call = (status: string, extra: { loading_messages?: string[] } = {}) =>
    client.assistant.threads
      .setStatus({ channel_id: channel, thread_ts: threadTs, status, ...extra })
      .then(() => undefined)
      .catch((e: unknown) => deps.logger.debug(`could not set the status in ${channel}: ${slackErrorCode(e) ?? (e as Error).message}`));
  const set = call(STATUS, { loading_messages: [...LOADING_MESSAGES] });
  return {
    set,
    clear: async () => {
      await set;
      await call('');
    },
  };
}
