/**
 * Native streaming into a thread or DM (Slack's chat.startStream → appendStream → stopStream), the
 * chat reply's capability (`Reply.native`, reply.ts), used by deliverAnswer when an LLM summary
 * will stream there. The rules' answer goes first (the headline and reasons as the stream's first
 * markdown chunk, `answerMarkdown`), the summary is appended as it arrives (at most one append per
 * `streamIntervalMs`), and the stream is stopped with the answer's blocks (sources, actions,
 * feedback_buttons; `buildAnswerBlocks(final, { afterStream: true })`).
 *
 * Never silent on failure: when startStream fails, deliverAnswer posts the Block Kit answer and
 * follows the summary with chat.update (streamSummary), with a warning logged. When an append or
 * the stop fails (message_not_in_streaming_state, a 5xx, a timeout) the message is replaced with
 * the finished answer by chat.update, with a visible note; if even that fails, the answer is
 * posted in the thread. When the streamed text is not the final summary (the LLM failed or was
 * discarded after text was shown), the stream is stopped and the message corrected the same way.
 */
import type { webApi } from '@slack/bolt';
import type { AnswerStream } from '../../answerer.ts';
import type { Answer } from '../../core/types.ts';
import { describeError } from '../../errors.ts';
import { answerMarkdown, clampBlocks, context, type Message } from '../ui/blocks/index.ts';
import type { SlackDeps } from '../deps.ts';
import { reportFailure, slackErrorCode } from '../failures.ts';
import { STREAM_INTERVAL_MS } from './stream-summary.ts';

type Deps = Pick<SlackDeps, 'logger' | 'random'>;

/** The Slack calls of one native stream (one message): what a chat reply in a thread offers. */
export interface NativeStream {
  /** The conversation streamed into, for log lines. */
  readonly channel: string;
  /** chat.startStream with the first markdown chunk. False when it could not start (logged; nothing shown). */
  start(markdown: string): Promise<boolean>;
  /** chat.appendStream. Throws when it fails. */
  append(markdown: string): Promise<void>;
  /** chat.stopStream with the last markdown (if any) and the blocks the message ends with. Throws when it fails. */
  stop(markdown: string, m: Message): Promise<void>;
  /** Replace the streamed message with `m` (chat.update), or post `m` in the thread when that fails. Never throws. */
  replace(m: Message): Promise<void>;
}

export interface NativeStreamTarget {
  channel: string;
  threadTs: string;
  /** Required by Slack outside DMs: who asked, and their workspace. */
  recipientUserId?: string;
  recipientTeamId?: string;
  /** Settles before the stream starts (the thread's status, so it cannot outlive the answer). */
  before?: () => Promise<void> | undefined;
}

const why = (e: unknown) => slackErrorCode(e) ?? describeError(e);

export function nativeStream(deps: Deps, client: webApi.WebClient, t: NativeStreamTarget): NativeStream {
  let ts: string | undefined;
  const at = () => {
    if (!ts) throw new Error('no stream started');
    return ts;
  };
  return {
    channel: t.channel,
    async start(markdown) {
      await t.before?.();
      try {
        const res = await client.chat.startStream({
          channel: t.channel,
          thread_ts: t.threadTs,
          ...(t.recipientUserId ? { recipient_user_id: t.recipientUserId } : {}),
          ...(t.recipientTeamId ? { recipient_team_id: t.recipientTeamId } : {}),
          markdown_text: markdown,
        });
        ts = res.ts;
      } catch (e) {
        deps.logger.warn(`native stream could not start in ${t.channel} (${why(e)}): posting the answer and updating it with chat.update instead`);
        return false;
      }
      if (!ts) deps.logger.warn(`native stream in ${t.channel} started without a ts: posting the answer instead`);
      return Boolean(ts);
    },
    async append(markdown) {
      await client.chat.appendStream({ channel: t.channel, ts: at(), markdown_text: markdown });
    },
    async stop(markdown, m) {
      await client.chat.stopStream({ channel: t.channel, ts: at(), ...(markdown ? { markdown_text: markdown } : {}), blocks: m.blocks });
    },
    async replace(m) {
      try {
        await client.chat.update({ channel: t.channel, ts: at(), text: m.text, blocks: m.blocks });
      } catch (e) {
        reportFailure(deps, `replacing the interrupted stream in ${t.channel} (posting the answer instead)`, e);
        try {
          await client.chat.postMessage({ channel: t.channel, thread_ts: t.threadTs, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
        } catch (e2) {
          reportFailure(deps, `posting the answer after a failed stream in ${t.channel}`, e2);
        }
      }
    },
  };
}

export interface NativeStreamRender {
  /** The whole answer as Block Kit (the chat.update fallback). */
  full(a: Answer): Message;
  /** The blocks the stream is stopped with (no headline, reasons or summary: they were streamed). */
  after(a: Answer): Message;
}

export const STREAM_INTERRUPTED_NOTE = '_Streaming stopped part-way, so here is the finished answer._';

/**
 * Stream `s` through `native`. Returns false when the stream could not start (nothing was shown:
 * the caller delivers the answer another way), true once the answer is shown (or reported).
 */
export async function streamNatively(deps: Pick<SlackDeps, 'logger' | 'streamIntervalMs'>, s: AnswerStream, r: NativeStreamRender, native: NativeStream): Promise<boolean> {
  const where = native.channel;
  if (!(await native.start(`${answerMarkdown(s.initial)}\n\n`))) return false;

  const interval = deps.streamIntervalMs ?? STREAM_INTERVAL_MS;
  let shown = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  let failure: unknown;
  try {
    for await (const text of s.updates) {
      // A value that does not extend what was appended cannot be un-appended: the end reconciles.
      if (failure !== undefined || !text.startsWith(shown) || performance.now() - lastAt < interval) continue;
      const delta = text.slice(shown.length);
      if (!delta) continue;
      lastAt = performance.now();
      try {
        await native.append(delta);
        shown = text;
      } catch (e) {
        failure = e;
      }
    }
  } catch (e) {
    deps.logger.debug(`summary stream ended early: ${describeError(e)}`);
  }
  const final = await s.final;
  const summary = final.summarySource === 'llm' ? final.summary : '';
  const matches = summary.startsWith(shown);
  if (failure === undefined) {
    try {
      await native.stop(matches ? summary.slice(shown.length) : '', r.after(final));
      if (matches) return true;
      deps.logger.warn(`the streamed summary in ${where} is not the final one (${final.summarySource === 'llm' ? 'replaced' : 'the LLM summary was not used'}): showing the finished answer with chat.update`);
    } catch (e) {
      failure = e;
    }
  }
  if (failure !== undefined) deps.logger.warn(`native stream in ${where} failed (${why(failure)}): showing the finished answer with chat.update`);
  const full = r.full(final);
  await native.replace(failure !== undefined ? { text: full.text, blocks: clampBlocks([...full.blocks.slice(0, 1), context(STREAM_INTERRUPTED_NOTE), ...full.blocks.slice(1)]) } : full);
  return true;
}
