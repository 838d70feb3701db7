/**
 * Streaming the LLM summary into an answer that is already shown. The rules' answer goes out
 * first (deliverAnswer posts it); this then replaces that message with the summary so far, at most
 * once per `streamIntervalMs`, and finally with the finished Answer. Used where the reply does
 * not stream natively (a response_url: slash commands, ephemeral buttons, the wizard) or where a
 * native stream could not start (native-stream.ts).
 *
 * Never in the way: a failed update (429, 5xx, expired response_url) is logged once and stops the
 * partial updates; the user keeps the last message that got through (at worst the rules' answer).
 */
import type { AnswerStream } from '../../answerer.ts';
import type { Answer } from '../../core/types.ts';
import { describeError } from '../../errors.ts';
import type { Message } from '../ui/blocks/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { Reply } from './reply.ts';

export const STREAM_INTERVAL_MS = 1000;

/**
 * Follow `s` into `reply`, whose first message (the rules' answer) is already shown. Returns once
 * the final answer is shown (or could not be). Without an LLM summary (`s.llm` false) it does
 * nothing: no extra Slack calls. When the final answer is the rules' answer already shown and no
 * partial text went out, nothing is sent either. At most `reply.maxUpdates` updates, the final one
 * included.
 */
export async function streamSummary(deps: Pick<SlackDeps, 'logger' | 'streamIntervalMs'>, s: AnswerStream, render: (a: Answer, streaming: boolean) => Message, reply: Reply): Promise<void> {
  if (!s.llm) return;
  const interval = deps.streamIntervalMs ?? STREAM_INTERVAL_MS;
  const max = reply.maxUpdates;
  let sent = 0;
  let failed = false;
  let partialShown = false;
  let lastAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<void> | undefined;

  const send = async (m: Message): Promise<boolean> => {
    sent++;
    try {
      await reply.update(m);
      return true;
    } catch (e) {
      if (!failed) deps.logger.warn(`could not update ${reply.where} with the summary (keeping the message already shown): ${describeError(e)}`);
      failed = true;
      return false;
    }
  };

  try {
    for await (const text of s.updates) {
      // Keep one update for the final answer; skip values while one is in flight or too soon.
      if (failed || inflight || sent >= max - 1 || performance.now() - lastAt < interval) continue;
      lastAt = performance.now();
      inflight = send(render({ ...s.initial, summary: text }, true)).then((ok) => {
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
  if (sent < max) await send(render(final, false));
}
