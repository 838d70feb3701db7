/** The argument types of the listeners, as Bolt passes them, and what they read from them. */
import type { AllMiddlewareArgs, BlockAction, BlockFeedbackButtonsAction, ButtonAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type FeedbackButtonArgs = SlackActionMiddlewareArgs<BlockFeedbackButtonsAction> & AllMiddlewareArgs;
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The workspace of who sent a request (a native stream's recipient team). */
export function teamIdOf(context: { teamId?: string | undefined } | undefined, body: unknown): string | undefined {
  const t = context?.teamId ?? (body as { team_id?: unknown; team?: { id?: unknown } } | undefined)?.team_id ?? (body as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof t === 'string' ? t : undefined;
}
