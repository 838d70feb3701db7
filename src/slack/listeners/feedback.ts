/**
 * 👍 / 👎 buttons (answers posted before feedback_buttons): the vote for the answer the button's
 * key names, through the integrity path (record-feedback.ts, store/feedback.ts).
 */
import type { SlackDeps } from '../deps.ts';
import { recordVote } from '../record-feedback.ts';
import { unpackValue } from '../ui/button-values.ts';
import type { ButtonArgs } from './types.ts';

export function feedback(deps: SlackDeps, helpful: boolean): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, action, body, respond, client, context }) => {
    const p = unpackValue(action.value);
    await recordVote(deps, { ack, respond, client, body, context }, p ? { key: p.k, helpful } : null);
  };
}
