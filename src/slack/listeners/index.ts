/** Registers every listener on a Bolt app. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { register as registerActions } from './actions.ts';
import { register as registerCommands } from './command.ts';
import { register as registerEvents } from './events.ts';
import { register as registerViews } from './wizard-submit.ts';

export function registerListeners(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}
