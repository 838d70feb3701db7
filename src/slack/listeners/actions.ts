/** Buttons: ask a follow-up, share in channel, refine (wizard), feedback, open the wizard from Home. */
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import { buildDecisionRecord, buildError, buildNotice, buildWizardModal, type Message } from '../ui/blocks/index.ts';
import type { SlackDeps } from '../deps.ts';
import { ASK_ACTION_PATTERN, ActionId } from '../ui/ids.ts';
import { deliverAnswer } from '../reply/deliver.ts';
import { chatReply, responseUrlReply, userDmReply, type Reply } from '../reply/reply.ts';
import { askAndCache, reportFailure, slackErrorCode } from '../ask.ts';
import { unpackValue, type ButtonPayload } from '../ui/button-values.ts';
import { prefillFromAnswer } from '../ui/wizard-form.ts';
import { withRetry } from '../../store/index.ts';
import type { CachedAnswer } from '../conversation/answer-cache.ts';

/** The cached answer for a button, or a fresh one by re-asking its question. */
function resolve(deps: SlackDeps, p: ButtonPayload): CachedAnswer & { key: string } {
  const hit = p.k ? deps.cache.get(p.k) : undefined;
  if (hit && p.k) return { ...hit, key: p.k };
  const { answer, key } = askAndCache(deps, p.q);
  return { question: p.q, history: [], answer, key };
}

const INVITE_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'ekm_access_denied']);

/**
 * The reply to a button press: through its response_url (ephemeral, a new message), and when that
 * fails, to the user by DM saying what could not be done (`what`; no DM without it).
 */
function buttonReply(deps: SlackDeps, respond: RespondFn, client: webApi.WebClient, body: BlockAction, what?: string, ownsMessage = false): Reply {
  return responseUrlReply(deps, {
    send: respond,
    where: `the reply to a button (${what ?? 'a notice'})`,
    ownsMessage,
    ...(what ? { fallback: (ref: string) => userDmReply(deps, client, { userId: body.user.id, channelId: body.channel?.id, what, ref }) } : {}),
  });
}

async function safeRespond(deps: SlackDeps, respond: RespondFn, m: Message, dm?: { client: webApi.WebClient; body: BlockAction; what: string }): Promise<void> {
  if (dm) await buttonReply(deps, respond, dm.client, dm.body, dm.what).post(m);
  else await responseUrlReply(deps, { send: respond, where: 'the reply to a button' }).post(m);
}

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ASK_ACTION_PATTERN, async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = unpackValue(action.value);
    if (!p || !p.q.trim()) return;
    const prev = p.k ? deps.cache.get(p.k) : undefined;
    const history = prev ? [...prev.history, prev.question] : [];
    const isEphemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
    const channel = body.channel?.id;
    const msg = body.message as { ts?: string; thread_ts?: string } | undefined;
    const what = 'answer your follow-up question';
    // A public answer (thread or DM): continue the conversation where the button is. A private one:
    // answer privately; the new answer takes the place of the one whose button was pressed when a
    // summary will stream into it (an action's response_url can only replace that message).
    const inConversation = !isEphemeral && channel && msg?.ts ? { channel, threadTs: msg.thread_ts ?? (channel.startsWith('D') ? undefined : msg.ts) } : undefined;
    const reply = inConversation
      ? chatReply(deps, { client, channel: inConversation.channel, ...(inConversation.threadTs ? { threadTs: inConversation.threadTs } : {}), userId: body.user.id, what })
      : buttonReply(deps, respond, client, body, what, true);
    const shareable = !inConversation && Boolean(channel);
    await deliverAnswer(deps, p.q, { history, userId: body.user.id, shareable }, reply);
  });

  app.action<BlockAction<ButtonAction>>(ActionId.share, async ({ ack, action, body, respond, client }) => {
    await ack();
    const p = unpackValue(action.value);
    const channel = body.channel?.id;
    if (!p || !channel) {
      await safeRespond(deps, respond, buildNotice('I could not tell which channel to share in. Ask again with /framework in that channel.'));
      return;
    }
    let record: Message;
    try {
      const entry = resolve(deps, p);
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

