/**
 * Streaming the LLM summary into an answer that is already shown. The rules' answer goes out
 * first (the caller posts it); this then replaces that message with the summary so far, at most
 * once per `streamIntervalMs`, and finally with the finished Answer. Slack's chat streaming API
 * (chat.startStream/appendStream/stopStream) is not used: see docs/slack.md.
 *
 * Never in the way: a failed update (429, 5xx, expired response_url) is logged once and stops the
 * partial updates; the user keeps the last message that got through (at worst the rules' answer).
 */
import type { AnswerStream } from '../answerer.ts';
import type { Answer } from '../core/types.ts';
import { describeError } from '../errors.ts';
import type { Message } from './blocks/index.ts';
import type { SlackDeps } from './deps.ts';

export const STREAM_INTERVAL_MS = 1000;
/**
 * A response_url takes at most 5 messages in 30 minutes: the rules' answer, then at most
 * 3 partial updates and the final one.
 */
export const RESPONSE_URL_MAX_UPDATES = 4;

export interface StreamTarget {
  /** Render an answer; `streaming` is true while the summary is still being written. */
  render(a: Answer, streaming: boolean): Message;
  /** Replace the message already shown (chat.update, or response_url with replace_original). */
  update(m: Message): Promise<void>;
  /** What is updated, for the log line on failure. */
  where: string;
  /** Most updates to send, the final one included (default: no limit but the rate). */
  maxUpdates?: number;
}

/**
 * Follow `s` into `target`. Returns once the final answer is shown (or could not be). Without
 * an LLM summary (`s.llm` false) it does nothing: no extra Slack calls. When the final answer is
 * the rules' answer already shown and no partial text went out, nothing is sent either.
 */
export async function streamSummary(deps: SlackDeps, s: AnswerStream, target: StreamTarget): Promise<void> {
  if (!s.llm) return;
  const interval = deps.streamIntervalMs ?? STREAM_INTERVAL_MS;
  const max = target.maxUpdates ?? Number.POSITIVE_INFINITY;
  let sent = 0;
  let failed = false;
  let partialShown = false;
  let lastAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<void> | undefined;

  const send = async (m: Message): Promise<boolean> => {
    sent++;
    try {
      await target.update(m);
      return true;
    } catch (e) {
      if (!failed) deps.logger.warn(`could not update ${target.where} with the summary (keeping the message already shown): ${describeError(e)}`);
      failed = true;
      return false;
    }
  };

  try {
    for await (const text of s.updates) {
      // Keep one update for the final answer; skip values while one is in flight or too soon.
      if (failed || inflight || sent >= max - 1 || performance.now() - lastAt < interval) continue;
      lastAt = performance.now();
      inflight = send(target.render({ ...s.initial, summary: text }, true)).then((ok) => {
        if (ok) partialShown = true;
        inflight = undefined;
      });
    }
  } catch (e) {
    // `updates` is not expected to throw; `final` still settles.
    deps.logger.debug(`summary stream ended early: ${describeError(e)}`);
  }
  await inflight;
  const final = await s.final;
  const unchanged = final.summary === s.initial.summary && final.summarySource === s.initial.summarySource;
  if (unchanged && !partialShown) return;
  // After a failed partial update, the final one is still tried once (it matters most).
  if (sent < max) await send(target.render(final, false));
}
