/**
 * The public decision record posted by "Share in channel", for planning channels: who shared
 * which decision first, then the fields a reader scans (Decision, Confidence, Team, Needs), three
 * reasons, the sources, and an invitation to discuss in the thread.
 */
import type { Answer, Signal } from '../../../core/types.ts';
import { oneLine, percent, safeMrkdwn } from '../mrkdwn.ts';
import { EXPERIENCE, TEAM_SIZES, teamSizeFrom } from '../wizard-form.ts';
import { FRAMEWORK_NAME, pointsLine, reasonLines, sourcesLine, verdictTitle } from './answer.ts';
import { SLACK_LIMITS, clampBlocks, context, section, type KnownBlock, type Message } from './common.ts';

const USER_ID = /^[UW][A-Z0-9]{1,20}$/;
const TEAM_SIGNAL = /\b(team|junior|senior|beginner|inexperienced|experienced|solo|developers?)\b/i;

export function decisionName(a: Answer): string {
  if (a.intent !== 'recommend') return verdictTitle(a);
  if (a.verdict === 'django' || a.verdict === 'flask') return FRAMEWORK_NAME[a.verdict];
  return a.verdict === 'either' ? 'Either (close call)' : 'No decision yet';
}

function isTeamSignal(s: Signal): boolean {
  return TEAM_SIGNAL.test(`${s.id} ${s.label}`);
}

/** "2–5 developers, mostly junior", from the question and the team signals; "not stated" otherwise. */
function teamField(a: Answer, question: string): string {
  const size = teamSizeFrom(question);
  const parts: string[] = [];
  if (size) parts.push(TEAM_SIZES.find((t) => t.value === size)!.label);
  const all = `${a.signals.filter(isTeamSignal).map((s) => `${s.id} ${s.label}`).join(' ')} ${question}`.toLowerCase();
  const exp = /junior|beginner|inexperienced/.test(all) ? 'junior' : /senior|experienced/.test(all) ? 'senior' : undefined;
  if (exp) parts.push(EXPERIENCE.find((e) => e.value === exp)!.label.toLowerCase());
  return parts.length ? parts.join(', ') : 'not stated';
}

export function buildDecisionRecord(a: Answer, opts: { question: string; sharedBy: string }): Message {
  const q = oneLine(opts.question);
  const decision = decisionName(a);
  const who = USER_ID.test(opts.sharedBy) ? `<@${opts.sharedBy}>` : 'Someone';
  const needs = a.signals.filter((s) => !isTeamSignal(s) && s.favours !== 'neither').map((s) => oneLine(s.label));
  const confidence = a.verdict === 'django' || a.verdict === 'flask' ? `${percent(a.confidence)} (${pointsLine(a)})` : a.verdict === 'either' ? `close call (${pointsLine(a)})` : '—';
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  const blocks: KnownBlock[] = [
    section(`${who} shared a decision: *${safeMrkdwn(decision, 100)}*`),
    context(`_Question:_ ${safeMrkdwn(q || '(none)', 1000)}`),
    {
      type: 'section',
      fields: [
        field('Decision', safeMrkdwn(decision, 100)),
        field('Confidence', safeMrkdwn(confidence, 300)),
        field('Team', safeMrkdwn(teamField(a, q), 200)),
        field('Needs', needs.length ? safeMrkdwn(needs.slice(0, 5).join(', ') + (needs.length > 5 ? ` and ${needs.length - 5} more` : ''), 1500) : 'none stated'),
      ],
    },
  ];
  const reasons = reasonLines(a, '');
  if (reasons.length) blocks.push(section(`*Why*\n${reasons.join('\n')}`));
  const src = sourcesLine(a);
  if (src) blocks.push(context(`*Sources:* ${src}`));
  blocks.push(context(':speech_balloon: *Discuss in thread*: reply here with questions or objections; mention Framework Advisor in the thread to re-check with what you add.'));
  // The fallback `text` is mrkdwn too (notifications): the question is user input, escape it.
  return { text: safeMrkdwn(`${who === 'Someone' ? 'Someone' : who} shared a decision: ${decision} — ${q}`, SLACK_LIMITS.fallbackText), blocks: clampBlocks(blocks) };
}
