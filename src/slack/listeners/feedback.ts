/**
 * 👍 / 👎: store the feedback from the server's record of the answer (store/feedback.ts: one vote
 * per user per answer, unknown answers refused), committed before the ack (retried once); tell the
 * user when it could not be saved.
 */
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { safeRespond } from '../reply/button-reply.ts';
import { buildError, buildNotice } from '../ui/blocks/index.ts';
import { unpackValue } from '../ui/button-values.ts';
import { withRetry } from '../../store/index.ts';
import { voteFor } from '../../store/feedback.ts';
import type { ButtonArgs } from './types.ts';

export function feedback(deps: SlackDeps, helpful: boolean): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client }) => {
    // What is stored comes from the server's record of the answer, never from the button value;
    // the write is committed before the ack, so an acknowledged click is never lost.
    const p = unpackValue(action.value);
    const vote = await voteFor(p?.k, (k) => deps.cache.get(k), { helpful, userId: body.user.id, channelId: body.channel?.id ?? null, at: deps.clock() });
    if (!vote.ok) {
      await ack();
      if (!p) return;
      deps.logger.info(`feedback from ${body.user.id} refused: ${vote.reason === 'no_key' ? 'no answer key in the button' : 'an answer the app does not know'}`);
      await safeRespond(deps, respond, buildNotice('Sorry, I no longer have that answer, so I cannot record feedback on it. Ask again and vote on the new answer.'));
      return;
    }
    const row = vote.row;
    let failed: unknown;
    try {
      await withRetry(
        () => deps.store.recordFeedback(row),
        (e) => deps.logger.warn(`retrying the feedback write: ${(e as Error).message}`),
      );
    } catch (e) {
      failed = e;
    }
    await ack();
    if (failed !== undefined) {
      // Not saved after a retry: the log line (with the reference) and the user both know.
      const ref = reportFailure(deps, `saving feedback (${helpful ? 'helpful' : 'not helpful'}, verdict ${row.verdict ?? 'none'}, from ${row.userId}) NOT SAVED`, failed);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not save your feedback. Please try again later.'), { client, body, what: 'save your feedback' });
      return;
    }
    await safeRespond(deps, respond, buildNotice(helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling me. This question goes on the list of gaps to fill.'));
  };
}
