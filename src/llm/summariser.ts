/**
 * The optional LLM summary: an OpenAI-compatible Chat Completions call (the openai package;
 * not the Responses API, so Ollama, vLLM and LM Studio work too), grounded in the passages
 * the rules retrieved. The verdict stays the rules'; the model writes prose only.
 *
 * Never in the way: one overall deadline (LLM_TIMEOUT_MS) covers the call and at most one
 * retry (429, 5xx, connection errors, and only if the deadline leaves time). On any failure
 * the rule-based summary is returned, with exactly one log line giving the reason.
 */
import { createRequire } from 'node:module';
import type OpenAIClient from 'openai';

/**
 * The openai package is loaded on first use, not at import: without an LLM (the default)
 * start-up never pays for it.
 */
const requireCjs = createRequire(import.meta.url);
let openaiClass: typeof OpenAIClient | undefined;
function OpenAIClass(): typeof OpenAIClient {
  openaiClass ??= (requireCjs('openai') as { OpenAI: typeof OpenAIClient }).OpenAI;
  return openaiClass;
}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Answer } from '../core/index.ts';
import { AdvisorError, ErrorCode, describeError, isAdvisorError, redactSecrets } from '../errors.ts';
import { createTtlCache, summaryCacheKey, type Clock } from './cache.ts';
import { describeLlm, type LlmConfig } from './config.ts';
import { contradictsVerdict, guardPartial, guardSummary } from './guard.ts';
import { createUserLimiter, type UserLimiter } from './limit.ts';
import { renderSummaryMessages, type Prompts } from './prompts.ts';

export const LIMIT_NOTE = '(LLM summary limit reached; showing the rule-based summary)';

/** Extra time allowed past LLM_TIMEOUT_MS before the rules summary is delivered regardless. */
export const DEADLINE_GRACE_MS = 50;
/** Wait before the one retry when the server gives no Retry-After. */
export const RETRY_DELAY_MS = 200;

export interface SummaryResult {
  summary: string;
  source: 'llm' | 'rules';
  /** Why the rules summary was used (absent when source is 'llm'). */
  reason?: string;
  /** True when an LLM summary came from the cache. */
  cached?: boolean;
}

export interface SummariseOptions {
  /** Whose call counts against the per-user limit; calls without one share one bucket. */
  userId?: string;
}

/**
 * A streamed summary. Iterate it for the summary text so far (each value is the whole
 * guarded text, normally extending the previous value); `result` settles with the final
 * outcome whether or not anyone iterates. The last value iterated, if any, equals
 * `result.summary`. A value that does not extend the previous one replaces it (the
 * rules summary after a failure). One consumer per stream; a slow consumer skips
 * straight to the latest text.
 */
export interface SummaryStream extends AsyncIterable<string> {
  readonly result: Promise<SummaryResult>;
}

export interface Summariser {
  readonly config: LlmConfig;
  summarise(question: string, answer: Answer, opts?: SummariseOptions): Promise<SummaryResult>;
  stream(question: string, answer: Answer, opts?: SummariseOptions): SummaryStream;
}

export interface SummariserDeps {
  config: LlmConfig;
  prompts: Prompts;
  /** For the per-user limit and the cache (not for the deadline, which uses real timers). */
  clock?: Clock;
  /** Passed to the openai client (tests, proxies). */
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** The per-user limit; default in memory (one process). The app passes the store's, shared by its instances. */
  limiter?: UserLimiter;
}

/** Does this answer get an LLM summary at all? Help and out-of-scope never do; nor does an answer with no passages. */
export function wantsLlm(a: Answer): boolean {
  return a.intent !== 'help' && a.intent !== 'out_of_scope' && a.passages.length > 0;
}

interface Failure {
  reason: string;
  retryable: boolean;
  retryAfterMs?: number;
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function classify(e: unknown): Failure {
  if (isAdvisorError(e, ErrorCode.LlmFailed)) return { reason: e.message, retryable: false };
  if (e instanceof OpenAIClass().APIConnectionTimeoutError) return { reason: 'timeout', retryable: false };
  if (e instanceof OpenAIClass().APIUserAbortError) return { reason: 'aborted', retryable: false };
  if (e instanceof OpenAIClass().APIConnectionError) {
    return { reason: `connection failed (${errorCode(e) ?? 'network error'})`, retryable: true };
  }
  if (e instanceof OpenAIClass().APIError) {
    const status = e.status;
    if (status === 429) return { reason: 'HTTP 429 rate limited', retryable: true, retryAfterMs: retryAfter(e.headers) };
    if (status !== undefined && status >= 500) return { reason: `HTTP ${status} server error`, retryable: true, retryAfterMs: retryAfter(e.headers) };
    if (status !== undefined) return { reason: `HTTP ${status}`, retryable: false };
    return { reason: `error in response: ${redactSecrets(e.message).slice(0, 120)}`, retryable: false };
  }
  if (e instanceof SyntaxError) return { reason: 'malformed response (not JSON)', retryable: false };
  return { reason: `unexpected error: ${describeError(e).slice(0, 160)}`, retryable: false };
}

function fail(reason: string): AdvisorError {
  return new AdvisorError(ErrorCode.LlmFailed, reason);
}

/** The text of a non-streamed Chat Completions response, or a coded failure for anything malformed. */
function completionText(resp: unknown): string {
  if (!resp || typeof resp !== 'object' || !Array.isArray((resp as { choices?: unknown }).choices)) {
    throw fail('malformed response (no choices)');
  }
  const choice = (resp as { choices: unknown[] }).choices[0] as { message?: { content?: unknown } } | undefined;
  const content = choice?.message?.content;
  if (content === null || content === undefined || (typeof content === 'string' && content.trim() === '')) throw fail('empty output');
  if (typeof content !== 'string') throw fail('malformed response (content is not text)');
  return content;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Latest-value channel: the producer never waits for the consumer. */
function latestChannel() {
  let latest: { v: string } | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    push(v: string) {
      if (closed) return;
      latest = { v };
      poke();
    },
    close() {
      closed = true;
      poke();
    },
    async *iterate(): AsyncGenerator<string> {
      for (;;) {
        if (latest) {
          const { v } = latest;
          latest = undefined;
          yield v;
          continue;
        }
        if (closed) return;
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
}

const SENTENCE_END = /[.!?](?=\s)/g;
const NAMES = { django: /\bdjango/i, flask: /\bflask/i } as const;

export function createSummariser(deps: SummariserDeps): Summariser {
  const { config, prompts } = deps;
  const log = deps.log ?? (() => {});
  const prompt = prompts.summary;
  const OpenAI = OpenAIClass();
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: config.timeoutMs + 1000,
    logLevel: 'off',
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const cache = createTtlCache<string>({ ttlMs: config.cacheTtlMs, maxEntries: config.cacheSize, clock: deps.clock });
  const limiter = deps.limiter ?? createUserLimiter({ limit: config.userLimit, clock: deps.clock });
  const where = describeLlm(config);
  const guardOpts = (a: Answer) => ({ passageCount: a.passages.length, maxChars: prompt.params.maxSummaryChars });

  const body = (question: string, a: Answer) => {
    const m = renderSummaryMessages(prompt, question, a);
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: m.system },
      { role: 'user', content: m.user },
    ];
    return { model: config.model, messages, max_tokens: prompt.params.maxTokens, temperature: prompt.params.temperature };
  };

  /** Guard and check a finished text; throws a coded failure when it cannot be used. */
  const accept = (raw: string, a: Answer): string => {
    if (raw.trim() === '') throw fail('empty output');
    const guarded = guardSummary(raw, guardOpts(a));
    if (!/\p{L}/u.test(guarded)) throw fail('empty output');
    if (contradictsVerdict(guarded, a.verdict)) throw fail('contradicts verdict');
    return guarded;
  };

  /**
   * Run one summary with the deadline and at most one retry. `attempt` does one HTTP call
   * and returns the accepted text; `emitted()` tells whether text already reached the user
   * (then a retry would repeat it, so there is none).
   */
  const run = async (
    question: string,
    a: Answer,
    opts: SummariseOptions,
    attempt: (signal: AbortSignal) => Promise<string>,
    emitted: () => boolean = () => false,
  ): Promise<SummaryResult> => {
    const rules = (reason: string, note?: string): SummaryResult => ({
      summary: note ? `${a.summary} ${note}` : a.summary,
      source: 'rules',
      reason,
    });
    if (!wantsLlm(a)) return rules('not applicable');
    const key = summaryCacheKey(question, a, `${prompt.version}|${config.model}`);
    const hit = cache.get(key);
    if (hit !== undefined) return { summary: hit, source: 'llm', cached: true };
    let allowed: boolean;
    try {
      allowed = await limiter.tryTake(opts.userId ?? 'anonymous');
    } catch (e) {
      // The shared limit could not be read (store down): no LLM call rather than an uncounted one.
      log(`llm: using the rule-based summary: the per-user limit could not be checked (${describeError(e)})`);
      return rules('limit unavailable');
    }
    if (!allowed) {
      log(`llm: using the rule-based summary: per-user limit reached (${config.userLimit} calls/hour)`);
      return rules('user limit reached', LIMIT_NOTE);
    }

    const started = Date.now();
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('LLM deadline reached'));
        // The abort normally settles the call at once; this is the backstop.
        setTimeout(() => resolve('timeout'), DEADLINE_GRACE_MS).unref?.();
      }, config.timeoutMs);
    });

    const work = async (): Promise<SummaryResult> => {
      let retried = '';
      for (let n = 1; ; n++) {
        try {
          const text = await attempt(controller.signal);
          if (timedOut) throw fail('timeout');
          return { summary: text, source: 'llm' };
        } catch (e) {
          const f = timedOut ? { reason: 'timeout', retryable: false } : classify(e);
          const left = config.timeoutMs - (Date.now() - started);
          const wait = Math.max(RETRY_DELAY_MS, f.retryAfterMs ?? 0);
          // A retry needs time to wait and then a fair chance of an answer.
          const minAttempt = Math.min(1000, config.timeoutMs / 4);
          if (n === 1 && f.retryable && !emitted() && left - wait >= minAttempt) {
            retried = ` after 1 retry (first: ${f.reason})`;
            await sleep(wait, controller.signal);
            if (!timedOut) continue;
          }
          const reason = f.reason === 'timeout' || timedOut ? `timeout after ${config.timeoutMs}ms` : f.reason;
          const why = n > 1 ? retried : !f.retryable || timedOut ? '' : emitted() ? ' (not retried: text already shown)' : ' (no time left to retry)';
          return rules(`${reason}${why}`);
        }
      }
    };

    const outcome = await Promise.race([work(), deadline]);
    clearTimeout(timer);
    const result = outcome === 'timeout' ? rules(`timeout after ${config.timeoutMs}ms`) : outcome;
    if (result.source === 'llm') {
      cache.set(key, result.summary);
    } else {
      log(`llm: using the rule-based summary: ${result.reason} (${where}, ${Date.now() - started}ms)`);
    }
    return result;
  };

  const summarise: Summariser['summarise'] = (question, a, opts = {}) =>
    run(question, a, opts, async (signal) => {
      const resp: unknown = await client.chat.completions.create({ ...body(question, a), stream: false }, { signal, maxRetries: 0 });
      return accept(completionText(resp), a);
    });

  const stream: Summariser['stream'] = (question, a, opts = {}) => {
    const channel = latestChannel();
    let shown = '';
    const show = (text: string) => {
      if (text === shown) return;
      shown = text;
      channel.push(text);
    };
    const other = a.verdict === 'django' ? 'flask' : a.verdict === 'flask' ? 'django' : undefined;

    const attempt = async (signal: AbortSignal): Promise<string> => {
      const s = await client.chat.completions.create({ ...body(question, a), stream: true }, { signal, maxRetries: 0 });
      let raw = '';
      let sawChunk = false;
      for await (const chunk of s as AsyncIterable<unknown>) {
        const choices = (chunk as { choices?: unknown }).choices;
        if (!Array.isArray(choices)) throw fail('malformed response (stream chunk without choices)');
        sawChunk = true;
        const delta = (choices[0] as { delta?: { content?: unknown } } | undefined)?.delta?.content;
        if (typeof delta !== 'string' || delta === '') continue;
        raw += delta;
        // Sentences are checked for contradiction once complete; a sentence still being
        // written that names the other framework is held back until it is complete.
        let end = 0;
        for (const m of raw.matchAll(SENTENCE_END)) end = m.index + 1;
        const complete = raw.slice(0, end);
        if (contradictsVerdict(complete, a.verdict)) throw fail('contradicts verdict');
        const visible = other && NAMES[other].test(raw.slice(end)) ? `${complete} ` : raw;
        const partial = guardPartial(visible, guardOpts(a));
        if (partial) show(partial);
      }
      if (signal.aborted) throw fail('timeout');
      if (!sawChunk && raw === '') throw fail('malformed response (empty stream)');
      return accept(raw, a);
    };

    const result = run(question, a, opts, attempt, () => shown !== '').then((r) => {
      // The last value is always the final text; push it if the reader would not otherwise see it.
      if (shown !== '' || r.summary !== a.summary) show(r.summary);
      channel.close();
      return r;
    });
    return { result, [Symbol.asyncIterator]: () => channel.iterate() };
  };

  return { config, summarise, stream };
}
