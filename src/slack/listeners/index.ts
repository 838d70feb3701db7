/**
 * Every listener, registered by id: one exported callback per file, each built from the deps.
 * Bolt routes a request to the callback registered for its command, event type, action_id or
 * callback_id.
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

export function registerListeners(app: App, deps: SlackDeps): void {
  app.command(SLASH_COMMAND, slashCommand(deps));
  app.event('app_mention', mention(deps));
  app.event('message', message(deps));
  // One event, two tabs: Home publishes App Home, Messages pins the suggested prompts.
  app.event('app_home_opened', homeOpened(deps));
  app.event('app_home_opened', messagesTabOpened(deps));
  app.action<BlockAction<ButtonAction>>(ASK_ACTION_PATTERN, followUp(deps));
  app.action<BlockAction<ButtonAction>>(ActionId.share, share(deps));
  app.action<BlockAction<ButtonAction>>(ActionId.refine, refine(deps));
  app.action<BlockAction<ButtonAction>>(ActionId.feedbackUp, feedback(deps, true));
  app.action<BlockAction<ButtonAction>>(ActionId.feedbackDown, feedback(deps, false));
  app.action<BlockFeedbackButtonsAction>(ActionId.feedback, feedbackButtons(deps));
  app.action<BlockAction<ButtonAction>>(ActionId.details, details(deps));
  app.action<BlockAction<ButtonAction>>(ActionId.openWizard, openWizard(deps));
  app.view(CallbackId.wizard, wizardSubmit(deps));
}
