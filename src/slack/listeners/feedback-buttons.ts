/**
 * Slack's feedback_buttons under an answer (👍/👎 in a context_actions block): the value carries
 * only the answer's key and the vote; what is stored comes from the remembered answer
 * (record-feedback.ts).
 */
import type { BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { recordFeedback } from '../record-feedback.ts';
import { parseFeedbackValue } from '../ui/blocks/index.ts';
import type { FeedbackButtonArgs } from './types.ts';

export function feedbackButtons(deps: SlackDeps): (args: FeedbackButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = parseFeedbackValue(action.value);
    if (!p) return;
    const entry = p.k ? deps.cache.get(p.k) : undefined;
    if (!entry) deps.logger.info(`feedback for an answer no longer in memory (${p.k ?? 'no key'}): stored without its question`);
    const row = {
      question: entry?.question ?? '',
      intent: entry?.answer.intent ?? null,
      verdict: entry?.answer.verdict ?? null,
      confidence: entry?.answer.confidence ?? 0,
      helpful: p.vote === 'up',
      userId: body.user.id,
      channelId: body.channel?.id ?? null,
      at: deps.clock(),
    };
    await recordFeedback(deps, row, respond, { client, body: body as BlockAction });
  };
}

