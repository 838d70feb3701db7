/**
 * De-duplication: a Slack retry (X-Slack-Retry-Num) is never answered, and an event id or a
 * message (channel + ts) is handled once (the app_mention and message twins of one mention).
 */
import type { Context } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';

/** True when this delivery must not be handled: a Slack retry, or an event/message seen before. */
export async function alreadyHandled(deps: SlackDeps, context: Context, eventId: string | undefined, messageKey: string | undefined): Promise<boolean> {
  if (isRetry(deps, context, eventId)) return true;
  // Shared through the store (SharedSeen): one event reaching two instances is handled once. Both
  // keys are claimed together (one round trip to the store); handled only when both are new.
  const [event, message] = await Promise.all([eventId ? deps.seen.firstTime(`e:${eventId}`) : true, messageKey ? deps.seen.firstTime(`m:${messageKey}`) : true]);
  return !event || !message;
}

/** Slack retries (X-Slack-Retry-Num) are never answered: the first delivery was acked and handled. */
export function isRetry(deps: SlackDeps, context: Context, eventId: string | undefined): boolean {
  if (context.retryNum !== undefined && context.retryNum > 0) {
    deps.logger.info(`ignoring Slack retry #${context.retryNum} (${context.retryReason ?? 'unknown reason'}) of ${eventId ?? 'an event'}`);
    return true;
  }
  return false;
}

export function eventIdOf(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' ? id : undefined;
}
