/**
 * Checks every request passes before a listener runs (Socket Mode and HTTP mode alike):
 *
 * - `installedTeamAuthorize`: the app is installed in one workspace, the bot token's (auth.test's
 *   team_id). A request for any other team is refused: Bolt then runs no listener, acknowledges
 *   it, and the refusal is logged (app.error). auth.test is called once at start (as Bolt does with
 *   a token) and again only if that call failed.
 * - `responseUrlGate`: a request carrying a response_url the app may not POST to
 *   (allowed-hosts.ts) is acknowledged and dropped, with a warning naming the host.
 */
import type { Authorize, Logger, Middleware, AnyMiddlewareArgs, webApi } from '@slack/bolt';
import { hostForLog } from './allowed-hosts.ts';

interface Installed {
  teamId: string;
  botUserId?: string;
  botId?: string;
}

export function installedTeamAuthorize(o: { token: string; client: () => webApi.WebClient; logger: Logger }): { authorize: Authorize<boolean>; warm(): void } {
  let pending: Promise<Installed> | undefined;
  const installed = (): Promise<Installed> => {
    pending ??= o
      .client()
      .auth.test({ token: o.token })
      .then((r) => {
        if (!r.team_id) throw new Error('auth.test gave no team_id for the bot token');
        return { teamId: r.team_id, ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.bot_id ? { botId: r.bot_id } : {}) };
      })
      .catch((e: unknown) => {
        pending = undefined; // try again with the next request
        throw e;
      });
    return pending;
  };
  const authorize: Authorize<boolean> = async (source) => {
    const me = await installed();
    if (source.teamId !== me.teamId) {
      o.logger.warn(`refused a request for team ${source.teamId ?? '(none)'}${source.enterpriseId ? ` (enterprise ${source.enterpriseId})` : ''}: the app is installed for ${me.teamId} only`);
      throw new Error(`not installed for team ${source.teamId ?? '(none)'}`);
    }
    return { botToken: o.token, teamId: me.teamId, ...(me.botUserId ? { botUserId: me.botUserId } : {}), ...(me.botId ? { botId: me.botId } : {}) };
  };
  return {
    authorize,
    warm: () => {
      installed().catch((e: unknown) => o.logger.warn(`auth.test failed at start (retried with the first request): ${(e as Error).message}`));
    },
  };
}

function responseUrlsOf(body: unknown): string[] {
  const b = body as { response_url?: unknown; response_urls?: { response_url?: unknown }[] } | null;
  const urls: string[] = [];
  if (b && b.response_url !== undefined) urls.push(String(b.response_url));
  if (b && Array.isArray(b.response_urls)) for (const r of b.response_urls) if (r?.response_url !== undefined) urls.push(String(r.response_url));
  return urls;
}

export function responseUrlGate(allowed: (url: string) => boolean, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const bad = responseUrlsOf(args.body).find((u) => !allowed(u));
    if (bad === undefined) {
      await args.next();
      return;
    }
    logger.warn(`refused a request whose response_url points at ${hostForLog(bad)} (not a Slack host nor SLACK_API_URL's)`);
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  };
}
