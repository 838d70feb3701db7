/**
 * Slack's feedback_buttons under an answer (👍/👎 in a context_actions block): the value carries
 * only the answer's key and the vote; the vote goes through the integrity path
 * (record-feedback.ts, store/feedback.ts).
 */
import type { BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { recordVote } from '../record-feedback.ts';
import { parseFeedbackValue } from '../ui/blocks/index.ts';
import type { FeedbackButtonArgs } from './types.ts';

export function feedbackButtons(deps: SlackDeps): (args: FeedbackButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client, context }) => {
    const p = parseFeedbackValue(action.value);
    await recordVote(deps, { ack, respond, client, body: body as BlockAction, context }, p ? { key: p.k, helpful: p.vote === 'up' } : null);
  };
}
