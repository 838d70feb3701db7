/** App Home opened: publish the home view with the knowledge base figures. */
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { buildHome } from '../ui/blocks/index.ts';
import type { EventArgs } from './types.ts';

export function homeOpened(deps: SlackDeps): (args: EventArgs<'app_home_opened'>) => Promise<void> {
  return async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let stats = null;
    try {
      stats = deps.advisor.stats();
    } catch (e) {
      reportFailure(deps, 'reading knowledge base figures', e);
    }
    try {
      await client.views.publish({ user_id: event.user, view: buildHome(stats) });
    } catch (e) {
      reportFailure(deps, 'publishing App Home', e);
    }
  };
}
