/**
 * Entry point. `createApp` builds the Bolt app (Socket Mode or HTTP) from injected deps;
 * `main` (only when run directly) loads .env, config and the advisor, and starts the right mode:
 * Socket Mode with SLACK_APP_TOKEN, HTTP with SLACK_SIGNING_SECRET, a local console otherwise.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { App, type Logger } from '@slack/bolt';
import { createAnswerer, type Answerer } from './answerer.ts';
import { loadConfig, type Config } from './config.ts';
import { LIMITS } from './limits.ts';
import { describeError, isAdvisorError, newErrorRef } from './errors.ts';
import { openStore, type Store } from './store/index.ts';
import { AnswerCache, TtlSet } from './slack/conversation/answer-cache.ts';
import type { AdvisorLike, SlackDeps } from './slack/deps.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { createLogger } from './logger.ts';
import { createGuardedReceiver } from './slack/transport/guard.ts';
import { createSlackFetch } from './slack/transport/slack-fetch.ts';
import { HTTP_SERVER_OPTIONS } from './slack/transport/body-guard.ts';
import { installLastResort } from './last-resort.ts';
import { hostForLog, responseUrlAllowlist } from './slack/transport/allowed-hosts.ts';
import { installedTeamAuthorize, responseUrlGate } from './slack/transport/gate.ts';

export interface AppDeps {
  config: Config;
  advisor: AdvisorLike;
  /**
   * The one answerer (rules + optional LLM summary), created once at start-up by `main`.
   * When absent (tests), a rules-only answerer over `advisor` is used.
   */
  answerer?: Answerer;
  /** Least time between two streamed summary updates of a message (default 1000 ms). */
  streamIntervalMs?: number;
  store: Store;
  clock?: () => Date;
  logger?: Logger;
  random?: () => number;
  /**
   * Deadline of one Slack call (Web API request or response_url POST), default 10 s. The
   * WebClient's own default is no deadline at all, so a hung connection would hold a handler forever.
   */
  slackTimeoutMs?: number;
}

export interface CreatedApp {
  app: App;
  deps: SlackDeps;
  /** Set once the app is listening (HTTP) or connected (Socket Mode); /healthz answers 200 after. */
  markReady(): void;
  /** Release what the app holds besides Bolt (keep-alive sockets); after `app.stop()`. */
  close(): void;
}

/** Build the Bolt app for `config.mode` ('http' or 'socket'). No network until it starts. */
export function createSlackApp(d: AppDeps): CreatedApp {
  const { config } = d;
  const logger = d.logger ?? createLogger(config.logLevel);
  const token = config.slack.botToken;
  if (!token) throw new Error('createApp needs SLACK_BOT_TOKEN (console mode has no Bolt app).');
  // Every Slack HTTP call goes through one fetch: a deadline, and response_url POSTs on a cheaper
  // path than the platform fetch (src/slack/transport/slack-fetch.ts).
  const slackTimeoutMs = d.slackTimeoutMs ?? LIMITS.slackCallMs;
  // response_url POSTs only to Slack's hosts or SLACK_API_URL's (allowed-hosts.ts): checked here, in
  // the one fetch every Slack call goes through, and for incoming requests in responseUrlGate.
  const allowResponseUrl = responseUrlAllowlist(config.slack.apiUrl);
  const slackFetch = createSlackFetch({
    timeoutMs: slackTimeoutMs,
    ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
    allowUrl: allowResponseUrl,
    onRefused: (url) => logger.warn(`refused to POST to ${hostForLog(url)}: not a Slack response_url host nor SLACK_API_URL's`),
  });
  const deps: SlackDeps = {
    advisor: d.advisor,
    answerer: d.answerer ?? createAnswerer({ advisor: d.advisor, summariser: null }),
    ...(d.streamIntervalMs !== undefined ? { streamIntervalMs: d.streamIntervalMs } : {}),
    store: d.store,
    logger,
    clock: d.clock ?? (() => new Date()),
    cache: new AnswerCache(LIMITS.recentAnswers),
    seen: new TtlSet(LIMITS.seenEventsMs, LIMITS.seenEvents),
    random: d.random ?? Math.random,
    fetch: slackFetch,
  };
  // Every Slack call gets a deadline and at most 2 retries (429 honours Retry-After). The WebClient's
  // defaults are no deadline and 10 retries over ~30 minutes, which hold a failed answer (and its
  // memory) for half an hour instead of telling the user. `fetch` also bounds Bolt's respond(),
  // whose response_url POSTs take a cheaper path than the platform fetch (src/slack/transport/slack-fetch.ts).
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    timeout: slackTimeoutMs,
    retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 3000, randomize: true },
    fetch: slackFetch,
  };
  // Without an explicit level, every WebClient Bolt creates resets the shared logger to INFO
  // (LOG_LEVEL=debug was silently ignored in Slack modes).
  const logLevel = logger.getLevel();
  let ready = false;
  let app: App;
  // Single workspace: only the bot token's team (auth.test) is served (gate.ts).
  const team = installedTeamAuthorize({ token, client: () => app.client, logger });
  const authorize = team.authorize;
  if (config.mode === 'socket') {
    // Bolt hands clientOptions (base URL, deadline, fetch) to the Socket Mode client too, which
    // opens its connection with apps.connections.open (test/e2e/socket-mode.test.ts).
    app = new App({ authorize, appToken: config.slack.appToken, socketMode: true, logger, logLevel, clientOptions, convoStore: false });
  } else {
    const signingSecret = config.slack.signingSecret;
    if (!signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET.');
    // Signatures are checked once, in front of Bolt, where replays are dropped too (src/slack/transport/guard.ts).
    const receiver = createGuardedReceiver({
      signingSecret,
      endpoints: '/slack/events',
      logger,
      processBeforeResponse: false,
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ ok: ready }));
          },
        },
      ],
    });
    app = new App({ authorize, receiver, logger, logLevel, clientOptions, convoStore: false });
  }
  team.warm();
  app.use(responseUrlGate(allowResponseUrl, logger));
  registerListeners(app, deps);
  app.error(async (error) => {
    const ref = newErrorRef(deps.random);
    logger.error(`${ref} unhandled: ${describeError(error)}`);
  });
  return { app, deps, markReady: () => void (ready = true), close: () => slackFetch.close() };
}

/** The Bolt app for `deps.config` (see createSlackApp). */
export function createApp(d: AppDeps): App {
  return createSlackApp(d).app;
}

export interface RunningApp {
  app: App;
  /** Bound port in HTTP mode (useful with PORT=0). */
  port?: number;
  stop(): Promise<void>;
}

/** Create and start the app; in HTTP mode listens on `config.port` (0 = ephemeral). */
export async function startApp(d: AppDeps): Promise<RunningApp> {
  const created = createSlackApp(d);
  const { app } = created;
  let port: number | undefined;
  if (d.config.mode === 'http') {
    // Tight header and request deadlines: a client trickling its request holds nothing for long.
    const server = (await app.start(d.config.port, HTTP_SERVER_OPTIONS)) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    await app.start();
  }
  created.markReady();
  let stopped = false;
  return {
    app,
    ...(port !== undefined ? { port } : {}),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await app.stop();
      created.close();
    },
  };
}

export async function main(): Promise<void> {
  const dotenv = (await import('dotenv')).default;
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    process.stderr.write(`${isAdvisorError(e) ? e.message : describeError(e)}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  // An error nobody caught is logged with a reference; the process keeps serving (last-resort.ts).
  installLastResort(logger);
  const { loadAdvisor } = await import('./core/index.ts');
  let advisor: AdvisorLike;
  try {
    advisor = await loadAdvisor({ knowledgeDir: path.resolve(import.meta.dirname, '..', 'knowledge') });
  } catch (e) {
    logger.error(`could not load the knowledge base: ${describeError(e)}`);
    process.exitCode = 1;
    return;
  }
  let answerer: Answerer;
  try {
    // Validates the LLM settings and prompt files when an LLM is configured.
    answerer = createAnswerer({ advisor, llm: config.llm, log: (line) => logger.info(line) });
  } catch (e) {
    process.stderr.write(`${isAdvisorError(e) ? e.message : describeError(e)}\n`);
    process.exitCode = 1;
    return;
  }
  if (config.mode === 'console') {
    const { runConsole } = await import('./console.ts');
    await runConsole(advisor, { input: process.stdin, output: process.stdout, answerer });
    return;
  }
  const store = openStore(config.dataDir);
  const running = await startApp({ config, advisor, answerer, store, logger });
  logger.info(`Framework Advisor started in ${config.mode === 'http' ? `HTTP mode on port ${running.port}` : 'Socket Mode'}`);
  const shutdown = (signal: string) => {
    logger.info(`${signal} received: shutting down`);
    // Do not hang on a stuck connection: exit after 10 s whatever happens.
    setTimeout(() => process.exit(0), 10_000).unref();
    running
      .stop()
      .catch((e: unknown) => logger.error(`error while stopping: ${describeError(e)}`))
      .finally(() => {
        store.close();
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

const isMain =
  (import.meta as { main?: boolean }).main ?? (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isMain) {
  main().catch((e: unknown) => {
    process.stderr.write(`Framework Advisor failed to start: ${describeError(e)}\n`);
    process.exit(1);
  });
}
