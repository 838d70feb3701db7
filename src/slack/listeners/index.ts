/** Registers every listener on a Bolt app. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { register as registerActions } from './actions/index.ts';
import { register as registerAnswerControls } from './actions/answer-controls.ts';
import { register as registerCommands } from './commands/index.ts';
import { register as registerEvents } from './events/index.ts';
import { register as registerAgentSurface } from './events/agent.ts';
import { register as registerViews } from './views/index.ts';

export function registerListeners(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerAgentSurface(app, deps);
  registerActions(app, deps);
  registerAnswerControls(app, deps);
  registerViews(app, deps);
}
