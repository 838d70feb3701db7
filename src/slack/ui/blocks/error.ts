/** The short, friendly failure message. Never a stack trace. */
import { safeMrkdwn } from '../mrkdwn.ts';
import { SLACK_LIMITS, context, section, type Message } from './common.ts';

export function buildError(ref: string, message = 'Sorry, something went wrong on my side.'): Message {
  const r = safeMrkdwn(ref, 40);
  return {
    text: safeMrkdwn(`${message} (reference ${ref})`, SLACK_LIMITS.fallbackText),
    blocks: [section(`:warning: ${safeMrkdwn(message, 500)}`), context(`If it keeps happening, give this reference to the app's maintainers: \`${r}\``)],
  };
}

/** A plain informational message (ephemeral notes such as "Thanks for the feedback"). */
export function buildNotice(text: string): Message {
  return { text: safeMrkdwn(text, SLACK_LIMITS.fallbackText), blocks: [section(safeMrkdwn(text, 2900))] };
}
