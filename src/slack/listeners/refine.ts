/** Refine: open the wizard pre-filled from the answer whose button was pressed. */
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { safeRespond } from '../reply/button-reply.ts';
import { buildError, buildWizardModal } from '../ui/blocks/index.ts';
import { unpackValue } from '../ui/button-values.ts';
import { prefillFromAnswer } from '../ui/wizard-form.ts';
import type { ButtonArgs } from './types.ts';

export function refine(deps: SlackDeps): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    const p = unpackValue(action.value);
    try {
      const entry = p?.k ? deps.cache.get(p.k) : undefined;
      const prefill = prefillFromAnswer(entry?.question ?? p?.q ?? '', entry?.answer);
      // `o`: the response_url belongs to the message whose button was pressed, ephemeral or public
      // (the wizard result may replace the former, never the latter).
      const isEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
      const meta = JSON.stringify({ r: body.response_url, c: body.channel?.id, o: isEphemeral ? 'eph' : 'pub' });
      await client.views.open({ trigger_id: body.trigger_id, view: buildWizardModal(prefill, meta) });
    } catch (e) {
      const ref = reportFailure(deps, 'opening the wizard to refine', e);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not open the questionnaire.'));
    }
  };
}
