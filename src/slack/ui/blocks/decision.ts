/** The public decision record posted by "Share in channel". */
import type { Answer } from '../../../core/types.ts';
import { oneLine, percent, safeMrkdwn } from '../mrkdwn.ts';
import { verdictTitle } from './answer.ts';
import { SLACK_LIMITS, clampBlocks, context, divider, header, section, type KnownBlock, type Message } from './common.ts';

const USER_ID = /^[UW][A-Z0-9]{1,20}$/;

export function buildDecisionRecord(a: Answer, opts: { question: string; sharedBy: string }): Message {
  const q = oneLine(opts.question);
  const decision =
    a.verdict === 'django' ? 'Django' : a.verdict === 'flask' ? 'Flask' : a.verdict === 'either' ? 'Either (close call)' : 'No decision yet';
  const blocks: KnownBlock[] = [
    header(`Decision record: ${a.intent === 'recommend' ? decision : verdictTitle(a)}`),
    context(`*Question:* ${safeMrkdwn(q || '(none)', 1000)}`),
    section(
      `*Options considered:* Django, Flask\n*Decision:* ${decision}` +
        (a.verdict ? ` (confidence ${percent(a.confidence)}; scores Django ${a.scores.django}, Flask ${a.scores.flask})` : ''),
    ),
  ];
  if (a.summary.trim()) blocks.push(section(safeMrkdwn(a.summary.trim(), SLACK_LIMITS.sectionText)));
  if (a.signals.length) {
    const why = a.signals.slice(0, 10).map((s) => `• ${safeMrkdwn(oneLine(s.label), 200)} → ${s.favours === 'neither' ? 'neither' : s.favours === 'django' ? 'Django' : 'Flask'}`);
    blocks.push(section(`*Why*\n${why.join('\n')}`));
  }
  const sources = new Map<string, string>();
  for (const p of a.passages.slice(0, 5)) for (const s of p.sources) sources.set(s.id, `${oneLine(s.title)}${s.publisher ? ` — ${oneLine(s.publisher)}` : ''}`);
  if (sources.size) {
    blocks.push(section(`*Sources*\n${[...sources.values()].slice(0, 10).map((s, i) => `${i + 1}. ${safeMrkdwn(s, 250)}`).join('\n')}`));
  }
  if (a.disagreements.length) {
    blocks.push(section(`*Open points:* ${a.disagreements.slice(0, 3).map((d) => safeMrkdwn(oneLine(d.question), 300)).join('; ')}`));
  }
  blocks.push(divider());
  const who = USER_ID.test(opts.sharedBy) ? `<@${opts.sharedBy}>` : 'someone';
  blocks.push(context(`Shared by ${who} · Framework Advisor`));
  // The fallback `text` is mrkdwn too (notifications): the question is user input, escape it.
  return { text: safeMrkdwn(`Decision record: ${decision} — ${q}`, SLACK_LIMITS.fallbackText), blocks: clampBlocks(blocks) };
}
