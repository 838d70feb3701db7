/** Signed Slack requests against a running app. */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'e2esigningsecret0123456789';
export const BOT_TOKEN = 'xoxb-e2e-0000-secret';

export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  ts?: number;
  signature?: string;
  headers?: Record<string, string>;
}

export async function postSigned(base: string, body: string, o: PostOptions): Promise<{ status: number; text: string }> {
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': o.contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': o.signature ?? sign(body, ts),
      ...o.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function slashCommand(text: string, responseUrl: string, over: Record<string, string> = {}): string {
  return form({
    token: 'deprecated',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: 'C1',
    channel_name: 'planning',
    user_id: 'U1',
    user_name: 'ada',
    command: '/framework',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
    ...over,
  });
}

export function eventCallback(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  });
}

/** A signed-request body for a block_actions click on one button of an answer (form-encoded `payload=`). */
/** A signed-ready block_actions body; `action` replaces the default button (e.g. a feedback_buttons click). */
export function buttonClick(o: { actionId?: string; value?: unknown; responseUrl: string; user?: string; channel?: string; action?: Record<string, unknown> }): string {
  return form({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: o.user ?? 'U1' },
      api_app_id: 'A1',
      container: { type: 'message', is_ephemeral: true },
      trigger_id: '1.2.3',
      channel: { id: o.channel ?? 'C1' },
      response_url: o.responseUrl,
      actions: [o.action ?? { type: 'button', action_id: o.actionId, block_id: 'answer_actions', value: JSON.stringify(o.value), action_ts: '1.3' }],
    }),
  });
}
