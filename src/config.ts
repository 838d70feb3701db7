/**
 * Configuration from the environment, validated with zod: the one parse of every variable the app
 * reads, Slack's and the LLM's, handed to everything (the LLM settings go to the answerer as
 * `config.llm`). dotenv is loaded by app.ts only; this module just reads an env object. Error
 * messages name the variable, never its value.
 */
import { z } from 'zod';
import { AdvisorError, ErrorCode } from './errors.ts';
import { LLM_DEFAULTS, type LlmConfig } from './llm/config.ts';

/** Empty strings mean "unset" (a `.env` copied from `.env.example` has `KEY=` lines). */
const optionalString = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

function optionalInt(min: number, max: number, unit = '') {
  const whole = `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: whole })
      .int({ error: whole })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .optional(),
  );
}

/** An http(s) URL with a host and no spaces (the one URL rule, for Slack's base and the LLM's). */
function optionalUrl(example: string) {
  return optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s/]+\S*$/i.test(v), { error: `must be an http(s) URL such as ${example}` });
}

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    error: 'must be a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token)',
  }),
  SLACK_SIGNING_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9]{8,}$/.test(v), {
    error: 'must be the signing secret from Basic Information → App Credentials (letters and digits)',
  }),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    error: 'must be an app-level token starting with "xapp-" with the connections:write scope',
  }),
  SLACK_API_URL: optionalUrl('https://slack.com/api/'),
  PORT: optionalInt(0, 65535).default(3000),
  DATA_DIR: optionalString.default('./data'),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('http://localhost:11434/v1'),
  OPENAI_MODEL: optionalString,
  LLM_TIMEOUT_MS: optionalInt(100, 120_000, 'milliseconds'),
  LLM_USER_LIMIT: optionalInt(0, 100_000, 'calls per hour'),
  LLM_CACHE_TTL_MS: optionalInt(0, 7 * 24 * 3600 * 1000, 'milliseconds'),
});

const LLM_VARS = { OPENAI_API_KEY: true, OPENAI_BASE_URL: true, OPENAI_MODEL: true, LLM_TIMEOUT_MS: true, LLM_USER_LIMIT: true, LLM_CACHE_TTL_MS: true } as const;
const LlmEnvSchema = EnvSchema.pick(LLM_VARS);

/** Every environment variable the app reads (documented in .env.example). */
export const ENV_VARS = Object.keys(EnvSchema.shape);

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
export type RunMode = 'socket' | 'http' | 'console';

export interface Config {
  mode: RunMode;
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    /** Web API base URL, ending with '/', when overridden. */
    apiUrl?: string;
  };
  port: number;
  dataDir: string;
  logLevel: LogLevelName;
  /** The optional LLM summary: enabled iff OPENAI_API_KEY or OPENAI_BASE_URL is set. */
  llm: LlmConfig;
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function invalid(issues: readonly z.core.$ZodIssue[]): AdvisorError {
  const lines = issues.map((i) => `  - ${i.path.join('.') || '(environment)'}: ${i.message}`);
  return new AdvisorError(ErrorCode.ConfigInvalid, `Invalid configuration:\n${[...new Set(lines)].join('\n')}\nSee .env.example.`);
}

/**
 * The LLM settings, defaults applied. A base URL alone means a keyless local server (Ollama,
 * vLLM, LM Studio), which gets a placeholder key.
 */
function llmConfig(e: z.infer<typeof LlmEnvSchema>): LlmConfig {
  const baseURL = e.OPENAI_BASE_URL?.replace(/\/+$/, '');
  return {
    enabled: e.OPENAI_API_KEY !== undefined || baseURL !== undefined,
    apiKey: e.OPENAI_API_KEY ?? LLM_DEFAULTS.placeholderKey,
    baseURL,
    model: e.OPENAI_MODEL ?? LLM_DEFAULTS.model,
    timeoutMs: e.LLM_TIMEOUT_MS ?? LLM_DEFAULTS.timeoutMs,
    userLimit: e.LLM_USER_LIMIT ?? LLM_DEFAULTS.userLimit,
    cacheTtlMs: e.LLM_CACHE_TTL_MS ?? LLM_DEFAULTS.cacheTtlMs,
    cacheSize: LLM_DEFAULTS.cacheSize,
  };
}

/**
 * The LLM variables alone, with the same rules as `loadConfig` (for `npm run ask`, which has no
 * Slack settings). Throws AdvisorError CONFIG_INVALID.
 */
export function loadLlmConfig(env: Record<string, string | undefined> = {}): LlmConfig {
  const r = LlmEnvSchema.safeParse(env);
  if (!r.success) throw invalid(r.error.issues);
  return llmConfig(r.data);
}

/** Parse and validate the environment. Throws AdvisorError CONFIG_INVALID listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = EnvSchema.safeParse(env);
  if (!r.success) throw invalid(r.error.issues);
  const e = r.data;
  const problems: string[] = [];
  let mode: RunMode = 'console';
  if (e.SLACK_APP_TOKEN) {
    mode = 'socket';
    if (!e.SLACK_BOT_TOKEN) problems.push('  - SLACK_BOT_TOKEN: required in Socket Mode (SLACK_APP_TOKEN is set)');
  } else if (e.SLACK_SIGNING_SECRET) {
    mode = 'http';
    if (!e.SLACK_BOT_TOKEN) problems.push('  - SLACK_BOT_TOKEN: required in HTTP mode (SLACK_SIGNING_SECRET is set)');
  } else if (e.SLACK_BOT_TOKEN) {
    problems.push('  - SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required with SLACK_BOT_TOKEN (Socket Mode or HTTP mode)');
  }
  if (problems.length) throw new AdvisorError(ErrorCode.ConfigInvalid, `Invalid configuration:\n${problems.join('\n')}\nSee .env.example.`);
  const apiUrl = e.SLACK_API_URL ? (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`) : undefined;
  return {
    mode,
    slack: strip({ botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl }),
    port: e.PORT,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    llm: llmConfig(e),
  };
}
