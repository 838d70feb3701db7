/**
 * LLM settings from the environment. The LLM is optional: it is enabled iff OPENAI_API_KEY
 * or OPENAI_BASE_URL is set (an empty value counts as unset). A base URL alone means a
 * keyless local server (Ollama, vLLM, LM Studio), which gets a placeholder key.
 * Never logs or echoes the key.
 */
import { z } from 'zod';
import { AdvisorError, ErrorCode } from '../errors.ts';

export const LLM_DEFAULTS = {
  model: 'gpt-4o-mini',
  timeoutMs: 8000,
  userLimit: 30,
  cacheTtlMs: 60 * 60 * 1000,
  cacheSize: 500,
  /** Sent as the key to keyless local servers, which ignore it. */
  placeholderKey: 'no-key-needed',
} as const;

export interface LlmConfig {
  enabled: boolean;
  /** The real key, or a placeholder for keyless servers. Never log it. */
  apiKey: string;
  /** Undefined means the openai package's default (api.openai.com). */
  baseURL: string | undefined;
  model: string;
  /** Overall deadline per summary, retries included. */
  timeoutMs: number;
  /** LLM calls per user per hour; 0 means no LLM calls at all. */
  userLimit: number;
  cacheTtlMs: number;
  cacheSize: number;
}

/** Empty or whitespace-only counts as unset. */
const opt = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

function intVar(name: string, def: number, min: number, max: number, unit: string) {
  return opt.pipe(
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return def;
        const n = Number(v);
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
          ctx.addIssue({ code: 'custom', message: `${name} must be a whole number of ${unit} from ${min} to ${max} (got "${v.slice(0, 40)}")` });
          return z.NEVER;
        }
        return n;
      }),
  );
}

const EnvSchema = z.object({
  OPENAI_API_KEY: opt,
  OPENAI_BASE_URL: opt.pipe(
    z
      .string()
      .optional()
      .refine((v) => v === undefined || /^https?:\/\/[^\s/]+/i.test(v), {
        message: 'OPENAI_BASE_URL must be an http(s) URL such as http://localhost:11434/v1',
      }),
  ),
  OPENAI_MODEL: opt,
  LLM_TIMEOUT_MS: intVar('LLM_TIMEOUT_MS', LLM_DEFAULTS.timeoutMs, 100, 120_000, 'milliseconds'),
  LLM_USER_LIMIT: intVar('LLM_USER_LIMIT', LLM_DEFAULTS.userLimit, 0, 100_000, 'calls per hour'),
  LLM_CACHE_TTL_MS: intVar('LLM_CACHE_TTL_MS', LLM_DEFAULTS.cacheTtlMs, 0, 7 * 24 * 3600 * 1000, 'milliseconds'),
});

export function loadLlmConfig(env: NodeJS.ProcessEnv = {}): LlmConfig {
  const parsed = EnvSchema.safeParse({
    OPENAI_API_KEY: env.OPENAI_API_KEY,
    OPENAI_BASE_URL: env.OPENAI_BASE_URL,
    OPENAI_MODEL: env.OPENAI_MODEL,
    LLM_TIMEOUT_MS: env.LLM_TIMEOUT_MS,
    LLM_USER_LIMIT: env.LLM_USER_LIMIT,
    LLM_CACHE_TTL_MS: env.LLM_CACHE_TTL_MS,
  });
  if (!parsed.success) {
    // Messages name the variable and never include OPENAI_API_KEY's value.
    const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'env')}: ${i.message}`);
    throw new AdvisorError(ErrorCode.ConfigInvalid, `Invalid LLM settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const baseURL = e.OPENAI_BASE_URL?.replace(/\/+$/, '');
  return {
    enabled: e.OPENAI_API_KEY !== undefined || baseURL !== undefined,
    apiKey: e.OPENAI_API_KEY ?? LLM_DEFAULTS.placeholderKey,
    baseURL,
    model: e.OPENAI_MODEL ?? LLM_DEFAULTS.model,
    timeoutMs: e.LLM_TIMEOUT_MS,
    userLimit: e.LLM_USER_LIMIT,
    cacheTtlMs: e.LLM_CACHE_TTL_MS,
    cacheSize: LLM_DEFAULTS.cacheSize,
  };
}

/** Where the summaries go, for logs: host and model, never the key. */
export function describeLlm(c: LlmConfig): string {
  let host = 'api.openai.com';
  if (c.baseURL) {
    try {
      host = new URL(c.baseURL).host;
    } catch {
      host = 'custom';
    }
  }
  return `${c.model} at ${host}`;
}
