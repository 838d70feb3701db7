/**
 * Every listener, registered by id: one exported callback per file, each built from the deps.
 * Bolt routes a request to the callback registered for its command, event type, action_id or
 * callback_id. Each runs only for a request's first delivery: behind `onFirstDelivery`, which
 * waits for the shared replay check after the ack (transport/first-delivery.ts).
 */
import type { App, BlockAction, BlockFeedbackButtonsAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { ActionId, ASK_ACTION_PATTERN, CallbackId, SLASH_COMMAND } from '../ui/ids.ts';
import { slashCommand } from './command.ts';
import { details } from './details.ts';
import { feedback } from './feedback.ts';
import { feedbackButtons } from './feedback-buttons.ts';
import { followUp } from './follow-up.ts';
import { homeOpened } from './home-opened.ts';
import { mention } from './mention.ts';
import { message } from './message.ts';
import { messagesTabOpened } from './messages-tab.ts';
import { openWizard } from './open-wizard.ts';
import { refine } from './refine.ts';
import { share } from './share.ts';
import { wizardSubmit } from './wizard-submit.ts';
import { onFirstDelivery } from '../transport/first-delivery.ts';

export function registerListeners(app: App, deps: SlackDeps): void {
  const once = <A extends { context: unknown }>(listener: (args: A) => Promise<void>) => onFirstDelivery(deps.logger, listener);
  app.command(SLASH_COMMAND, once(slashCommand(deps)));
  app.event('app_mention', once(mention(deps)));
  app.event('message', once(message(deps)));
  // One event, two tabs: Home publishes App Home, Messages pins the suggested prompts.
  app.event('app_home_opened', once(homeOpened(deps)));
  app.event('app_home_opened', once(messagesTabOpened(deps)));
  app.action<BlockAction<ButtonAction>>(ASK_ACTION_PATTERN, once(followUp(deps)));
  app.action<BlockAction<ButtonAction>>(ActionId.share, once(share(deps)));
  app.action<BlockAction<ButtonAction>>(ActionId.refine, once(refine(deps)));
  app.action<BlockAction<ButtonAction>>(ActionId.feedbackUp, once(feedback(deps, true)));
  app.action<BlockAction<ButtonAction>>(ActionId.feedbackDown, once(feedback(deps, false)));
  app.action<BlockFeedbackButtonsAction>(ActionId.feedback, once(feedbackButtons(deps)));
  app.action<BlockAction<ButtonAction>>(ActionId.details, once(details(deps)));
  app.action<BlockAction<ButtonAction>>(ActionId.openWizard, once(openWizard(deps)));
  app.view(CallbackId.wizard, once(wizardSubmit(deps)));
}
