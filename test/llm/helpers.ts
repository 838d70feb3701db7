/** Shared fixtures for the LLM tests: a tiny knowledge base, config, and OpenAI-shaped bodies. */
import path from 'node:path';
import { createServer } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadAdvisor, type Advisor } from '../../src/core/index.ts';
import { loadLlmConfig } from '../../src/config.ts';
import type { LlmConfig } from '../../src/llm/config.ts';
import { loadPrompts } from '../../src/llm/prompts.ts';
import { createSummariser, type Summariser } from '../../src/llm/summariser.ts';

export const BASE = 'http://llm.test';
export const BASE_URL = `${BASE}/v1`;
/** The one fixture knowledge base of the tests (test/fixtures/kb). */
export const FIXTURE_KB = path.resolve(import.meta.dirname, '../fixtures/kb');

/** A question the fixture rules answer with verdict django (2 passages). */
export const DJANGO_Q = 'a large product with an admin back office and a team of junior developers';
/** A question the fixture rules answer with verdict flask. */
export const FLASK_Q = 'we build a small api microservice';

let advisor: Promise<Advisor> | undefined;
export function fixtureAdvisor(): Promise<Advisor> {
  advisor ??= loadAdvisor({ knowledgeDir: FIXTURE_KB });
  return advisor;
}

export function testConfig(env: Record<string, string> = {}): LlmConfig {
  return loadLlmConfig({ OPENAI_BASE_URL: BASE_URL, LLM_TIMEOUT_MS: '1500', ...env });
}

export function makeSummariser(opts: { env?: Record<string, string>; clock?: () => number } = {}) {
  const lines: string[] = [];
  const summariser: Summariser = createSummariser({
    config: testConfig(opts.env),
    prompts: loadPrompts(),
    log: (l) => lines.push(l),
    clock: opts.clock,
  });
  return { summariser, lines };
}

export function completion(content: string | null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

/** A Chat Completions SSE body: one `data:` event per piece, then [DONE]. */
export function sse(pieces: string[]): string {
  const events = pieces.map((p, i) =>
    JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'test-model',
      choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: p } : { content: p }, finish_reason: null }],
    }),
  );
  return `${events.map((e) => `data: ${e}\n\n`).join('')}data: [DONE]\n\n`;
}

/** A TCP port on 127.0.0.1 with nothing listening. */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const v of it) out.push(v);
  return out;
}

export interface FakeLlm {
  baseURL: string;
  /** Request bodies received, parsed. */
  requests: { messages: { role: string; content: string }[]; stream?: boolean }[];
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible server on 127.0.0.1 for what nock cannot do well:
 * real progressive streaming, and requests that hang past the deadline.
 */
export async function startFakeLlm(
  handler: (req: IncomingMessage, res: ServerResponse, body: unknown) => void | Promise<void>,
): Promise<FakeLlm> {
  const requests: FakeLlm['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createHttpServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const body: unknown = data ? JSON.parse(data) : undefined;
      requests.push(body as FakeLlm['requests'][number]);
      void handler(req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export function sseChunk(content: string): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
