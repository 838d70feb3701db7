/**
 * `npm run feedback`: the helpful rate, and the 👎 and low-confidence questions (knowledge gaps),
 * from the feedback store under DATA_DIR (default ./data).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError } from './errors.ts';
import type { FeedbackRow, FeedbackSummary } from './store/index.ts';
import { describeStore, openConfiguredStore } from './store/open.ts';

export const LOW_CONFIDENCE = 0.5;

function line(r: FeedbackRow): string {
  const q = r.question.replace(/\s+/g, ' ').trim();
  const short = q.length > 120 ? `${q.slice(0, 119)}…` : q;
  const verdict = r.verdict ?? r.intent ?? 'no verdict';
  return `  ${r.at.toISOString().slice(0, 10)}  ${r.helpful ? '👍' : '👎'}  ${verdict.padEnd(8)} ${String(Math.round(r.confidence * 100)).padStart(3)}%  ${short}`;
}

export function formatFeedbackReport(s: FeedbackSummary, where = ''): string {
  const out: string[] = [`Framework Advisor feedback${where ? ` (${where})` : ''}`];
  if (s.total === 0) {
    out.push('', 'No feedback yet. Answers carry 👍/👎 buttons; clicks are stored here.');
    return out.join('\n');
  }
  out.push('', `Responses: ${s.total}   helpful: ${s.helpful}   not helpful: ${s.total - s.helpful}   helpful rate: ${Math.round((s.helpfulRate ?? 0) * 100)}%`);
  out.push('', `Not helpful (👎), newest first — knowledge gaps to fill:`);
  out.push(...(s.unhelpful.length ? s.unhelpful.map(line) : ['  (none)']));
  out.push('', `Low confidence (< ${Math.round(LOW_CONFIDENCE * 100)}%), newest first:`);
  out.push(...(s.lowConfidence.length ? s.lowConfidence.map(line) : ['  (none)']));
  return out.join('\n');
}

export async function main(env: Record<string, string | undefined> = process.env): Promise<string> {
  const dataDir = env.DATA_DIR?.trim() || './data';
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const where = { dataDir, ...(databaseUrl ? { databaseUrl } : {}) };
  const store = await openConfiguredStore(where);
  try {
    const s = await store.feedbackSummary({ lowConfidenceBelow: LOW_CONFIDENCE, limit: 50 });
    return formatFeedbackReport(s, databaseUrl ? await describeStore(where) : path.join(dataDir, 'framework-advisor.sqlite'));
  } finally {
    await store.close();
  }
}

const isMain =
  (import.meta as { main?: boolean }).main ?? (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isMain) {
  const dotenv = (await import('dotenv')).default;
  dotenv.config({ quiet: true });
  main()
    .then((text) => console.log(text))
    .catch((e: unknown) => {
      console.error(`Could not read the feedback: ${describeError(e)}`);
      process.exitCode = 1;
    });
}
