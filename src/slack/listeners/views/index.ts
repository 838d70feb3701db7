/** The wizard modal's submission: compose a description, ask, and send the result to the user. */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { buildAnswerBlocks, buildError, type Message } from '../../blocks/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { CallbackId } from '../../ids.ts';
import { postToResponseUrl } from '../../response-url.ts';
import { askAndCache, reportFailure } from '../../service.ts';
import { parseWizardState, wizardToQuestion } from '../../wizard.ts';

const Meta = z.object({ r: z.string().optional(), c: z.string().optional() });

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
    try {
      const values = parseWizardState(view.state.values as Parameters<typeof parseWizardState>[0]);
      const question = wizardToQuestion(values);
      const { answer, key } = askAndCache(deps, question);
      message = buildAnswerBlocks(answer, { question, key, shareable: Boolean(meta.r && meta.c && !meta.c.startsWith('D')) });
    } catch (e) {
      message = buildError(reportFailure(deps, 'answering the wizard', e));
    }
    if (meta.r) {
      try {
        await postToResponseUrl(meta.r, message);
        return;
      } catch (e) {
        deps.logger.warn(`wizard: response_url failed, sending a DM instead: ${(e as Error).message}`);
      }
    }
    try {
      // Posting to a user id lands in the app's Messages tab with that user.
      await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks, unfurl_links: false });
    } catch (e) {
      reportFailure(deps, 'sending the wizard result', e);
    }
  });
}
