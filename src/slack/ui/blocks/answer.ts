/**
 * The answer message, one screen tall. Each thing is said once: the verdict and confidence in the
 * header line, the points and at most three reasons (with [n] citations and their publisher), one
 * line of disagreement only when it touches the asker's own needs or the fact asked, one context
 * line of sources. Everything else (every passage with its articles, every disagreement in full,
 * "why not Flask/Django?") is one click away behind "Sources & details" (see details.ts).
 */
import type { Answer, AnswerPassage, Disagreement, Framework, Signal } from '../../../core/types.ts';
import { ActionId, BlockId, askActionId } from '../ids.ts';
import { escapeMrkdwn, oneLine, percent, safeMrkdwn, truncate } from '../mrkdwn.ts';
import { packValue } from '../button-values.ts';
import { feedbackBlock } from './feedback.ts';
import { SLACK_LIMITS, actions, button, clampBlocks, context, header, section, type Button, type KnownBlock, type Message } from './common.ts';

export interface AnswerBlockOptions {
  /** The question as the user asked it (carried by buttons). */
  question: string;
  /** Key of this answer in the recent-answers cache. */
  key?: string;
  /** Offer "Share in channel" (private answers only). */
  shareable?: boolean;
  /** Offer "Refine" (opens the wizard); only ever on recommendations. Default true. */
  refine?: boolean;
  /** Offer 👍/👎 (feedback_buttons). Default true; never on help. */
  feedback?: boolean;
  /** The summary is an LLM's, still being written (a streamed update). */
  summaryStreaming?: boolean;
  /**
   * The headline and the summary are already shown as streamed markdown above these blocks
   * (chat.startStream → stopStream with these blocks): leave them out.
   */
  afterStream?: boolean;
}

export const LLM_SUMMARY_NOTE = '_Summary written by an LLM from the passages behind Sources & details._';
export const LLM_STREAMING_NOTE = '_Summary being written by an LLM from the passages behind Sources & details…_';

export const FRAMEWORK_NAME: Record<Framework, string> = { django: 'Django', flask: 'Flask' };
export const MAX_REASONS = 3;
const MAX_FOLLOWUPS = 3;
const FACT_CHARS = 600;
const DISAGREEMENT_CHARS = 240;

/** The header line for an answer, by intent and verdict. */
export function verdictTitle(a: Answer): string {
  switch (a.intent) {
    case 'recommend':
      if (a.verdict === 'django' || a.verdict === 'flask') return FRAMEWORK_NAME[a.verdict];
      if (a.verdict === 'either') return "Either works — it's a close call";
      return 'Tell me a bit more about the project';
    case 'compare': {
      const label = a.aspect?.label ? `: ${oneLine(a.aspect.label)}` : '';
      return `Django vs Flask${label}`;
    }
    case 'fact':
      return "Here's what the sources say";
    case 'help':
      return 'How Framework Advisor works';
    case 'out_of_scope':
      return 'That is outside what I can advise on';
  }
}

export function fmtScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isRecommendation(a: Answer): a is Answer & { verdict: 'django' | 'flask' | 'either' } {
  return a.intent === 'recommend' && a.verdict !== null;
}

/** Signals that carry points, strongest first. */
export function scoringSignals(a: Answer): (Signal & { favours: Framework })[] {
  return a.signals
    .filter((s): s is Signal & { favours: Framework } => (s.favours === 'django' || s.favours === 'flask') && s.weight > 0)
    .sort((x, y) => y.weight - x.weight);
}

/**
 * The points, explained: "9 points from 3 needs vs 0 for Flask", "9 points from 3 needs vs 2 from
 * 1 for Flask"; a close call "Django 4 vs Flask 3 points".
 */
export function pointsLine(a: Answer): string {
  const sig = scoringSignals(a);
  const n = (f: Framework) => sig.filter((s) => s.favours === f).length;
  const pts = (f: Framework) => fmtScore(a.scores[f]);
  if (a.verdict === 'django' || a.verdict === 'flask') {
    const w = a.verdict;
    const l: Framework = w === 'django' ? 'flask' : 'django';
    const loser = a.scores[l] > 0 ? `${pts(l)} from ${plural(n(l), 'need')} for ${FRAMEWORK_NAME[l]}` : `0 for ${FRAMEWORK_NAME[l]}`;
    return `${plural(a.scores[w], 'point')} from ${plural(n(w), 'need')} vs ${loser}`;
  }
  return `Django ${pts('django')} vs Flask ${pts('flask')} ${a.scores.flask === 1 && a.scores.django <= 1 ? 'point' : 'points'}`;
}

/** The headline as Slack markdown (the first chunk of a native stream): verdict, confidence, points. */
export function answerHeadline(a: Answer): string {
  if (a.verdict === 'django' || a.verdict === 'flask') {
    return `**${FRAMEWORK_NAME[a.verdict]}** · ${percent(a.confidence)} confidence · ${pointsLine(a)}`;
  }
  if (a.intent === 'recommend' && a.verdict === 'either') return `**Close call** · ${pointsLine(a)}`;
  return `**${verdictTitle(a)}**`;
}

/** Markdown-safe KB text for a streamed message: one line, no markup characters that could link or ping. */
function mdText(t: string): string {
  return oneLine(t).replace(/[<>*_`~|]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * The rules' answer as Slack markdown, the first chunk of a native stream (chat.startStream): the
 * headline and, for a recommendation, its reasons. The LLM summary is appended after it and the
 * stream is stopped with `buildAnswerBlocks(final, { afterStream: true })`.
 */
export function answerMarkdown(a: Answer): string {
  const lines = [answerHeadline(a)];
  if (isRecommendation(a)) {
    for (const s of scoringSignals(a).slice(0, MAX_REASONS)) {
      const who = a.verdict === 'either' || s.favours !== a.verdict ? ` ${FRAMEWORK_NAME[s.favours]}` : '';
      const cites = s.passages.map((id) => a.passages.findIndex((p) => p.id === id) + 1).filter((n) => n > 0).slice(0, 2);
      lines.push(`- ${mdText(s.label)} **+${fmtScore(s.weight)}${who}**${cites.length ? ` ${cites.map((n) => `[${n}]`).join('')}` : ''}`);
    }
  }
  return lines.join('\n');
}

/** A publisher to cite a passage by: its first source's, or "unsourced". */
function publisherOf(p: AnswerPassage, avoid: Set<string>): string {
  const pubs = p.sources.map((s) => oneLine(s.publisher || s.title)).filter(Boolean);
  return pubs.find((x) => !avoid.has(x)) ?? pubs[0] ?? 'unsourced';
}

/** `[n] Publisher` for the shown passages a signal rests on (at most two), publishers varied. */
function citations(passageIds: string[], passages: AnswerPassage[], used: Set<string>): string {
  const byPub = new Map<string, number[]>();
  for (const id of passageIds) {
    const i = passages.findIndex((p) => p.id === id);
    if (i < 0) continue;
    const pub = publisherOf(passages[i]!, used);
    used.add(pub);
    byPub.set(pub, [...(byPub.get(pub) ?? []), i + 1]);
    if ([...byPub.values()].flat().length === 2) break;
  }
  const out = [...byPub].map(([pub, ns]) => `${ns.map((n) => `[${n}]`).join('')} ${safeMrkdwn(pub, 60)}`);
  return out.length ? ` · _${out.join(', ')}_` : '';
}

/** At most three reasons with their points and citations (and how many more there are). */
export function reasonLines(a: Answer, more = ' in Sources & details'): string[] {
  const used = new Set<string>();
  const sig = scoringSignals(a);
  const lines = sig.slice(0, MAX_REASONS).map((s) => {
    const who = a.verdict === 'either' ? ` ${FRAMEWORK_NAME[s.favours]}` : s.favours === a.verdict ? '' : ` ${FRAMEWORK_NAME[s.favours]}`;
    return `• ${safeMrkdwn(oneLine(s.label), 160)} *+${fmtScore(s.weight)}${who}*${citations(s.passages, a.passages, used)}`;
  });
  if (sig.length > MAX_REASONS) lines.push(`_…and ${plural(sig.length - MAX_REASONS, 'more need')}${more}_`);
  return lines;
}

const STOP = new Set(
  'the and for with when did does which what who how should be built better choice is or of to in on than that this into more most over your our their suit suits sizes size application applications app apps framework frameworks django flask python web actually really use used using need needs needed team teams project projects one can first'.split(
    ' ',
  ),
);

function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []) {
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(w.length > 6 ? w.slice(0, 6) : w); // a crude stem: "juniors"/"junior", "released"/"release"
  }
  return out;
}

/**
 * Disagreements worth a line in the answer: those that share a content word with what the asker
 * said (the question, the signals found in it, the aspect asked). The rest stay behind Sources &
 * details, where every disagreement is shown in full.
 */
export function relevantDisagreements(a: Answer, question: string): Disagreement[] {
  const asked = terms([question, ...a.signals.map((s) => s.label), a.aspect?.label ?? ''].join(' '));
  return a.disagreements.filter((d) => [...terms(d.question)].some((t) => asked.has(t)));
}

function disagreementLine(d: Disagreement): string {
  const body = d.resolution ? `${oneLine(d.question)} ${oneLine(d.resolution)}` : `${oneLine(d.question)} (${plural(d.positions.length, 'position')})`;
  return `:scales: *Sources disagree:* ${safeMrkdwn(truncate(body, DISAGREEMENT_CHARS), DISAGREEMENT_CHARS + 40)}`;
}

/** One context line: how many passages and articles the answer rests on. */
export function sourcesLine(a: Answer): string {
  const pubs = new Map<string, string>();
  for (const p of a.passages) for (const s of p.sources) if (!pubs.has(s.id)) pubs.set(s.id, oneLine(s.publisher || s.title));
  if (!a.passages.length) return '';
  const names = [...pubs.values()].slice(0, 5).map((n) => safeMrkdwn(n, 40));
  return `${plural(a.passages.length, 'passage')} from ${plural(pubs.size, 'article')}${names.length ? `: ${names.join(', ')}` : ''}`;
}

/** The stance count behind a compare answer: "3 of 4 passages favour Django". */
function leanLine(a: Answer): string {
  const aspect = a.aspect?.label ? ` on ${safeMrkdwn(oneLine(a.aspect.label).toLowerCase(), 80)}` : '';
  if (a.verdict === 'django' || a.verdict === 'flask') {
    const n = a.passages.filter((p) => p.stance === a.verdict).length;
    const count = a.passages.length ? ` (${n} of ${plural(a.passages.length, 'passage')})` : '';
    return `The articles lean towards *${FRAMEWORK_NAME[a.verdict]}*${aspect}${count}.`;
  }
  return `The articles do not favour either framework${aspect}.`;
}

function summaryBlocks(a: Answer, opts: AnswerBlockOptions): KnownBlock[] {
  if (!a.summary.trim()) return [];
  // After a native stream the summary was the streamed text: only say who wrote it.
  if (opts.afterStream) return a.summarySource === 'llm' ? [context(LLM_SUMMARY_NOTE)] : [];
  const note = opts.summaryStreaming ? LLM_STREAMING_NOTE : LLM_SUMMARY_NOTE;
  return [section(escapeMrkdwn(a.summary.trim())), context(note)];
}

export function answerFallbackText(a: Answer): string {
  const conf = a.verdict === 'django' || a.verdict === 'flask' ? ` (confidence ${percent(a.confidence)})` : '';
  const first = a.intent === 'fact' && a.passages[0] ? a.passages[0].text : a.summary;
  // `text` is parsed as mrkdwn (notifications): escaped like every other field, since the summary
  // may be an LLM's, and the verdict title may carry knowledge-base text.
  return safeMrkdwn(`${verdictTitle(a)}${conf}: ${oneLine(first)}`, SLACK_LIMITS.fallbackText);
}

/** Share (first), Sources & details, Refine: only what fits the answer. */
function actionButtons(a: Answer, opts: AnswerBlockOptions): Button[] {
  const base = { q: opts.question, ...(opts.key ? { k: opts.key } : {}) };
  const buttons: Button[] = [];
  if (opts.shareable && isRecommendation(a)) buttons.push(button({ actionId: ActionId.share, label: 'Share in channel', value: packValue(base), style: 'primary' }));
  if (a.passages.length || a.disagreements.length || a.signals.length) buttons.push(button({ actionId: ActionId.details, label: 'Sources & details', value: packValue(base) }));
  if (opts.refine !== false && a.intent === 'recommend') buttons.push(button({ actionId: ActionId.refine, label: 'Refine', value: packValue(base) }));
  return buttons;
}

function followUpButtons(a: Answer, opts: AnswerBlockOptions): KnownBlock | undefined {
  if (!a.followUps.length) return undefined;
  return actions(
    BlockId.followUps,
    a.followUps.slice(0, MAX_FOLLOWUPS).map((f, i) => button({ actionId: askActionId(i), label: oneLine(f), value: packValue({ q: f, ...(opts.key ? { k: opts.key } : {}) }) })),
  );
}

export function buildAnswerBlocks(a: Answer, opts: AnswerBlockOptions): Message {
  const blocks: KnownBlock[] = [];
  // An LLM's summary (final or being written) is shown as such; the rules' summary is not: it repeats
  // the verdict, the signals and the disagreements that the blocks below state once.
  const llm = Boolean((a.summarySource === 'llm' || opts.summaryStreaming) && a.summary.trim());
  const push = (...b: (KnownBlock | undefined)[]) => {
    for (const x of b) if (x) blocks.push(x);
  };

  if (isRecommendation(a)) {
    if (!opts.afterStream) {
      push(header(a.verdict === 'either' ? 'Close call: either works' : `${FRAMEWORK_NAME[a.verdict]} · ${percent(a.confidence)} confidence`));
    }
    const why = a.verdict === 'either' ? `*${pointsLine(a)}*, so it depends on what you tell me next:` : `*Why: ${pointsLine(a)}*`;
    // After a native stream the headline and reasons were its first chunk (answerMarkdown).
    if (!opts.afterStream) push(section([why, ...reasonLines(a)].join('\n')));
    if (llm) push(...summaryBlocks(a, opts));
    const d = relevantDisagreements(a, opts.question)[0];
    if (d) push(context(disagreementLine(d)));
    // The core's clarifying questions, when it has any: answering one could change the verdict.
    push(followUpButtons(a, opts));
  } else if (a.intent === 'recommend') {
    // No verdict yet: what is missing, and the questions that would settle it.
    if (!opts.afterStream) push(header(verdictTitle(a)));
    if (!opts.afterStream || !llm) push(section(escapeMrkdwn(a.summary.trim() || 'Tell me what you are building: the kind of app, the team, what it must do.')));
    push(followUpButtons(a, opts));
  } else if (a.intent === 'compare') {
    if (!opts.afterStream) push(header(verdictTitle(a)));
    const first = a.passages[0];
    const lead = leanLine(a) + (first && !llm ? `\n${safeMrkdwn(oneLine(first.text), FACT_CHARS)} [1]` : '');
    push(section(lead));
    if (llm) push(...summaryBlocks(a, opts));
    const d = relevantDisagreements(a, opts.question)[0];
    if (d) push(context(disagreementLine(d)));
  } else if (a.intent === 'fact') {
    const first = a.passages[0];
    if (llm) push(...summaryBlocks(a, opts));
    else push(section(first ? `${safeMrkdwn(oneLine(first.text), FACT_CHARS)} [1]` : escapeMrkdwn(a.summary.trim() || 'I found nothing on that in the sources.')));
    const d = relevantDisagreements(a, opts.question)[0];
    if (d) push(context(disagreementLine(d)));
  } else {
    // help and out_of_scope: the text, and what to try instead.
    if (!opts.afterStream) push(section(escapeMrkdwn(a.summary.trim() || verdictTitle(a))));
    push(followUpButtons(a, opts));
  }

  // A private answer (the slash command's) does not show the question above it: say it once here.
  const asked = opts.shareable && oneLine(opts.question) ? `_You asked:_ ${safeMrkdwn(oneLine(opts.question), 200)}` : '';
  const src = sourcesLine(a);
  const srcLine = src && a.intent === 'fact' && a.passages[0] ? `[1] ${factSources(a.passages[0])} · ${src}` : src;
  if (asked || srcLine) push(context(...[asked, srcLine].filter(Boolean)));

  const buttons = actionButtons(a, opts);
  if (buttons.length) push(actions(BlockId.answerActions, buttons));
  if (opts.feedback !== false && a.intent !== 'help') push(feedbackBlock(opts.key));

  return { text: answerFallbackText(a), blocks: clampBlocks(blocks) };
}

function factSources(p: AnswerPassage): string {
  const pubs = [...new Set(p.sources.map((s) => oneLine(s.publisher || s.title)))].map((x) => safeMrkdwn(x, 40));
  if (!pubs.length) return 'no source recorded';
  return pubs.length >= 2 ? `${pubs.join(', ')} agree` : pubs[0]!;
}
