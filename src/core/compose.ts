/** The rule-based summary: short plain text built from the Answer's parts. */
import type { Answer } from './types.ts';

export const HELP_TEXT =
  'I help you choose between Django and Flask. Describe what you are building ("an online shop with a back office, ' +
  'team of four") and I will recommend one, say why, and show the passages it rests on. You can also compare an aspect ' +
  '("compare security", "is Flask faster?") or ask a fact ("when did Flask first appear?").';

export const OUT_OF_SCOPE_TEXT =
  'That is outside what I know: I only advise on Django versus Flask (and where FastAPI fits), from a curated set of ' +
  'comparison articles. Tell me what you are building, or ask about an aspect such as security, speed or learning curve.';

export function helpFollowUps(): string[] {
  return [
    'We are building an online shop with a back office',
    'Is Flask faster than Django?',
    'Which is easier to learn?',
  ];
}

const NAME = { django: 'Django', flask: 'Flask' } as const;

function sourceCount(n: number): string {
  return n === 1 ? '1 source' : `${n} sources agree`;
}

export function composeSummary(a: Answer): string {
  const parts: string[] = [];
  const top = a.passages[0];
  if (a.intent === 'recommend') {
    const pct = Math.round(a.confidence * 100);
    const forV = (fw: 'django' | 'flask') => a.signals.filter((s) => s.favours === fw).map((s) => s.label);
    if (a.verdict === 'django' || a.verdict === 'flask') {
      const other = a.verdict === 'django' ? 'flask' : 'django';
      parts.push(`${NAME[a.verdict]} looks like the better fit (confidence ${pct}%), because: ${forV(a.verdict).join('; ')}.`);
      const against = forV(other);
      if (against.length > 0) parts.push(`In favour of ${NAME[other]}: ${against.join('; ')}.`);
    } else if (a.signals.length === 0) {
      parts.push('Either framework can work; I did not find requirements that decide it yet.');
    } else {
      const d = forV('django');
      const f = forV('flask');
      parts.push(
        `It is a close call (Django ${a.scores.django} points, Flask ${a.scores.flask}).` +
          (d.length ? ` For Django: ${d.join('; ')}.` : '') +
          (f.length ? ` For Flask: ${f.join('; ')}.` : ''),
      );
    }
    if (a.followUps.length > 0) parts.push('Answering the questions below would settle it.');
  } else if (a.intent === 'compare') {
    const label = a.aspect?.label ?? 'this aspect';
    if (a.verdict === 'django' || a.verdict === 'flask') parts.push(`On ${label.toLowerCase()}, the articles lean towards ${NAME[a.verdict]}.`);
    else parts.push(`On ${label.toLowerCase()}, the articles do not make one a clear winner.`);
    if (top) parts.push(`${top.text} (${sourceCount(top.sources.length)})`);
  } else if (a.fact) {
    const from = a.fact.sources.map((s) => s.publisher).join(', ');
    parts.push(a.fact.text === a.fact.sentence ? `${a.fact.text} (${from})` : `${a.fact.text}. ${a.fact.sentence} (${from})`);
  } else if (top) {
    parts.push(`${top.text} (${sourceCount(top.sources.length)})`);
  } else {
    parts.push('I found nothing in the knowledge base about that.');
  }
  for (const d of a.disagreements.slice(0, 2)) {
    const positions = d.positions.map((p) => `${p.claim} (${p.sources.map((s) => s.publisher).join(', ')})`).join(' vs ');
    parts.push(`Sources disagree on "${d.question}": ${positions}.${d.resolution ? ` ${d.resolution}` : ''}`);
  }
  return parts.join(' ');
}
