/**
 * Prompt files (prompts/*.yml): loaded and validated with zod at start-up, then rendered
 * per question. The question only ever goes into the user message, as delimited data
 * between <question> tags; the system message holds the instructions alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AdvisorError, ErrorCode } from '../errors.ts';
import type { Answer } from '../core/index.ts';
import { LIMITS } from '../limits.ts';

/** prompts/ at the repository root. */
export const DEFAULT_PROMPTS_DIR = path.resolve(import.meta.dirname, '../../prompts');

export const PLACEHOLDERS = [
  'question',
  'intent',
  'verdict',
  'confidence',
  'scores',
  'signals',
  'passages',
  'passageCount',
  'aspect',
  'disagreements',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The user template must reference these. */
export const REQUIRED_IN_USER: readonly Placeholder[] = ['question', 'verdict', 'signals', 'passages'];

/** Longest question text sent to the model (characters). */

const PLACEHOLDER_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER_RE)].map((m) => m[1]!);
}

function checkKnown(template: string, ctx: z.RefinementCtx): void {
  for (const name of placeholdersIn(template)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${name}}} (known: ${PLACEHOLDERS.join(', ')})` });
    }
  }
}

const SummaryPromptSchema = z
  .object({
    version: z.union([z.number().int().positive(), z.string().min(1)]),
    system: z
      .string()
      .trim()
      .min(20, 'the system prompt needs some instructions')
      .superRefine((t, ctx) => {
        checkKnown(t, ctx);
        if (placeholdersIn(t).includes('question')) {
          ctx.addIssue({ code: 'custom', message: 'must not contain {{question}}: the question goes into the user message only' });
        }
      }),
    user: z
      .string()
      .trim()
      .min(1)
      .superRefine((t, ctx) => {
        checkKnown(t, ctx);
        const used = placeholdersIn(t);
        for (const r of REQUIRED_IN_USER) {
          if (!used.includes(r)) ctx.addIssue({ code: 'custom', message: `must reference {{${r}}}` });
        }
        if (used.filter((p) => p === 'question').length > 1) ctx.addIssue({ code: 'custom', message: 'must reference {{question}} only once' });
        if (!/<question>\s*\{\{\s*question\s*\}\}\s*<\/question>/.test(t)) {
          ctx.addIssue({ code: 'custom', message: 'must wrap {{question}} in <question>...</question> tags' });
        }
      }),
    params: z
      .object({
        maxTokens: z.number().int().min(16).max(4096),
        temperature: z.number().min(0).max(2),
        maxSummaryChars: z.number().int().min(80).max(2900),
      })
      .strict(),
  })
  .strict();

export type SummaryPrompt = z.infer<typeof SummaryPromptSchema> & { file: string };

export interface Prompts {
  summary: SummaryPrompt;
}

function promptError(file: string, message: string, cause?: unknown): AdvisorError {
  return new AdvisorError(ErrorCode.PromptInvalid, `Prompt file ${file} is invalid: ${message}`, { cause });
}

/** Load and validate every prompt. Synchronous: it runs once at start-up. */
export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Prompts {
  const file = path.join(dir, 'summary.yml');
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw promptError(shown, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, e);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    throw promptError(shown, `not valid YAML: ${(e as Error).message.split('\n')[0]}`, e);
  }
  const result = SummaryPromptSchema.safeParse(data ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    throw promptError(shown, lines.join('; '));
  }
  return { summary: { ...result.data, file: shown } };
}

const NAME = { django: 'Django', flask: 'Flask' } as const;

function verdictWords(a: Answer): string {
  if (a.verdict === 'django' || a.verdict === 'flask') return NAME[a.verdict];
  if (a.verdict === 'either') return 'either framework: a close call, so do not pick one';
  return 'none: this is not a recommendation, so do not recommend either framework';
}

/**
 * Make the question safe to place between <question> tags: control characters removed,
 * any question tags inside it (raw or entity-encoded) neutralised, length capped.
 */
export function delimitQuestion(question: string): string {
  return question
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/(?:<|&lt;|＜)\s*\/?\s*question\b[^>&＞\n]{0,40}(?:>|&gt;|＞)?/gi, '[tag removed]')
    .slice(0, LIMITS.questionChars)
    .trim();
}

export function renderPassages(a: Answer): string {
  if (a.passages.length === 0) return '(none)';
  return a.passages
    .map((p, i) => `[${i + 1}] ${p.text.replace(/\s+/g, ' ').trim()}\n    Sources: ${p.sources.map((s) => `${s.publisher}, "${s.title}"`).join('; ')}`)
    .join('\n');
}

export function renderSignals(a: Answer): string {
  if (a.signals.length === 0) return '- none';
  const numberOf = new Map(a.passages.map((p, i) => [p.id, i + 1]));
  return a.signals
    .map((s) => {
      const favours = s.favours === 'neither' ? 'neutral' : `favours ${NAME[s.favours]} (+${s.weight})`;
      const refs = s.passages.map((id) => numberOf.get(id)).filter((n) => n !== undefined).sort((x, y) => x - y);
      return `- ${s.label}: ${favours}${refs.length ? `; see ${refs.map((n) => `[${n}]`).join('')}` : ''}`;
    })
    .join('\n');
}

function renderDisagreements(a: Answer): string {
  if (a.disagreements.length === 0) return '- none';
  return a.disagreements
    .map((d) => `- ${d.question}: ${d.positions.map((p) => `${p.claim} (${p.sources.map((s) => s.publisher).join(', ')})`).join(' vs ')}`)
    .join('\n');
}

/** Fill a template in one pass: text substituted in is never scanned for placeholders again. */
export function fill(template: string, values: Record<Placeholder, string>): string {
  return template.replace(PLACEHOLDER_RE, (_m, name: string) => values[name as Placeholder] ?? '');
}

export function renderSummaryMessages(prompt: SummaryPrompt, question: string, a: Answer): { system: string; user: string } {
  const values: Record<Placeholder, string> = {
    question: delimitQuestion(question),
    intent: a.intent,
    verdict: verdictWords(a),
    confidence: `${Math.round(a.confidence * 100)}%`,
    scores: `Django ${a.scores.django}, Flask ${a.scores.flask}`,
    signals: renderSignals(a),
    passages: renderPassages(a),
    passageCount: String(a.passages.length),
    aspect: a.aspect ? ` (aspect: ${a.aspect.label})` : '',
    disagreements: renderDisagreements(a),
  };
  // The system message never sees the question, even if a template tried.
  return { system: fill(prompt.system, { ...values, question: '' }), user: fill(prompt.user, values) };
}
