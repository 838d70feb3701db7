/**
 * Storing a vote and telling the user, for both feedback controls (the 👍/👎 buttons of older
 * answers, `listeners/feedback.ts`; Slack's feedback_buttons, `listeners/feedback-buttons.ts`):
 * the write is retried once; when it still fails the log line (with the reference) and the user
 * both know.
 */
import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { FeedbackInput } from '../store/index.ts';
import { withRetry } from '../store/index.ts';
import type { SlackDeps } from './deps.ts';
import { reportFailure } from './failures.ts';
import { safeRespond } from './reply/button-reply.ts';
import { buildError, buildNotice } from './ui/blocks/index.ts';

export async function recordFeedback(deps: SlackDeps, row: FeedbackInput, respond: RespondFn, dm?: { client: webApi.WebClient; body: BlockAction }): Promise<void> {
  try {
    await withRetry(
      () => deps.store.recordFeedback(row),
      (e) => deps.logger.warn(`retrying the feedback write: ${(e as Error).message}`),
    );
  } catch (e) {
    const ref = reportFailure(deps, `saving feedback (${row.helpful ? 'helpful' : 'not helpful'}, verdict ${row.verdict ?? 'none'}, from ${row.userId}) NOT SAVED`, e);
    await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not save your feedback. Please try again later.'), dm ? { ...dm, what: 'save your feedback' } : undefined);
    return;
  }
  await safeRespond(deps, respond, buildNotice(row.helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling me. This question goes on the list of gaps to fill.'));
}
