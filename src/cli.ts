/**
 * `npm run ask -- "question"`: the advisor from a terminal.
 *   --json    the Answer as one JSON line
 *   --jsonl   one question a line on stdin, one Answer JSON a line out, in order; a line that is a
 *             JSON object {"text": "...", "history": ["oldest", ..., "latest earlier message"]}
 *             is answered as a reply in that thread (the same path as a Slack thread)
 * Exit status is non-zero only for a usage error (2) or a broken knowledge base (1).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadAdvisor, type Advisor, type Answer } from './core/index.ts';
import { AdvisorError, ErrorCode, describeError } from './errors.ts';
import { createAnswerer, type Answerer } from './answerer.ts';

export const USAGE = `Usage:
  npm run ask -- "what we are building, or a question"   readable answer
  npm run ask -- --json "question"                       the Answer as one JSON line
  npm run ask -- --jsonl < questions.txt                 one question a line in, one Answer JSON a line out
                                                         (a line {"text": "...", "history": ["...", "..."]}
                                                          is answered as a reply in that thread)
Options:
  --knowledge DIR   knowledge base folder (default: knowledge)
  --help            this text`;

export interface CliIo {
  argv: string[];
  stdin: NodeJS.ReadableStream;
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

interface Parsed {
  mode: 'text' | 'json' | 'jsonl' | 'help';
  question: string;
  knowledgeDir: string;
}

export function parseCli(argv: string[]): Parsed {
  let values: { json?: boolean; jsonl?: boolean; help?: boolean; knowledge?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        knowledge: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new AdvisorError(ErrorCode.Usage, (e as Error).message, { cause: e });
  }
  const knowledgeDir = values.knowledge ?? 'knowledge';
  if (values.help) return { mode: 'help', question: '', knowledgeDir };
  if (values.json && values.jsonl) throw new AdvisorError(ErrorCode.Usage, '--json and --jsonl cannot be used together.');
  const question = positionals.join(' ').trim();
  if (values.jsonl) {
    if (question) throw new AdvisorError(ErrorCode.Usage, '--jsonl reads questions from stdin; do not also pass one as an argument.');
    return { mode: 'jsonl', question, knowledgeDir };
  }
  if (!question) throw new AdvisorError(ErrorCode.Usage, 'Give a question, e.g. npm run ask -- "an online shop with a back office".');
  return { mode: values.json ? 'json' : 'text', question, knowledgeDir };
}

const VERDICT_LINE: Record<string, string> = {
  django: 'Recommendation: Django',
  flask: 'Recommendation: Flask',
  either: 'Recommendation: either (a close call)',
};

export function renderText(a: Answer): string {
  const lines: string[] = [];
  if (a.verdict) lines.push(`${VERDICT_LINE[a.verdict]}   [${a.intent}, confidence ${Math.round(a.confidence * 100)}%]`);
  else lines.push(`[${a.intent}]`);
  if (a.intent === 'recommend' && (a.scores.django > 0 || a.scores.flask > 0)) {
    lines.push(`Scores: Django ${a.scores.django} · Flask ${a.scores.flask}`);
  }
  lines.push('', a.summary + (a.summarySource === 'llm' ? '  (summary written by an LLM from the passages below)' : ''));
  if (a.signals.length > 0) {
    lines.push('', 'Why:');
    for (const s of a.signals) lines.push(`  - ${s.label} (${s.favours === 'neither' ? 'neutral' : `+${s.weight} ${s.favours}`})`);
  }
  if (a.passages.length > 0) {
    lines.push('', 'Based on:');
    a.passages.forEach((p, i) => {
      const agree = p.sources.length > 1 ? `${p.sources.length} sources agree: ` : '';
      lines.push(`  [${i + 1}] ${p.text}`, `      (${agree}${p.sources.map((s) => s.publisher).join(', ')})`);
    });
  }
  if (a.followUps.length > 0) {
    lines.push('', a.intent === 'recommend' ? 'To decide, tell me:' : 'Try:');
    for (const f of a.followUps) lines.push(`  - ${f}`);
  }
  return lines.join('\n');
}

/** A --jsonl line: a plain question, or a thread reply given as a JSON object. */
export type JsonlInput = { text: string; history: string[] } | { error: string };

export function parseJsonlLine(line: string): JsonlInput {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { text: line, history: [] };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    // Not JSON after all: a question that happens to start with a brace.
    return { text: line, history: [] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { text: line, history: [] };
  const { text, history } = data as { text?: unknown; history?: unknown };
  if (typeof text !== 'string') return { error: 'a thread line needs "text": a string' };
  if (history !== undefined && (!Array.isArray(history) || history.some((h) => typeof h !== 'string'))) {
    return { error: '"history" must be an array of strings (oldest first)' };
  }
  return { text, history: (history as string[] | undefined) ?? [] };
}

async function answerLines(answerer: Answerer, io: CliIo): Promise<void> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    // Every input line gets exactly one output line, blank ones included, so outputs stay aligned.
    const input = parseJsonlLine(line);
    if ('error' in input) {
      io.out(JSON.stringify({ error: input.error }));
      continue;
    }
    const answer = await answerer.answer(input.text, input.history.length > 0 ? { history: input.history } : {});
    io.out(JSON.stringify(answer));
  }
}

export async function runCli(io: CliIo, deps: { advisor?: Advisor } = {}): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCli(io.argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.mode === 'help') {
    io.out(USAGE);
    return 0;
  }
  let advisor: Advisor;
  try {
    advisor = deps.advisor ?? (await loadAdvisor({ knowledgeDir: parsed.knowledgeDir }));
  } catch (e) {
    io.err(e instanceof AdvisorError ? e.message : describeError(e));
    return 1;
  }
  let answerer: Answerer;
  try {
    answerer = createAnswerer({ advisor, env: io.env, log: io.err });
  } catch (e) {
    // Bad LLM settings or prompt files: say what is wrong, no stack trace.
    io.err(e instanceof AdvisorError ? e.message : describeError(e));
    return 1;
  }
  if (parsed.mode === 'jsonl') {
    await answerLines(answerer, io);
    return 0;
  }
  const answer = await answerer.answer(parsed.question);
  io.out(parsed.mode === 'json' ? JSON.stringify(answer) : renderText(answer));
  return 0;
}

if (import.meta.main) {
  const code = await runCli({
    argv: process.argv.slice(2),
    stdin: process.stdin,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
  });
  process.exitCode = code;
}
