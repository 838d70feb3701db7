/**
 * Watch changes are visible (issue 12 item 9): any member may turn watching on or off in a
 * channel, and the change is announced in that channel, naming who made it. Turning it on takes
 * effect only once the notice is posted (if the app cannot post there, nothing changes and the
 * user is told how to invite it); turning it off is applied even when the notice cannot be posted
 * (the app is then not in the channel, so it had nothing visible to stop).
 */
import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { slackErrorCode } from '../failures.ts';
import { escapeMrkdwn } from '../ui/mrkdwn.ts';

export function watchNoticeText(on: boolean, userId: string, command: string): string {
  const who = /^[UW][A-Z0-9]{1,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
  const cmd = escapeMrkdwn(command);
  return on
    ? `:eyes: ${who} turned on Framework Advisor in this channel: I will answer top-level questions about choosing Django, Flask or a Python web framework, in a thread. \`${cmd} watch off\` stops it.`
    : `${who} turned off Framework Advisor's watching in this channel: I will only answer here when mentioned. \`${cmd} watch on\` starts it again.`;
}

/** Post the notice; returns true when it was posted. Failures are logged with the Slack error code. */
export async function announceWatchChange(deps: SlackDeps, client: webApi.WebClient, channel: string, on: boolean, userId: string, command: string): Promise<boolean> {
  const text = watchNoticeText(on, userId, command);
  try {
    await client.chat.postMessage({ channel, text, unfurl_links: false, unfurl_media: false });
    deps.logger.info(`watch ${on ? 'on' : 'off'} in ${channel} by ${userId}: announced in the channel`);
    return true;
  } catch (e) {
    deps.logger.warn(`watch ${on ? 'on' : 'off'} in ${channel} by ${userId}: could not announce it (${slackErrorCode(e) ?? (e as Error).message})`);
    return false;
  }
}
