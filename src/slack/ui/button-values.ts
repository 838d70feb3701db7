/**
 * Button values: what a click needs to act without server state, within Slack's 2000-character
 * limit. `k` is a key into the recent-answers LRU; `q` is the question (truncated) so that a
 * click still works after the LRU forgot the answer (or after a restart): we re-ask.
 */
import { z } from 'zod';
import { truncate } from './mrkdwn.ts';

import { SLACK_LIMITS } from './slack-limits.ts';

const PayloadSchema = z.object({
  q: z.string().max(SLACK_LIMITS.buttonValue),
  k: z.string().max(64).optional(),
  v: z.enum(['django', 'flask', 'either']).nullable().optional(),
  c: z.number().min(0).max(1).optional(),
  i: z.string().max(32).optional(),
});

export type ButtonPayload = z.infer<typeof PayloadSchema>;

/** JSON-encode a payload, shortening `q` until the value fits `max` characters. */
export function packValue(p: ButtonPayload, max: number = SLACK_LIMITS.buttonValue): string {
  let q = p.q;
  let out = JSON.stringify({ ...p, q });
  while (out.length > max) {
    // JSON escaping can grow a character up to 6x; shrink proportionally, at least by one.
    const over = out.length - max;
    q = truncate(q, Math.max(0, q.length - Math.max(1, over)));
    out = JSON.stringify({ ...p, q });
    if (q.length === 0 && out.length > max) return JSON.stringify({ q: '' });
  }
  return out;
}

/** Parse a button value; null when it is not one of ours. */
export function unpackValue(value: string | undefined): ButtonPayload | null {
  // Slack caps button values at 2,000 characters; a longer one is forged and never parsed.
  if (!value || typeof value !== 'string' || value.length > SLACK_LIMITS.buttonValue) return null;
  try {
    const r = PayloadSchema.safeParse(JSON.parse(value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
