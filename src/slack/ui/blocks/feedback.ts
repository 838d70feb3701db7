/**
 * Feedback as Slack's own control: a `feedback_buttons` element in a `context_actions` block
 * (the 👍/👎 under AI answers). Each button's value is small: the answer's cache key and the vote.
 * What is stored for a vote (one per user per answer, bounded values) is the store's business.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { ActionId, BlockId } from '../ids.ts';

export type Vote = 'up' | 'down';

const FeedbackValue = z.object({ k: z.string().max(64).optional(), vote: z.enum(['up', 'down']) });
export type FeedbackValue = z.infer<typeof FeedbackValue>;

export function feedbackValue(key: string | undefined, vote: Vote): string {
  return JSON.stringify(key ? { k: key.slice(0, 64), vote } : { vote });
}

/** Parse a feedback_buttons value; null when it is not one of ours. */
export function parseFeedbackValue(value: string | undefined): FeedbackValue | null {
  if (!value || value.length > 200) return null;
  try {
    const r = FeedbackValue.safeParse(JSON.parse(value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function feedbackBlock(key: string | undefined): types.ContextActionsBlock {
  return {
    type: 'context_actions',
    block_id: BlockId.feedback,
    elements: [
      {
        type: 'feedback_buttons',
        action_id: ActionId.feedback,
        positive_button: { text: { type: 'plain_text', text: 'Helpful' }, accessibility_label: 'This answer was helpful', value: feedbackValue(key, 'up') },
        negative_button: { text: { type: 'plain_text', text: 'Not helpful' }, accessibility_label: 'This answer was not helpful', value: feedbackValue(key, 'down') },
      },
    ],
  };
}
