/**
 * The answer's own controls: "Sources & details" (a modal with everything the one-screen answer
 * leaves out) and Slack's feedback_buttons (👍/👎 in a context_actions block).
 */
import type { App, BlockAction, BlockFeedbackButtonsAction, ButtonAction, RespondFn } from '@slack/bolt';
import { buildDetailsModal, buildError, buildNotice, parseFeedbackValue, type Message } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { ActionId } from '../../ids.ts';
import { askAndCache, reportFailure } from '../../service.ts';
import { unpackValue } from '../../values.ts';
import { withRetry } from '../../../store/index.ts';

async function tell(deps: SlackDeps, respond: RespondFn, m: Message): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
  } catch (e) {
    reportFailure(deps, 'responding through response_url', e);
  }
}

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ActionId.details, async ({ ack, action, body, client, respond }) => {
    await ack();
    const p = unpackValue(action.value);
    if (!p) return;
    try {
      const hit = p.k ? deps.cache.get(p.k) : undefined;
      // After a restart (or once the LRU forgot) the question is asked again: same rules, same answer.
      const entry = hit ?? { question: p.q, answer: askAndCache(deps, p.q).answer };
      await client.views.open({ trigger_id: body.trigger_id, view: buildDetailsModal(entry.answer, entry.question) });
    } catch (e) {
      const ref = reportFailure(deps, 'opening the sources and details', e);
      await tell(deps, respond, buildError(ref, 'Sorry, I could not open the sources and details.'));
    }
  });

  app.action<BlockFeedbackButtonsAction>(ActionId.feedback, async ({ ack, action, body, respond }) => {
    await ack();
    const p = parseFeedbackValue(action.value);
    if (!p) return;
    const helpful = p.vote === 'up';
    const entry = p.k ? deps.cache.get(p.k) : undefined;
    if (!entry) deps.logger.info(`feedback for an answer no longer in memory (${p.k ?? 'no key'}): stored without its question`);
    const row = {
      question: entry?.question ?? '',
      intent: entry?.answer.intent ?? null,
      verdict: entry?.answer.verdict ?? null,
      confidence: entry?.answer.confidence ?? 0,
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
      const ref = reportFailure(deps, `saving feedback (${helpful ? 'helpful' : 'not helpful'}, verdict ${row.verdict ?? 'none'}, from ${row.userId}) NOT SAVED`, e);
      await tell(deps, respond, buildError(ref, 'Sorry, I could not save your feedback. Please try again later.'));
      return;
    }
    await tell(deps, respond, buildNotice(helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling me. This question goes on the list of gaps to fill.'));
  });
}
