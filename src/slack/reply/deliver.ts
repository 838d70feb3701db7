/**
 * The one way an answer reaches a user: ask, render, post, stream the summary. Every answering
 * path (slash command, compare, mentions, thread follow-ups, DMs, watched channels, follow-up
 * buttons, the wizard, the local console) calls `deliverAnswer` with the `Reply` for where it goes.
 */
import type { AnswerStream } from '../../answerer.ts';
import type { Answer } from '../../core/types.ts';
import { buildAnswerBlocks, buildError, buildHelp, type Message } from '../ui/blocks/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { Reply } from './reply.ts';
import { askFinished, askStreaming } from '../ask.ts';
import { reportFailure } from '../failures.ts';
import { streamNatively } from './native-stream.ts';
import { streamSummary } from './stream-summary.ts';


/** What deliverAnswer needs from the app (the console has no store or Slack client). */
export type DeliveryDeps = Pick<SlackDeps, 'answerer' | 'cache' | 'logger' | 'random' | 'streamIntervalMs'>;

export interface AnswerContext {
  /** Earlier messages of the conversation, oldest first. */
  history?: string[];
  /** Who asked: counts against the per-user LLM limit. */
  userId?: string;
  /** Offer "Share in channel" (a private answer in a channel). */
  shareable?: boolean;
  /**
   * The question and history are plain text: Slack markup was stripped where they came in (every
   * Slack listener), so the core does not strip them again (AskOptions.plain).
   */
  plain?: boolean;
}

/**
 * Answer `question` (with the context's history) through `reply`: the rules' answer is posted at
 * once; with an LLM configured, that message is then replaced as the summary streams in (at the
 * reply's rate and cap). Where the reply streams natively (a chat reply in a thread or DM), an
 * LLM summary goes that way instead: the rules' answer as the stream's first chunk, the summary
 * appended, the stream stopped with the answer's blocks (native-stream.ts); when the stream cannot
 * start, the answer is posted and updated as above. A reply that shows one finished message (the console) gets the answer
 * with its summary instead. An empty question with no history gets the help message; an empty
 * question with history answers the last message. A failure to answer becomes a friendly message
 * with a reference; a failure to post is the reply's to report.
 */
export async function deliverAnswer(deps: DeliveryDeps, question: string, ctx: AnswerContext, reply: Reply): Promise<void> {
  const history = ctx.history ?? [];
  // The first message, rendered only when it is posted: a native stream shows its own.
  let message: Message | undefined;
  let streamed: { stream: AnswerStream; render: (a: Answer, streaming: boolean) => Message; after: (a: Answer) => Message } | undefined;
  try {
    if (!question.trim() && history.length === 0) {
      message = buildHelp();
    } else {
      const q = question.trim() || history[history.length - 1] || '';
      const h = question.trim() ? history : history.slice(0, -1);
      const shareable = Boolean(ctx.shareable);
      if (reply.streams) {
        const { stream, key } = askStreaming(deps, q, h, ctx.userId, ctx.plain);
        const render = (a: Answer, summaryStreaming: boolean) => buildAnswerBlocks(a, { question: q, key, shareable, summaryStreaming });
        const after = (a: Answer) => buildAnswerBlocks(a, { question: q, key, shareable, afterStream: true });
        streamed = { stream, render, after };
      } else {
        const { answer, key } = await askFinished(deps, q, h, ctx.userId, ctx.plain);
        message = buildAnswerBlocks(answer, { question: q, key, shareable });
      }
    }
  } catch (e) {
    message = buildError(reportFailure(deps, `answering (${reply.where})`, e));
    streamed = undefined;
  }
  if (streamed?.stream.llm && reply.native) {
    const { stream, render, after } = streamed;
    if (await streamNatively(deps, stream, { full: (a) => render(a, false), after }, reply.native)) return;
  }
  if (!message && streamed) {
    try {
      message = streamed.render(streamed.stream.initial, false);
    } catch (e) {
      message = buildError(reportFailure(deps, `answering (${reply.where})`, e));
      streamed = undefined;
    }
  }
  const updatable = streamed !== undefined && reply.maxUpdates > 0;
  const shown = await reply.post(message ?? buildHelp(), { willUpdate: updatable && Boolean(streamed?.stream.llm) });
  if (shown && streamed && updatable) await streamSummary(deps, streamed.stream, streamed.render, reply);
}
