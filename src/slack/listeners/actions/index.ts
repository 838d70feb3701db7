/** Buttons: ask a follow-up, share in channel, refine (wizard), feedback, open the wizard from Home. */
import type { App, BlockAction, ButtonAction, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { buildAnswerBlocks, buildDecisionRecord, buildError, buildNotice, buildWizardModal, type Message } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { ASK_ACTION_PATTERN, ActionId } from '../../ids.ts';
import type { Answer } from '../../../core/types.ts';
import { streamByChatUpdate } from '../../deliver.ts';
import { askStreaming, reportFailure, slackErrorCode } from '../../service.ts';
import { tellUserByDm } from '../../notify.ts';
import { RESPONSE_URL_MAX_UPDATES, streamSummary } from '../../stream.ts';
import { unpackValue } from '../../values.ts';
import { prefillFromAnswer } from '../../wizard.ts';
import { withRetry } from '../../../store/index.ts';
import { voteFor } from '../../../store/feedback.ts';
import { mayShare } from '../../share-policy.ts';

function ephemeral(m: Message): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks };
}

const INVITE_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'ekm_access_denied']);

/** Where a reply goes when the response_url fails: the user, by DM (see notify.ts). */
interface DmFallback {
  client: webApi.WebClient;
  body: BlockAction;
  what: string;
}

async function safeRespond(deps: SlackDeps, respond: RespondFn, m: Message, dm?: DmFallback): Promise<void> {
  try {
    await respond(ephemeral(m));
  } catch (e) {
    const ref = reportFailure(deps, 'responding through response_url', e);
    if (dm) await tellUserByDm(deps, dm.client, { userId: dm.body.user.id, channelId: dm.body.channel?.id, what: dm.what, ref, message: m });
  }
}

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ASK_ACTION_PATTERN, async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = unpackValue(action.value);
    if (!p || !p.q.trim()) return;
    try {
      const prev = p.k ? deps.cache.get(p.k) : undefined;
      const history = prev ? [...prev.history, prev.question] : [];
      const { stream, key } = askStreaming(deps, p.q, history, body.user.id);
      const isEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
      const channel = body.channel?.id;
      const msg = body.message as { ts?: string; thread_ts?: string } | undefined;
      if (!isEphemeral && channel && msg?.ts) {
        // A public answer (thread or DM): continue the conversation where the button is.
        const threadTs = msg.thread_ts ?? (channel.startsWith('D') ? undefined : msg.ts);
        const render = (a: Answer, streaming: boolean) => buildAnswerBlocks(a, { question: p.q, key, shareable: false, summaryStreaming: streaming });
        const m = render(stream.initial, false);
        const res = await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: m.text, blocks: m.blocks, unfurl_links: false });
        if (res.ts) await streamByChatUpdate(deps, client, channel, res.ts, stream, render);
      } else {
        const render = (a: Answer, streaming: boolean) => buildAnswerBlocks(a, { question: p.q, key, shareable: Boolean(channel), summaryStreaming: streaming });
        // With an LLM summary to stream, the new answer takes the place of the one whose button
        // was pressed: an action's response_url can only replace that message, not a newer one.
        await respond({ ...ephemeral(render(stream.initial, false)), replace_original: stream.llm });
        await streamSummary(deps, stream, {
          render,
          where: 'a follow-up answer (response_url)',
          maxUpdates: RESPONSE_URL_MAX_UPDATES,
          update: async (m) => {
            await respond({ ...ephemeral(m), replace_original: true });
          },
        });
      }
    } catch (e) {
      const ref = reportFailure(deps, 'answering a follow-up button', e);
      await safeRespond(deps, respond, buildError(ref), { client, body, what: 'answer your follow-up question' });
    }
  });

  app.action<BlockAction<ButtonAction>>(ActionId.share, async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = unpackValue(action.value);
    const channel = body.channel?.id;
    if (!p || !channel) {
      await safeRespond(deps, respond, buildNotice('I could not tell which channel to share in. Ask again with /framework in that channel.'));
      return;
    }
    // Only the asker may share a private answer, and only one this instance remembers (share-policy.ts).
    const allowed = mayShare(p.k ? deps.cache.get(p.k) : undefined, body.user.id);
    if (!allowed.ok) {
      deps.logger.warn(`share refused for ${body.user.id} in ${channel}: ${allowed.reason}`);
      await safeRespond(deps, respond, buildNotice(allowed.message));
      return;
    }
    let record: Message;
    try {
      const entry = allowed.entry;
      record = buildDecisionRecord(entry.answer, { question: entry.question, sharedBy: body.user.id });
    } catch (e) {
      const ref = reportFailure(deps, 'building a decision record', e);
      await safeRespond(deps, respond, buildError(ref), { client, body, what: 'share the answer' });
      return;
    }
    try {
      await client.chat.postMessage({ channel, text: record.text, blocks: record.blocks, unfurl_links: false, unfurl_media: false });
    } catch (e) {
      const code = slackErrorCode(e);
      if (code && INVITE_ERRORS.has(code)) {
        deps.logger.info(`share refused in ${channel}: ${code}`);
        await safeRespond(
          deps,
          respond,
          buildNotice(
            'I cannot post in this conversation because I am not a member of it. ' +
              'Invite me with `/invite @Framework Advisor` (or add the app from the channel details → Integrations), then press Share again.',
          ),
          { client, body, what: 'share the answer' },
        );
        return;
      }
      const ref = reportFailure(deps, `sharing in ${channel}`, e);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not share that in the channel.'), { client, body, what: 'share the answer' });
      return;
    }
    await safeRespond(deps, respond, buildNotice('Shared in the channel as a decision record.'), { client, body, what: 'confirm the share' });
  });

  app.action<BlockAction<ButtonAction>>(ActionId.refine, async ({ ack, action, body, client, respond }) => {
    await ack();
    const p = unpackValue(action.value);
    try {
      const entry = p?.k ? deps.cache.get(p.k) : undefined;
      const prefill = prefillFromAnswer(entry?.question ?? p?.q ?? '', entry?.answer);
      // `o`: the response_url belongs to the message whose button was pressed, ephemeral or public
      // (the wizard result may replace the former, never the latter).
      const isEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
      const meta = JSON.stringify({ r: body.response_url, c: body.channel?.id, o: isEphemeral ? 'eph' : 'pub' });
      await client.views.open({ trigger_id: body.trigger_id, view: buildWizardModal(prefill, meta) });
    } catch (e) {
      const ref = reportFailure(deps, 'opening the wizard to refine', e);
      await safeRespond(deps, respond, buildError(ref, 'Sorry, I could not open the questionnaire.'));
    }
  });

  const feedback = (helpful: boolean) =>
    async ({ ack, action, body, respond, client }: { ack: () => Promise<void>; action: ButtonAction; body: BlockAction; respond: RespondFn; client: webApi.WebClient }) => {
      // What is stored comes from the server's record of the answer, never from the button value;
      // the write is committed before the ack, so an acknowledged click is never lost (store/feedback.ts).
      const p = unpackValue(action.value);
      const vote = voteFor(p?.k, (k) => deps.cache.get(k), { helpful, userId: body.user.id, channelId: body.channel?.id ?? null, at: deps.clock() });
      if (!vote.ok) {
        await ack();
        if (!p) return;
        deps.logger.info(`feedback from ${body.user.id} refused: ${vote.reason === 'no_key' ? 'no answer key in the button' : 'an answer this instance does not know'}`);
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
  app.action<BlockAction<ButtonAction>>(ActionId.feedbackUp, feedback(true));
  app.action<BlockAction<ButtonAction>>(ActionId.feedbackDown, feedback(false));

  app.action<BlockAction<ButtonAction>>(ActionId.openWizard, async ({ ack, body, client }) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildWizardModal({}, JSON.stringify({ c: body.user.id })) });
    } catch (e) {
      reportFailure(deps, 'opening the wizard from App Home', e);
    }
  });
}

