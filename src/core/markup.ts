/**
 * Slack markup stripping, one implementation for the whole app: the core's `normalise` and the Slack
 * layer both use it. Pure; never imports Slack.
 */
import { LIMITS } from '../limits.ts';

/*
 * Slack markup stripping in linear time, with the length cap applied first (issue 12 item 4).
 *
 * The former version ran five regexes such as `<([^|>]+)\|([^>]+)>` over the whole text: on a run
 * of unclosed `<` each one rescans the rest of the text from every `<`, which is quadratic (40,000
 * `<` took 3.8 s and stalled the event loop). Here the text is cut to `STRIP_INPUT_MAX` characters
 * first (the question itself is capped at LIMITS.questionChars later; the margin leaves room for
 * markup that is removed), then scanned once: for each `<`, the next `>` is found from a position
 * that only moves forward, so every character is looked at a bounded number of times.
 */

/** Longest text that is stripped at all (twice the question cap). */
export const STRIP_INPUT_MAX = 2 * LIMITS.questionChars;

const USER_MENTION = /^@[A-Z0-9]+(\|.*)?$/s;
const CHANNEL_LINK = /^#[A-Z0-9]+\|(.*)$/s;

/** Replacement for the inside of one `<…>`, or null to keep the `<` as a literal. */
function replacement(inner: string): string | null {
  if (inner.length === 0) return null;
  if (USER_MENTION.test(inner)) return ' ';
  if (inner.charCodeAt(0) === 33 /* ! */) return ' ';
  const ch = CHANNEL_LINK.exec(inner);
  if (ch) return `#${ch[1]}`;
  const bar = inner.indexOf('|');
  // `<url|label>`: the label (which may itself contain `|`); `<url|>` keeps the whole inside.
  if (bar > 0 && bar < inner.length - 1) return inner.slice(bar + 1);
  return inner;
}

/** The scan itself (no cap): linear in `text.length`. Exported for the linearity test. */
export function stripMarkupUncapped(text: string): string {
  const parts: string[] = [];
  const n = text.length;
  let i = 0;
  // The next '>' and the next '<' after the current '<': both only move forward, so the
  // indexOf calls scan each character a bounded number of times in all.
  let close = -2;
  while (i < n) {
    const open = text.indexOf('<', i);
    if (open === -1) {
      parts.push(text.slice(i));
      break;
    }
    parts.push(text.slice(i, open));
    if (close !== -1 && close <= open) close = text.indexOf('>', open + 1);
    if (close === -1) {
      // No '>' anywhere after: everything left is literal.
      parts.push(text.slice(open));
      break;
    }
    // A '<' before the '>' means this one does not start markup; the later one may.
    const nextOpen = text.indexOf('<', open + 1);
    if (nextOpen !== -1 && nextOpen < close) {
      parts.push(text.slice(open, nextOpen));
      i = nextOpen;
      continue;
    }
    const r = replacement(text.slice(open + 1, close));
    if (r === null) {
      parts.push('<');
      i = open + 1;
      continue;
    }
    parts.push(r);
    i = close + 1;
  }
  return parts.join('');
}

/** Remove Slack mention/link markup from an incoming message: `<@U123>` → '', `<http://x|x>` → 'x'. */
export function stripSlackMarkup(text: string): string {
  const capped = text.length > STRIP_INPUT_MAX ? text.slice(0, STRIP_INPUT_MAX) : text;
  return unescapeEntities(stripMarkupUncapped(capped))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** `&lt;` `&gt;` `&amp;` back to characters (Slack escapes them in incoming text). */
export function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
