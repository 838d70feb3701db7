/** Text helpers shared by retrieval, signals and intents. Pure functions. */
import { LIMITS } from '../limits.ts';
import { stripMarkupUncapped, unescapeEntities } from './markup.ts';

/** Longest input we analyse; anything past it is ignored (a Slack message is at most 40k). */
export const MAX_ANALYSED_CHARS = LIMITS.questionChars;

/**
 * Turn a raw question (possibly Slack mrkdwn) into plain lowercase text:
 * Slack mentions and broadcasts removed, links reduced to their label, quotes
 * straightened, emoji shortcodes dropped, whitespace collapsed, length capped.
 */
export function normalise(raw: string): string {
  // Mentions, broadcasts and links: the app's one (linear-time) markup stripping.
  return tidy(unescapeEntities(stripMarkupUncapped(capped(raw))));
}

/**
 * `normalise` for text already stripped of Slack markup (stripSlackMarkup, where it came in): not
 * stripped or decoded again, which would turn a typed `&amp;lt;` into `<`.
 */
export function normalisePlain(text: string): string {
  return tidy(capped(text));
}

function capped(raw: string): string {
  return raw.slice(0, MAX_ANALYSED_CHARS * 2).normalize('NFKC');
}

function tidy(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/:[a-z0-9_+-]+:/g, ' ') // :tada:
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_ANALYSED_CHARS);
}

/** Slack shorthand spelled out, so the rules and intents see ordinary words ("hw do i add auth"). */
const SHORTHAND: [RegExp, string][] = [
  [/(?<![\p{L}\p{N}])w\/o(?![\p{L}\p{N}])/gu, 'without'],
  [/(?<![\p{L}\p{N}])w\/(?=\s|\p{L})/gu, 'with '],
  [/(?<![\p{L}\p{N}])b\/c(?![\p{L}\p{N}])/gu, 'because'],
  [/\b(?:hw)\b/gu, 'how'],
  [/\b(?:wat|wht)\b/gu, 'what'],
  [/\bwhos\b/gu, "who's"],
  [/\bwats\b/gu, "what's"],
  [/\bwanna\b/gu, 'want to'],
  [/\bgonna\b/gu, 'going to'],
  [/\bu\b/gu, 'you'],
  [/\bur\b/gu, 'your'],
  [/\b(?:pls|plz)\b/gu, 'please'],
  [/\b(?:thx|thnx|ty)\b/gu, 'thanks'],
  [/\b(?:smth|sth)\b/gu, 'something'],
  [/\bppl\b/gu, 'people'],
  [/\btho\b/gu, 'though'],
  [/\bbtw\b/gu, 'by the way,'],
];

/** Spell out common Slack shorthand in normalised (lowercase) text. */
export function expandShorthand(text: string): string {
  let out = text;
  for (const [re, to] of SHORTHAND) out = out.replace(re, to);
  return out;
}

const STOP_WORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being ' +
    'it its this that these those there here i me my we us our you your they them their he she his her do does did ' +
    'doing have has had having can could should would will shall may might must so such than too very just also ' +
    'what which who whom whose when where why how all any both each few more most other some no nor not only own same ' +
    'up down out over under again further once s t don now let lets please hi hey hello thanks thank'
  ).split(' '),
);

/**
 * Light English stemming (roughly Porter's step 1): enough to make plurals and
 * -ed / -ing forms meet ("appeared" ~ "appear", "scaling" ~ "scale", "APIs" ~ "api").
 */
export function stem(term: string): string {
  let t = term;
  if (t.length <= 3 || /\d/.test(t)) return t;
  if (t.endsWith('ies') && t.length > 4) t = `${t.slice(0, -3)}y`;
  else if (/(sses|xes|ches|shes)$/.test(t)) t = t.slice(0, -2);
  else if (t.endsWith('s') && !/(ss|us|sis|os)$/.test(t)) t = t.slice(0, -1);
  if (t.endsWith('ly') && t.length > 5) t = t.slice(0, -2);
  else if (t.endsWith('ing') && t.length > 5) t = t.slice(0, -3);
  else if (t.endsWith('ed') && t.length > 4) t = t.slice(0, -2);
  if (/([b-df-hj-km-np-tv-z])\1$/.test(t) && !/(ll|ss|zz)$/.test(t)) t = t.slice(0, -1);
  if (t.endsWith('e') && t.length > 4) t = t.slice(0, -1);
  return t;
}

/** Tokens as the index sees them: lowercase words, stop words removed, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}+#.']*/gu)) {
    const word = m[0].replace(/[.']+$/, '').replace(/'s$/, '');
    if (!word || STOP_WORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex that finds `phrase` as whole words, tolerant of hyphens/spaces and a plural ending.
 * ASCII boundaries on purpose: unicode property classes make hundreds of these slow to compile.
 */
export function phraseRegExp(phrase: string): RegExp {
  const words = phrase.toLowerCase().split(/[\s-]+/).filter(Boolean).map(escapeRegExp);
  return new RegExp(`(?<![a-z0-9])${words.join('[\\s-]*')}(?:s|es)?(?![a-z0-9])`);
}
