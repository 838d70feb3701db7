/** The wizard modal's submission: compose a description, ask, and send the result to the user. */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { buildAnswerBlocks, buildError, type Message } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { CallbackId } from '../../ids.ts';
import { postToResponseUrl } from '../../response-url.ts';
import type { AnswerStream } from '../../../answerer.ts';
import type { Answer } from '../../../core/types.ts';
import { streamByChatUpdate } from '../../deliver.ts';
import { askStreaming, reportFailure } from '../../service.ts';
import { RESPONSE_URL_MAX_UPDATES, streamSummary } from '../../stream.ts';
import { parseWizardState, wizardToQuestion } from '../../wizard.ts';

/** r: a response_url; c: the conversation; o: whose response_url (a command's when absent, else the message's with Refine). */
const Meta = z.object({ r: z.string().optional(), c: z.string().optional(), o: z.enum(['eph', 'pub']).optional() });

function parseMeta(raw: string | undefined): z.infer<typeof Meta> {
  try {
    const r = Meta.safeParse(JSON.parse(raw || '{}'));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

export function register(app: App, deps: SlackDeps): void {
  app.view(CallbackId.wizard, async ({ ack, view, body, client }) => {
    await ack();
    const meta = parseMeta(view.private_metadata);
    const user = body.user.id;
    let message: Message;
    let streamed: { stream: AnswerStream; render: (a: Answer, streaming: boolean) => Message } | undefined;
    try {
      const values = parseWizardState(view.state.values as Parameters<typeof parseWizardState>[0]);
      const question = wizardToQuestion(values);
      const { stream, key } = askStreaming(deps, question, [], user);
      const shareable = Boolean(meta.r && meta.c && !meta.c.startsWith('D'));
      const render = (a: Answer, streaming: boolean) => buildAnswerBlocks(a, { question, key, shareable, summaryStreaming: streaming });
      streamed = { stream, render };
      message = render(stream.initial, false);
    } catch (e) {
      message = buildError(reportFailure(deps, 'answering the wizard', e));
    }
    if (meta.r) {
      const url = meta.r;
      // A Refine from a public message: its response_url would replace that public message, so the
      // summary is not streamed there (the rules' answer stays).
      const canStream = streamed !== undefined && meta.o !== 'pub';
      try {
        // After Refine on a private answer, the result takes its place when a summary will stream
        // into it (that response_url can only replace the message with the button).
        await postToResponseUrl(url, message, { replaceOriginal: canStream && meta.o === 'eph' && Boolean(streamed?.stream.llm), ...(deps.fetch ? { fetch: deps.fetch } : {}) });
      } catch (e) {
        deps.logger.warn(`wizard: response_url failed, sending a DM instead: ${(e as Error).message}`);
        await sendByDm(message);
        return;
      }
      if (streamed && canStream) {
        await streamSummary(deps, streamed.stream, {
          render: streamed.render,
          where: 'the wizard result (response_url)',
          maxUpdates: RESPONSE_URL_MAX_UPDATES,
          update: (m) => postToResponseUrl(url, m, { replaceOriginal: true, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
        });
      }
      return;
    }
    await sendByDm(message);

    async function sendByDm(m: Message): Promise<void> {
      try {
        // Posting to a user id lands in the app's Messages tab with that user.
        const res = await client.chat.postMessage({ channel: user, text: m.text, blocks: m.blocks, unfurl_links: false });
        // chat.update needs the DM's channel id, which the post returns.
        if (streamed && res.ts && res.channel) await streamByChatUpdate(deps, client, res.channel, res.ts, streamed.stream, streamed.render);
      } catch (e) {
        reportFailure(deps, 'sending the wizard result', e);
      }
    }
  });
}
