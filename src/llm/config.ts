/**
 * The LLM settings' shape and defaults. They are parsed from the environment with everything else,
 * by src/config.ts (`config.llm`, or `loadLlmConfig` for the LLM variables alone). The LLM is
 * optional: it is enabled iff OPENAI_API_KEY or OPENAI_BASE_URL is set. Never log the key.
 */

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
