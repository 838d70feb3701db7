/** App Home's button: open the wizard (its result comes back by DM). */
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { buildWizardModal } from '../ui/blocks/index.ts';
import type { ButtonArgs } from './types.ts';

export function openWizard(deps: SlackDeps): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, body, client }) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildWizardModal({}, JSON.stringify({ c: body.user.id })) });
    } catch (e) {
      reportFailure(deps, 'opening the wizard from App Home', e);
    }
  };
}
