/** "Sources & details": a modal with everything the one-screen answer leaves out. */
import { bounded } from '../ask.ts';
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { safeRespond } from '../reply/button-reply.ts';
import { buildDetailsModal, buildError } from '../ui/blocks/index.ts';
import { unpackValue } from '../ui/button-values.ts';
import type { ButtonArgs } from './types.ts';

export function details(deps: SlackDeps): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, client, respond }) => {
    await ack();
    const p = unpackValue(action.value);
    if (!p) return;
    try {
      // After a restart (or once the recent answers forgot it) the question is asked again (rules
      // only: the same answer); the modal shows it to whoever clicked and carries no key.
      const hit = p.k ? await deps.cache.get(p.k) : undefined;
      const question = hit?.question ?? bounded(p.q, []).q;
      const answer = hit?.answer ?? deps.answerer.rules(question, { plain: true });
      await client.views.open({ trigger_id: body.trigger_id, view: buildDetailsModal(answer, question) });
    } catch (e) {
      const ref = reportFailure(deps, 'opening the sources and details', e);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not open the sources and details.'));
    }
  };
}
