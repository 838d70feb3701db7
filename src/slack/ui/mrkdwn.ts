/**
 * Text helpers for Slack: the one mrkdwn escape, the one truncation helper and the one stripping
 * of Slack markup from incoming messages.
 * Everything a user typed goes through `escapeMrkdwn` before it lands in a mrkdwn field,
 * so `<!channel>`, `<!here>`, `<!subteam^…>` or `<@U…>` in user input can never ping anyone.
 */
import { LIMITS } from '../../limits.ts';

const ELLIPSIS = '…';

/** Escape the three characters Slack's mrkdwn treats as control characters. */
const MRKDWN_SPECIAL = /[&<>]/;
const MRKDWN_SPECIAL_ALL = /[&<>]/g;
const MRKDWN_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' } as const;

export function escapeMrkdwn(text: string): string {
  return MRKDWN_SPECIAL.test(text) ? text.replace(MRKDWN_SPECIAL_ALL, (c) => MRKDWN_ESCAPES[c as '&' | '<' | '>']) : text;
}

/** Undo `escapeMrkdwn` (for rendering blocks as plain text in the console). */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Cut `text` to at most `max` UTF-16 code units (Slack counts characters this way closely
 * enough), ending with an ellipsis when cut. Never splits a surrogate pair and never leaves a
 * half HTML entity (`&am`) behind, so it is safe on escaped text.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - ELLIPSIS.length);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  return cut + ELLIPSIS;
}

/** Escape user text for mrkdwn, then truncate it to `max` characters. */
export function safeMrkdwn(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}

/** Collapse whitespace (newlines included) to single spaces: for one-line contexts. */
export function oneLine(text: string): string {
  // Only runs that are not already one plain space: a two-space run or any other whitespace.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

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
  return unescapeMrkdwn(stripMarkupUncapped(capped))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Percentage string for a 0..1 value. */
export function percent(x: number): string {
  const v = Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
  return `${Math.round(v * 100)}%`;
}
