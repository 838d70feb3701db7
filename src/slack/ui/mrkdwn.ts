/**
 * Text helpers for Slack: the one mrkdwn escape, the one truncation helper and the one stripping
 * of Slack markup from incoming messages.
 * Everything a user typed goes through `escapeMrkdwn` before it lands in a mrkdwn field,
 * so `<!channel>`, `<!here>`, `<!subteam^…>` or `<@U…>` in user input can never ping anyone.
 */

const ELLIPSIS = '…';

/** Escape the three characters Slack's mrkdwn treats as control characters. */
const MRKDWN_SPECIAL = /[&<>]/;
const MRKDWN_SPECIAL_ALL = /[&<>]/g;
const MRKDWN_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' } as const;

export function escapeMrkdwn(text: string): string {
  return MRKDWN_SPECIAL.test(text) ? text.replace(MRKDWN_SPECIAL_ALL, (c) => MRKDWN_ESCAPES[c as '&' | '<' | '>']) : text;
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

export { STRIP_INPUT_MAX, stripMarkupUncapped, stripSlackMarkup } from '../../core/markup.ts';


/** Percentage string for a 0..1 value. */
export function percent(x: number): string {
  const v = Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
  return `${Math.round(v * 100)}%`;
}
