/**
 * A vote, for both feedback controls (the 👍/👎 buttons of older answers, `listeners/feedback.ts`;
 * Slack's feedback_buttons, `listeners/feedback-buttons.ts`): what is stored comes from the
 * server's record of the answer (store/feedback.ts: one vote per user per answer, unknown answers
 * refused), never from the button value, which only names the answer by its key and the vote. The
 * write is committed before the ack (retried once), so an acknowledged click is never lost; when it
 * still fails the log line (with the reference) and the user both know. Because the write comes
 * before the ack, the shared replay check is awaited before it (alongside the answer's lookup): a
 * click replayed to another instance writes nothing (transport/first-delivery.ts).
 */
import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import { withRetry } from '../store/index.ts';
import { voteFor } from '../store/feedback.ts';
import type { SlackDeps } from './deps.ts';
import { reportFailure } from './failures.ts';
import { safeRespond } from './reply/button-reply.ts';
import { buildError, buildNotice } from './ui/blocks/index.ts';
import { ensureFirstDelivery } from './transport/first-delivery.ts';

export interface FeedbackClick {
  ack: () => Promise<void>;
  respond: RespondFn;
  client: webApi.WebClient;
  body: BlockAction;
  /** Bolt's context: carries the shared replay check in HTTP mode (first-delivery.ts). */
  context?: unknown;
}

/** Record `vote` (null: the button value was not one of ours, acked and ignored). */
export async function recordVote(deps: SlackDeps, click: FeedbackClick, vote: { key: string | undefined; helpful: boolean } | null): Promise<void> {
  const { ack, respond, client, body } = click;
  const helpful = vote?.helpful ?? false;
  // A replay throws here (ReplayedRequest, before anything is written; the listener's wrapper acks it).
  const [v] = await Promise.all([
    voteFor(vote?.key, (k) => deps.cache.get(k), { helpful, userId: body.user.id, channelId: body.channel?.id ?? null, at: deps.clock() }),
    ensureFirstDelivery(click.context),
  ]);
  if (!v.ok) {
    await ack();
    if (!vote) return;
    deps.logger.info(`feedback from ${body.user.id} refused: ${v.reason === 'no_key' ? 'no answer key in the button' : 'an answer the app does not know'}`);
    await safeRespond(deps, respond, buildNotice('Sorry, I no longer have that answer, so I cannot record feedback on it. Ask again and vote on the new answer.'));
    return;
  }
  const row = v.row;
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
    const ref = reportFailure(deps, `saving feedback (${helpful ? 'helpful' : 'not helpful'}, verdict ${row.verdict ?? 'none'}, from ${row.userId}) NOT SAVED`, failed);
    await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not save your feedback. Please try again later.'), { client, body, what: 'save your feedback' });
    return;
  }
  await safeRespond(deps, respond, buildNotice(helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling me. This question goes on the list of gaps to fill.'));
}
