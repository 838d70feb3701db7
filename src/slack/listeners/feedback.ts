/** 👍 / 👎: store the feedback (retried once); tell the user when it could not be saved. */
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { safeRespond } from '../reply/button-reply.ts';
import { buildError, buildNotice } from '../ui/blocks/index.ts';
import { unpackValue } from '../ui/button-values.ts';
import { withRetry } from '../../store/index.ts';
import type { ButtonArgs } from './types.ts';

export function feedback(deps: SlackDeps, helpful: boolean): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = unpackValue(action.value);
    if (!p) return;
    const row = {
      question: p.q,
      intent: p.i ?? null,
      verdict: p.v ?? null,
      confidence: p.c ?? 0,
      helpful,
      userId: body.user.id,
      channelId: body.channel?.id ?? null,
      at: deps.clock(),
    };
    try {
      await withRetry(
        () => deps.store.recordFeedback(row),
        (e) => deps.logger.warn(`retrying the feedback write: ${(e as Error).message}`),
      );
    } catch (e) {
      // Not saved after a retry: the log line (with the reference) and the user both know.
      const ref = reportFailure(deps, `saving feedback (${helpful ? 'helpful' : 'not helpful'}, verdict ${row.verdict ?? 'none'}, from ${row.userId}) NOT SAVED`, e);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not save your feedback. Please try again later.'), { client, body, what: 'save your feedback' });
      return;
    }
    await safeRespond(deps, respond, buildNotice(helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling me. This question goes on the list of gaps to fill.'));
  };
}
