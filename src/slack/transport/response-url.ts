/** POST a message to a response_url we kept (e.g. in a modal's private_metadata). */
import { AdvisorError, ErrorCode } from '../../errors.ts';
import type { ResponseBody } from '../reply/reply.ts';

export async function postToResponseUrl(url: string, body: ResponseBody, opts: { timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<void> {
  const { timeoutMs = 5000, fetch = globalThis.fetch } = opts;
  if (!/^https?:\/\//.test(url)) throw new AdvisorError(ErrorCode.SlackDelivery, 'Not a response_url.');
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new AdvisorError(ErrorCode.SlackDelivery, 'Could not reach the response_url.', { cause: e });
  }
  if (!res.ok) throw new AdvisorError(ErrorCode.SlackDelivery, `response_url answered HTTP ${res.status}.`);
  await res.body?.cancel();
}
