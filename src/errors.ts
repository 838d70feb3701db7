/**
 * One place for the app's coded errors. Every error the app raises on purpose is an
 * `AdvisorError` with a stable `code`, a message safe to show a person, and the
 * underlying `cause` for the log. Nothing here ever carries a token or key.
 */

export const ErrorCode = {
  /** A knowledge base file is missing, unparsable or invalid. */
  KnowledgeInvalid: 'KB_INVALID',
  /** A prompt file in prompts/ is missing or invalid. */
  PromptInvalid: 'PROMPT_INVALID',
  /** Environment configuration is invalid. */
  ConfigInvalid: 'CONFIG_INVALID',
  /** The command line was used wrongly. */
  Usage: 'USAGE',
  /** The LLM could not produce a usable summary. */
  LlmFailed: 'LLM_FAILED',
  /** A Slack Web API call or response_url post failed. */
  SlackDelivery: 'SLACK_DELIVERY',
  /** The store (SQLite or PostgreSQL) could not be written or read. */
  Storage: 'STORAGE',
  /** The database could not be reached or prepared at start-up (DATABASE_URL). */
  StorageUnavailable: 'STORAGE_UNAVAILABLE',
  /** Anything unexpected. */
  Internal: 'INTERNAL',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AdvisorError extends Error {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AdvisorError';
    this.code = code;
  }
}

export function isAdvisorError(e: unknown, code?: ErrorCodeValue): e is AdvisorError {
  return e instanceof AdvisorError && (code === undefined || e.code === code);
}

/** A short reference id a user can quote and an operator can grep for in the log. */
export function newErrorRef(random: () => number = Math.random): string {
  return `ERR-${Math.floor(random() * 0x100000000).toString(36).toUpperCase().padStart(7, '0')}`;
}

/** Strip anything that looks like a Slack token or an API key from text bound for a log. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\bxox[abeposr]-[A-Za-z0-9-]+/g, 'xox?-[redacted]')
    // OAuth exchanges (oauth.v2.access at LOG_LEVEL=debug): the client secret and refresh tokens by name.
    .replace(/((?:client_secret|refresh_token|access_token)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1[redacted]')
    .replace(/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]')
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-[redacted]')
    .replace(/\b(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1[redacted]@')
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, '$1[redacted]');
}

/** One-line description of an error for logs: code, message, cause chain; secrets redacted. */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    if (cur instanceof AdvisorError) parts.push(`${cur.code}: ${cur.message}`);
    else if (cur instanceof Error) parts.push(`${cur.name}: ${cur.message}`);
    else parts.push(String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return redactSecrets(parts.join(' <- '));
}
