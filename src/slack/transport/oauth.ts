/**
 * Multi-workspace installs (HTTP mode with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET
 * and no SLACK_BOT_TOKEN), through Bolt's own InstallProvider:
 *
 * - `GET /slack/install` sends the browser to Slack's consent page with a signed `state` (and the
 *   same state in a cookie: the redirect must come back to the browser that started it);
 *   `GET /slack/oauth_redirect` exchanges the code (`oauth.v2.access`, through SLACK_API_URL like
 *   every Web API call) and stores the installation in the app's Store, so every instance on the
 *   same database serves the new workspace at once. The state is stateless (HMAC under
 *   SLACK_STATE_SECRET), so the redirect may land on another instance than the install did.
 * - `authorize` gives every request its workspace's bot token from the store. With token rotation
 *   (an installation with a refresh token and an expiry), a token expiring within two hours is
 *   refreshed under the store's named lock, and the installation is read again inside the lock: of
 *   two instances that both see an old token, one refreshes and the other uses its result.
 * - `deleteWorkspace` is what `app_uninstalled` and `tokens_revoked` call: the installation and
 *   everything stored for that workspace go.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizeResult, AuthorizeSourceData, CustomRoute, Logger, webApi } from '@slack/bolt';
import { InstallProvider, type Installation, type InstallationQuery, type InstallationStore } from '@slack/oauth';
import { AdvisorError, ErrorCode, describeError } from '../../errors.ts';
import type { DeletedCounts, Store, WorkspaceRef } from '../../store/index.ts';
import { installationId } from '../../store/installations.ts';

/** The bot scopes the app asks for at install (manifest.yml's, asserted by test/security/manifest-scopes.test.ts). */
export const BOT_SCOPES = ['app_mentions:read', 'assistant:write', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history'];

/** Bolt refreshes tokens expiring within this margin; the lock is only taken then. */
const REFRESH_MARGIN_SEC = 2 * 3600;

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: Store;
  logger: Logger;
  /** The Web API client options (base URL, deadline, fetch): used for oauth.v2.access and auth.test too. */
  clientOptions: webApi.WebClientOptions;
  /** Web API base (SLACK_API_URL); the consent page is derived from it (https://slack.com/api/ → https://slack.com/oauth/v2/authorize). */
  apiUrl?: string;
  /** Where Slack sends the browser back, when the app's settings list several redirect URLs. */
  redirectUri?: string;
  now?: () => number;
}

export interface OAuth {
  installer: InstallProvider;
  authorize: (source: AuthorizeSourceData<boolean>) => Promise<AuthorizeResult>;
  /** /slack/install and /slack/oauth_redirect for the HTTP receiver. */
  routes: CustomRoute[];
  deleteWorkspace(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): Promise<DeletedCounts>;
}

/** Bolt's InstallationStore shape over the app's Store. */
export function installationStoreOf(store: Store): InstallationStore {
  return {
    storeInstallation: async (i) => store.storeInstallation(i as Installation),
    fetchInstallation: async (q) => store.fetchInstallation(q),
    deleteInstallation: async (q) => store.deleteInstallation(q),
  };
}

function authorizationUrl(apiUrl: string | undefined): string {
  if (!apiUrl) return 'https://slack.com/oauth/v2/authorize';
  return new URL('../oauth/v2/authorize', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`).toString();
}

function toQuery(s: AuthorizeSourceData<boolean>): InstallationQuery<boolean> {
  return {
    teamId: s.teamId,
    enterpriseId: s.enterpriseId,
    isEnterpriseInstall: s.isEnterpriseInstall,
    ...(s.userId ? { userId: s.userId } : {}),
    ...(s.conversationId ? { conversationId: s.conversationId } : {}),
  } as InstallationQuery<boolean>;
}

function plainResult(i: Installation, s: AuthorizeSourceData<boolean>): AuthorizeResult {
  const r: AuthorizeResult = {};
  if (i.bot) {
    r.botToken = i.bot.token;
    r.botId = i.bot.id;
    r.botUserId = i.bot.userId;
  }
  const teamId = i.team?.id ?? s.teamId;
  if (teamId) r.teamId = teamId;
  const enterpriseId = i.enterprise?.id ?? s.enterpriseId;
  if (enterpriseId) r.enterpriseId = enterpriseId;
  return r;
}

export function createOAuth(o: OAuthOptions): OAuth {
  const now = o.now ?? Date.now;
  const installer = new InstallProvider({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    installationStore: installationStoreOf(o.store),
    directInstall: true,
    logger: o.logger,
    clientOptions: o.clientOptions,
    authorizationUrl: authorizationUrl(o.apiUrl),
  });
  const installOptions = { scopes: BOT_SCOPES, ...(o.redirectUri ? { redirectUri: o.redirectUri } : {}) };

  const authorize = async (source: AuthorizeSourceData<boolean>): Promise<AuthorizeResult> => {
    const query = toQuery(source);
    let inst: Installation;
    try {
      inst = await o.store.fetchInstallation(query);
    } catch (e) {
      // Any installed workspace is served; others are refused before any listener and logged (issue 12 item 10).
      o.logger.warn(`refused a request for team ${source.teamId ?? '(none)'}${source.enterpriseId ? ` (enterprise ${source.enterpriseId})` : ''}: no installation (${describeError(e)})`);
      throw new AdvisorError(ErrorCode.Storage, `No usable installation for ${safeId(query)} (not installed, uninstalled, or the store failed).`, { cause: e });
    }
    const expiresAt = inst.bot?.expiresAt;
    if (!inst.bot?.refreshToken || expiresAt === undefined || expiresAt - now() / 1000 > REFRESH_MARGIN_SEC) return plainResult(inst, source);
    // Rotation: one instance refreshes; Bolt's authorize reads the installation again inside the lock.
    return o.store.withLock(`token-refresh:${safeId(query)}`, () => installer.authorize(query));
  };

  const guard = (what: string, fn: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
    fn(req, res).catch((e: unknown) => {
      o.logger.error(`${what} failed: ${describeError(e)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Something went wrong. Please try again.');
      }
    });
  };

  const routes: CustomRoute[] = [
    { path: '/slack/install', method: ['GET'], handler: guard('the install page', (req, res) => installer.handleInstallPath(req, res, {}, installOptions)) },
    {
      path: '/slack/oauth_redirect',
      method: ['GET'],
      handler: guard('the OAuth redirect', (req, res) =>
        installer.handleCallback(req, res, {
          success: (installation, _opts, _req, r) => {
            o.logger.info(`installed in ${installation.isEnterpriseInstall ? `org ${installation.enterprise?.id}` : `workspace ${installation.team?.id}`}`);
            r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            r.end('<html><body><h1>Framework Advisor is installed</h1><p>Try <code>/framework help</code> in Slack.</p></body></html>');
          },
          failure: (error, _opts, _req, r) => {
            o.logger.warn(`an install did not complete: ${describeError(error)}`);
            r.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
            r.end('<html><body><h1>The installation did not complete</h1><p>Start again from the install link.</p></body></html>');
          },
        }),
      ),
    },
  ];

  return {
    installer,
    authorize,
    routes,
    deleteWorkspace: (ws) => o.store.deleteWorkspaceData(ws),
  };
}

function safeId(q: InstallationQuery<boolean>): string {
  try {
    return installationId(q);
  } catch {
    return '(unknown workspace)';
  }
}
