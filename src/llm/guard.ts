/**
 * Guards for LLM output. Pure functions: the model's text goes through `guardSummary`
 * before it reaches an Answer, and `contradictsVerdict` decides whether it may be used at all.
 *
 * The result is plain text (Answer.summary is plain text; the Slack layer still escapes it
 * for mrkdwn). The guard makes it safe even for a consumer that forgets to escape:
 * no `<...>` markup survives, so nothing renders as a mention, broadcast or link.
 */
import type { Verdict } from '../core/index.ts';

export const ELLIPSIS = '…';

export interface GuardOptions {
  /** How many passages the prompt numbered: valid citations are [1]..[passageCount]. */
  passageCount: number;
  /** Longest summary, in characters. */
  maxChars: number;
}

/** Control characters, bidi overrides and invisible characters go; whitespace becomes plain spaces. */
export function stripControl(text: string): string {
  return text
    .replace(/[\t\n\r\f\v\u0085\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '');
}

/** Undo HTML/Slack entities (a few rounds, so double-encoding cannot smuggle markup through). */
export function decodeEntities(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    const next = out
      .replace(/&lt;/gi, '<')
      .replace(/&gt;/gi, '>')
      .replace(/&quot;/gi, '"')
      .replace(/&#0*39;|&apos;/gi, "'")
      .replace(/&#0*60;|&#x0*3c;/gi, '<')
      .replace(/&#0*62;|&#x0*3e;/gi, '>')
      .replace(/&amp;/gi, '&');
    if (next === out) break;
    out = next;
  }
  return out;
}

const BROADCASTS = 'channel|here|everyone|group';

/** Slack mentions and broadcasts become plain words that notify no one. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/<!subteam\^[^>|]*\|@?([^>]*)>/gi, '$1')
    .replace(/<!subteam\^[^>]*>/gi, 'a group')
    .replace(new RegExp(`<!(${BROADCASTS})(?:\\|@?([^>]*))?>`, 'gi'), (_m, word: string, label?: string) => label || word)
    .replace(/<!date\^[^>|]*\|([^>]*)>/gi, '$1')
    .replace(/<![^>]*>/g, '')
    .replace(/<@[^>|]*\|@?([^>]*)>/g, '$1')
    .replace(/<@[^>]*>/g, 'someone')
    .replace(/<#[^>|]*\|([^>]*)>/g, '#$1')
    .replace(/<#[^>]*>/g, 'a channel')
    .replace(new RegExp(`(^|[^\\w@.])[@＠](${BROADCASTS})\\b`, 'gi'), '$1$2');
}

/** Links become their label, or "(link removed)"; the summary cites passages, not URLs. */
export function neutraliseLinks(text: string): string {
  return text
    .replace(/\[([^\]\n]{1,200})\]\(\s*[a-z][\w+.-]*:[^)\s]*\s*\)/gi, '$1')
    .replace(/<(?:https?|ftp|mailto|slack|tel):[^>|]*\|([^>]*)>/gi, '$1')
    .replace(/<(?:https?|ftp|mailto|slack|tel):[^>]*>/gi, '(link removed)')
    .replace(/\b(?:https?|ftp):\/\/[^\s<>"')\]]+/gi, '(link removed)')
    .replace(/\b(?:mailto|slack):[^\s<>"')\]]+/gi, '(link removed)')
    .replace(/\bwww\.[^\s<>"')\]]+/gi, '(link removed)');
}

/** Any angle bracket left becomes a look-alike that no renderer treats as markup. */
export function escapeMarkup(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** Remove [n] markers that point at no passage; in lists like [1, 7] keep only the valid numbers. */
export function dropBadCitations(text: string, passageCount: number): string {
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= passageCount;
  return text.replace(/\s*\[\s*(\d{1,4}(?:\s*[,;–-]\s*\d{1,4})*)\s*\]/g, (whole, inner: string) => {
    const parts = inner.split(/\s*[,;]\s*/);
    const kept = parts.filter((part) => part.split(/\s*[–-]\s*/).every((n) => valid(Number(n))));
    if (kept.length === 0) return '';
    const lead = /^\s/.test(whole) ? whole.slice(0, whole.indexOf('[')) : '';
    return `${lead}[${kept.join(', ')}]`;
  });
}

/** The [n] numbers a text cites (after guarding). */
export function citedNumbers(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/\[([\d,\s;–-]+)\]/g)) {
    for (const n of m[1]!.split(/[^\d]+/)) if (n) out.add(Number(n));
  }
  return [...out].sort((a, b) => a - b);
}

/** Cut to at most `max` characters at a word boundary, ending with "…". */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length * 0.6) cut = cut.slice(0, space);
  // Never leave half a citation or a lone surrogate behind.
  cut = cut.replace(/\s*\[[^\]]*$/, '').replace(/[\ud800-\udbff]$/, '');
  return cut.replace(/[\s,;:–-]+$/, '') + ELLIPSIS;
}

function tidy(text: string): string {
  return text
    .replace(/[ ]{2,}/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}

/** Everything the model wrote goes through here before it can reach a person. */
export function guardSummary(raw: string, opts: GuardOptions): string {
  let t = stripControl(raw);
  t = decodeEntities(t);
  t = neutraliseMentions(t);
  t = neutraliseLinks(t);
  t = escapeMarkup(t);
  t = dropBadCitations(t, opts.passageCount);
  t = tidy(t);
  return capLength(t, opts.maxChars);
}

/**
 * For streaming: guard the text received so far, holding back a trailing word or an
 * unclosed `<...`, `[...` or `(...` that could still turn into markup or a citation.
 * Never adds an ellipsis, so successive results extend one another in the usual case.
 */
export function guardPartial(raw: string, opts: GuardOptions): string {
  let t = stripControl(raw);
  const lastSpace = t.lastIndexOf(' ');
  t = lastSpace < 0 ? '' : t.slice(0, lastSpace);
  for (const open of ['<', '[', '(']) {
    const close = { '<': '>', '[': ']', '(': ')' }[open]!;
    const at = t.lastIndexOf(open);
    if (at >= 0 && t.indexOf(close, at) < 0) t = t.slice(0, at);
  }
  const g = guardSummary(t, { ...opts, maxChars: Number.MAX_SAFE_INTEGER });
  return g.length > opts.maxChars ? g.slice(0, opts.maxChars).replace(/\s+\S*$/, '') : g;
}

/** Recommending `fw`: "choose Flask", "go with Flask", "Flask is the better fit", "I recommend Flask". */
function recommendPatterns(fw: 'django' | 'flask'): RegExp[] {
  const other = fw === 'django' ? 'flask' : 'django';
  const F = `\\b${fw}\\b`;
  const gap = `(?:(?!${other}\\b|${fw}\\b)[\\w'’-]+\\s+){0,2}?`;
  const verbs =
    "choose|chose|choosing|pick|picking|go(?:ing)? with|go for|opt for|recommend(?:s|ed)?|suggest(?:s|ed)?|prefer|select|start with|stick with|switch to|better off with|(?:should|would|i'd|we'd) (?:use|start with)";
  const good =
    'better|best|right|stronger|more suitable|ideal|recommended|preferred|preferable|superior|safer|wiser|natural|obvious|clear|smarter';
  const noun = 'fit|choice|option|pick|framework|bet|match|answer|way to go|winner|candidate|tool';
  return [
    new RegExp(`\\b(?:${verbs})\\s+${gap}${F}`, 'iu'),
    new RegExp(`${F}(?:\\s+[\\w'’-]+){0,2}?\\s+(?:is|would be|will be|looks like|seems(?: like)?|remains|becomes|makes)\\s+(?:clearly\\s+|still\\s+|definitely\\s+|probably\\s+)?(?:the\\s+|a\\s+|an\\s+)?(?:${good})\\s+(?:${noun})\\b`, 'iu'),
    new RegExp(`${F}\\s+(?:is|would be|seems)\\s+(?:clearly\\s+|simply\\s+)?(?:better suited|more suitable|preferable|better|superior|the way to go|the winner|recommended)\\b(?!\\s+(?:at|in|on|when|if|for (?:tiny|small|simple|micro)))`, 'iu'),
    new RegExp(`${F}\\s+(?:fits|suits)\\s+(?:[\\w'’-]+\\s+){0,3}?better\\b`, 'iu'),
    new RegExp(`${F}\\s+wins\\b`, 'iu'),
    new RegExp(`\\b(?:recommendation|verdict|answer|pick|choice)\\s*(?:is|would be|:)\\s*(?:to\\s+(?:use|choose|pick)\\s+)?${F}`, 'iu'),
  ];
}

const NEGATED_BEFORE = /(?:\b(?:not|never|no|rather than|instead of|over|avoid|neither|nor|without|against)\b|n['’]t\b)[^,;:]*$/iu;
const CONDITIONAL = /\b(?:if|unless|otherwise|only when|whereas|would only|were you|had you)\b/iu;

/**
 * Does `text` recommend the framework the rules did NOT pick? Returns the offending
 * sentence, or undefined. Negated ("do not choose Flask", "rather than Flask") and
 * conditional ("if you only need an API, Flask would be the better fit") sentences
 * do not count. For verdict either/null there is nothing to contradict.
 */
export function contradictsVerdict(text: string, verdict: Verdict): string | undefined {
  if (verdict !== 'django' && verdict !== 'flask') return undefined;
  const other = verdict === 'django' ? 'flask' : 'django';
  const patterns = recommendPatterns(other);
  const plain = stripControl(decodeEntities(text)).replace(/\*|_|~|`/g, '');
  for (const sentence of plain.split(/(?<=[.!?])\s+/)) {
    if (CONDITIONAL.test(sentence)) continue;
    for (const re of patterns) {
      const m = re.exec(sentence);
      if (!m) continue;
      const before = sentence.slice(Math.max(0, m.index - 40), m.index);
      if (NEGATED_BEFORE.test(before) || /\b(?:not|never|n['’]t)\b/iu.test(m[0])) continue;
      return sentence.trim();
    }
  }
  return undefined;
}
