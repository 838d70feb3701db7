/** The answer message: verdict, confidence, scores, why, sources, disagreements, follow-ups, actions. */
import type { Answer, AnswerPassage, Framework, SourceRef } from '../../../core/types.ts';
import { ActionId, BlockId, askActionId } from '../ids.ts';
import { escapeMrkdwn, oneLine, percent, safeMrkdwn } from '../mrkdwn.ts';
import { packValue } from '../button-values.ts';
import { SLACK_LIMITS, actions, button, clampBlocks, context, divider, header, section, type Button, type KnownBlock, type Message } from './common.ts';

export interface AnswerBlockOptions {
  /** The question as the user asked it (shown as context, carried by buttons). */
  question: string;
  /** Key of this answer in the recent-answers cache. */
  key?: string;
  /** Offer "Share in channel" (private answers only). */
  shareable?: boolean;
  /** Offer "Refine" (opens the wizard). Default true. */
  refine?: boolean;
  /** Offer 👍/👎. Default true. */
  feedback?: boolean;
  /** The summary is an LLM's, still being written (a streamed update). */
  summaryStreaming?: boolean;
}

export const LLM_SUMMARY_NOTE = '_Summary written by an LLM from the passages below._';
export const LLM_STREAMING_NOTE = '_Summary being written by an LLM from the passages below…_';

const FRAMEWORK_NAME: Record<Framework, string> = { django: 'Django', flask: 'Flask' };
const MAX_PASSAGES = 5;
const MAX_SIGNALS = 10;
const MAX_FOLLOWUPS = 5;
const MAX_DISAGREEMENTS = 3;
const PASSAGE_CHARS = 500;

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

/** A text bar: 12 cells, filled in proportion to `value / max`. */
export function scoreBar(value: number, max: number, cells = 12): string {
  const v = Number.isFinite(value) ? Math.max(0, value) : 0;
  const filled = max > 0 ? Math.round((v / max) * cells) : 0;
  return '█'.repeat(Math.min(cells, filled)) + '░'.repeat(Math.max(0, cells - filled));
}

function fmtScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function favoursText(f: Framework | 'neither'): string {
  return f === 'neither' ? 'neither' : FRAMEWORK_NAME[f];
}

function sourceLabel(s: SourceRef): string {
  const pub = s.publisher ? ` (${oneLine(s.publisher)})` : '';
  return `${oneLine(s.title)}${pub}`;
}

function passageLine(p: AnswerPassage, n: number): string {
  const srcs = p.sources.slice(0, 3).map((s) => `_${safeMrkdwn(sourceLabel(s), 200)}_`).join('; ');
  const more = p.sources.length > 3 ? ` +${p.sources.length - 3} more` : '';
  const agree = p.sources.length >= 2 ? ` — *${p.sources.length} sources agree*` : '';
  const from = p.sources.length ? `\n    ↳ ${srcs}${more}${agree}` : '\n    ↳ _no source recorded_';
  return `*${n}.* ${safeMrkdwn(oneLine(p.text), PASSAGE_CHARS)}${from}`;
}

/** Distinct sources among the passages shown. */
function distinctSources(passages: AnswerPassage[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const p of passages) for (const s of p.sources) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}

export function answerFallbackText(a: Answer): string {
  const conf = a.verdict ? ` (confidence ${percent(a.confidence)})` : '';
  // `text` is parsed as mrkdwn (notifications): escaped like every other field, since the summary
  // may be an LLM's, and the verdict title may carry knowledge-base text.
  return safeMrkdwn(`${verdictTitle(a)}${conf}: ${oneLine(a.summary)}`, SLACK_LIMITS.fallbackText);
}

export function buildAnswerBlocks(a: Answer, opts: AnswerBlockOptions): Message {
  const blocks: KnownBlock[] = [];
  const q = oneLine(opts.question);
  blocks.push(header(verdictTitle(a)));

  const ctx: string[] = [];
  if (a.verdict && (a.intent === 'recommend' || a.intent === 'compare')) ctx.push(`*Confidence:* ${percent(a.confidence)}`);
  if (q) ctx.push(`*You asked:* ${safeMrkdwn(q, 300)}`);
  if (ctx.length) blocks.push(context(...ctx));

  if (a.summary.trim()) {
    blocks.push(section(escapeMrkdwn(a.summary.trim())));
    // Say who wrote the summary when it was not the rules.
    if (opts.summaryStreaming) blocks.push(context(LLM_STREAMING_NOTE));
    else if (a.summarySource === 'llm') blocks.push(context(LLM_SUMMARY_NOTE));
  }

  const { django, flask } = a.scores;
  if ((a.intent === 'recommend' || a.intent === 'compare') && (django > 0 || flask > 0)) {
    const max = Math.max(django, flask);
    blocks.push(
      section(
        '```\n' +
          `Django ${scoreBar(django, max)} ${fmtScore(django)}\n` +
          `Flask  ${scoreBar(flask, max)} ${fmtScore(flask)}\n` +
          '```',
      ),
    );
  }

  if (a.signals.length) {
    const lines = a.signals
      .slice(0, MAX_SIGNALS)
      .map((s) => `• ${safeMrkdwn(oneLine(s.label), 200)} → favours *${favoursText(s.favours)}*${s.weight > 0 ? ` (+${fmtScore(s.weight)})` : ''}`);
    if (a.signals.length > MAX_SIGNALS) lines.push(`_…and ${a.signals.length - MAX_SIGNALS} more_`);
    blocks.push(section(`*Why*\n${lines.join('\n')}`));
  }

  const shown = a.passages.slice(0, MAX_PASSAGES);
  if (shown.length) {
    blocks.push(divider());
    const n = distinctSources(shown).length;
    blocks.push(section(`*From the sources* (${n} ${n === 1 ? 'source' : 'sources'})`));
    shown.forEach((p, i) => blocks.push(section(passageLine(p, i + 1))));
  }

  if (a.disagreements.length) {
    const lines = a.disagreements.slice(0, MAX_DISAGREEMENTS).map((d) => {
      const pos = d.positions
        .slice(0, 3)
        .map((p) => `${safeMrkdwn(oneLine(p.claim), 300)} (${p.sources.map((s) => safeMrkdwn(oneLine(s.title), 100)).join(', ') || 'unsourced'})`)
        .join(' *vs* ');
      const res = d.resolution ? `\n    _${safeMrkdwn(oneLine(d.resolution), 400)}_` : '';
      return `• ${safeMrkdwn(oneLine(d.question), 300)}: ${pos}${res}`;
    });
    blocks.push(section(`:warning: *Sources disagree*\n${lines.join('\n')}`));
  }

  if (a.followUps.length) {
    blocks.push(context(a.intent === 'recommend' ? '*To sharpen the answer, tell me:*' : '*You could also ask:*'));
    blocks.push(
      actions(
        BlockId.followUps,
        a.followUps.slice(0, MAX_FOLLOWUPS).map((f, i) =>
          button({ actionId: askActionId(i), label: oneLine(f), value: packValue({ q: f, ...(opts.key ? { k: opts.key } : {}) }) }),
        ),
      ),
    );
  }

  const buttons: Button[] = [];
  const base = { q: opts.question, ...(opts.key ? { k: opts.key } : {}) };
  if (opts.shareable) buttons.push(button({ actionId: ActionId.share, label: 'Share in channel', value: packValue(base), style: 'primary' }));
  if (opts.refine !== false) buttons.push(button({ actionId: ActionId.refine, label: 'Refine', value: packValue(base) }));
  if (opts.feedback !== false && a.intent !== 'help') {
    const fb = { ...base, v: a.verdict, c: Math.max(0, Math.min(1, a.confidence || 0)), i: a.intent };
    buttons.push(button({ actionId: ActionId.feedbackUp, label: '👍 Helpful', value: packValue(fb) }));
    buttons.push(button({ actionId: ActionId.feedbackDown, label: '👎 Not helpful', value: packValue(fb) }));
  }
  if (buttons.length) blocks.push(actions(BlockId.answerActions, buttons));

  return { text: answerFallbackText(a), blocks: clampBlocks(blocks) };
}
