/**
 * "is thinking…" while an answer is worked out: assistant.threads.setStatus on the thread the
 * answer will go to, with loading messages (chat:write suffices since Slack's 2026-03 change, in
 * channels and DMs alike). A chat reply sets it when the listener asks (`Reply.showStatus`, first
 * thing, so it shows within a second) and posts only after the status call has settled, so a late
 * status can never outlive the answer (posting in the thread clears it). A status that cannot be
 * set is logged at debug level and changes nothing else.
 */
import type { webApi } from '@slack/bolt';
import { LOADING_MESSAGES, STATUS } from '../ui/agent.ts';
import type { SlackDeps } from '../deps.ts';
import { slackErrorCode } from '../failures.ts';

export interface Status {
  /** Resolves once the status call has settled (never rejects). */
  readonly set: Promise<void>;
  /** Clear the status when no message will be posted in that thread after all (an error path). */
  clear(): Promise<void>;
}

export function showStatus(deps: Pick<SlackDeps, 'logger'>, client: webApi.WebClient, channel: string, threadTs: string): Status {
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
