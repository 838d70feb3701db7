/**
 * "Sources & details": what the one-screen answer leaves out, nothing lost. A modal (views.open on
 * the button's trigger_id, no scope, works under private and public answers alike) with every
 * need found and its points, "Why not Flask/Django?", every passage numbered as in the answer with
 * its articles, and every disagreement between the sources in full.
 */
import type { types } from '@slack/bolt';
import type { Answer, AnswerPassage, Framework } from '../../../core/types.ts';
import { CallbackId } from '../ids.ts';
import { oneLine, percent, safeMrkdwn } from '../mrkdwn.ts';
import { FRAMEWORK_NAME, fmtScore, verdictTitle } from './answer.ts';
import { SLACK_LIMITS, clampBlocks, context, divider, section, sectionsFromLines, type KnownBlock } from './common.ts';

const PASSAGE_CHARS = 700;

function sourceLabel(s: { title: string; publisher: string }): string {
  return `${oneLine(s.title)}${s.publisher ? ` (${oneLine(s.publisher)})` : ''}`;
}

function passageLine(p: AnswerPassage, n: number): string {
  const srcs = p.sources.map((s) => `_${safeMrkdwn(sourceLabel(s), 200)}_`).join('; ');
  const agree = p.sources.length >= 2 ? ` — *${p.sources.length} sources agree*` : '';
  return `*[${n}]* ${safeMrkdwn(oneLine(p.text), PASSAGE_CHARS)}\n${p.sources.length ? `↳ ${srcs}${agree}` : '↳ _no source recorded_'}`;
}

/** "Why not Flask?": what in the question points the other way, and the passages that favour it. */
function whyNot(a: Answer, winner: Framework): string {
  const other: Framework = winner === 'django' ? 'flask' : 'django';
  const name = FRAMEWORK_NAME[other];
  const against = a.signals.filter((s) => s.favours === other && s.weight > 0);
  const lines = against.length
    ? against.map((s) => `• ${safeMrkdwn(oneLine(s.label), 200)} *+${fmtScore(s.weight)} ${name}*, outweighed by ${fmtScore(a.scores[winner])} points for ${FRAMEWORK_NAME[winner]}`)
    : [`Nothing you described favours ${name}: it scored ${fmtScore(a.scores[other])} points.`];
  const pro = a.passages.map((p, i) => ({ p, i })).filter(({ p }) => p.stance === other);
  if (pro.length) lines.push(`Passages that favour ${name}: ${pro.map(({ i }) => `[${i + 1}]`).join(', ')}.`);
  return `*Why not ${name}?*\n${lines.join('\n')}`;
}

export function buildDetailsBlocks(a: Answer, question: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const q = oneLine(question);
  blocks.push(section(`*${safeMrkdwn(verdictTitle(a), 150)}*${q ? `\n_You asked:_ ${safeMrkdwn(q, 500)}` : ''}`));
  if (a.intent === 'recommend' && a.verdict) {
    const conf = a.verdict === 'either' ? 'a close call' : `confidence ${percent(a.confidence)}`;
    blocks.push(context(`Django ${fmtScore(a.scores.django)} · Flask ${fmtScore(a.scores.flask)} points · ${conf} (the margin over the total)`));
  }
  if (a.signals.length) {
    const lines = a.signals.map((s) => {
      const to = s.favours === 'neither' ? 'neither' : FRAMEWORK_NAME[s.favours];
      return `• ${safeMrkdwn(oneLine(s.label), 200)} → ${to}${s.weight > 0 ? ` *+${fmtScore(s.weight)}*` : ''}`;
    });
    blocks.push(...sectionsFromLines([`*Every need I found (${a.signals.length})*`, ...lines], 3));
  }
  if (a.intent === 'recommend' && (a.verdict === 'django' || a.verdict === 'flask')) blocks.push(section(whyNot(a, a.verdict)));
  if (a.passages.length) {
    blocks.push(divider());
    blocks.push(section(`*Passages (${a.passages.length})*, numbered as in the answer`));
    a.passages.forEach((p, i) => blocks.push(section(passageLine(p, i + 1))));
  }
  if (a.disagreements.length) {
    blocks.push(divider());
    for (const d of a.disagreements) {
      const pos = d.positions.map((p) => `• ${safeMrkdwn(oneLine(p.claim), 400)} _(${p.sources.map((s) => safeMrkdwn(oneLine(s.publisher || s.title), 80)).join(', ') || 'unsourced'})_`);
      const res = d.resolution ? `\n${safeMrkdwn(oneLine(d.resolution), 600)}` : '';
      blocks.push(section(`:scales: *Sources disagree: ${safeMrkdwn(oneLine(d.question), 300)}*\n${pos.join('\n')}${res}`));
    }
  }
  if (a.summarySource === 'llm') blocks.push(context('The summary in the answer was written by an LLM from these passages; the verdict and points are the rules\'.'));
  return clampBlocks(blocks, SLACK_LIMITS.modalBlocks);
}

export function buildDetailsModal(a: Answer, question: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.details,
    title: { type: 'plain_text', text: 'Sources & details' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: buildDetailsBlocks(a, question),
  };
}
