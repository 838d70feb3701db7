/** 👍 / 👎 buttons (answers posted before feedback_buttons): store the feedback (record-feedback.ts). */
import type { SlackDeps } from '../deps.ts';
import { recordFeedback } from '../record-feedback.ts';
import { unpackValue } from '../ui/button-values.ts';
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
    await recordFeedback(deps, row, respond, { client, body });
  };
}
