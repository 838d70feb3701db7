/** The wizard modal's submission: compose a description, ask, and send the result to the user. */
import { z } from 'zod';
import { buildError } from '../ui/blocks/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { ViewArgs } from './types.ts';
import { postToResponseUrl } from '../transport/response-url.ts';
import { deliverAnswer } from '../reply/deliver.ts';
import { chatReply, responseUrlReply } from '../reply/reply.ts';
import { reportFailure } from '../failures.ts';
import { parseWizardState, wizardToQuestion } from '../ui/wizard-form.ts';

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

export function wizardSubmit(deps: SlackDeps): (args: ViewArgs) => Promise<void> {
  return async ({ ack, view, body, client }) => {
    await ack();
    const meta = parseMeta(view.private_metadata);
    const user = body.user.id;
    // Posting to a user id lands in the app's Messages tab with that user.
    const byDm = () => chatReply(deps, { client, channel: user, where: 'the wizard result (DM)' });
    const url = meta.r;
    const reply = url
      ? responseUrlReply(deps, {
          send: (b) => postToResponseUrl(url, b, deps.fetch ? { fetch: deps.fetch } : {}),
          where: 'the wizard result (response_url)',
          // After Refine on a private answer, the result takes its place when a summary will stream
          // into it (that response_url can only replace the message with the button). After Refine
          // on a public message, its response_url would replace that public message, so the summary
          // is not streamed there (the rules' answer stays).
          ownsMessage: meta.o === 'eph',
          ...(meta.o === 'pub' ? { maxUpdates: 0 } : {}),
          fallback: byDm,
        })
      : byDm();
    let question: string;
    try {
      question = wizardToQuestion(parseWizardState(view.state.values as Parameters<typeof parseWizardState>[0]));
    } catch (e) {
      await reply.post(buildError(reportFailure(deps, 'answering the wizard', e)));
      return;
    }
    const shareable = Boolean(meta.r && meta.c && !meta.c.startsWith('D'));
    // Built from the form's values: plain text, never Slack markup.
    await deliverAnswer(deps, question, { userId: user, shareable, plain: true }, reply);
  };
}
