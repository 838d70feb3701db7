/**
 * `app_uninstalled` and `tokens_revoked` (bot tokens): the workspace's installation and everything
 * stored for it are deleted (feedback, watched channels, answers behind buttons, LLM call records).
 * Bolt delivers both without authorising them (the token is already gone); the workspace comes
 * from the event's envelope. A revocation of user tokens only (the app asks for none) changes nothing.
 */
import type { App, Context, Logger } from '@slack/bolt';
import { describeError } from '../../errors.ts';
import type { DeletedCounts, WorkspaceRef } from '../../store/index.ts';
import { onFirstDelivery } from '../transport/first-delivery.ts';
import type { EventArgs } from './types.ts';

export interface UninstallDeps {
  logger: Logger;
  deleteWorkspace(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): Promise<DeletedCounts>;
}

function workspaceOf(context: Context, body: unknown): WorkspaceRef & { isEnterpriseInstall: boolean } {
  const b = body as { team_id?: string; enterprise_id?: string; authorizations?: { is_enterprise_install?: boolean }[] };
  return {
    teamId: context.teamId ?? b.team_id ?? null,
    enterpriseId: context.enterpriseId ?? b.enterprise_id ?? null,
    isEnterpriseInstall: Boolean(context.isEnterpriseInstall ?? b.authorizations?.[0]?.is_enterprise_install),
  };
}

async function remove(d: UninstallDeps, why: string, ws: WorkspaceRef & { isEnterpriseInstall: boolean }): Promise<void> {
  const who = ws.isEnterpriseInstall ? `org ${ws.enterpriseId}` : `workspace ${ws.teamId}`;
  try {
    const n = await d.deleteWorkspace(ws);
    d.logger.info(`${why}: deleted the data of ${who} (${Object.entries(n).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  } catch (e) {
    d.logger.error(`${why}: could not delete the data of ${who}: ${describeError(e)}`);
  }
}

export function registerUninstall(app: App, d: UninstallDeps): void {
  // Only a request's first delivery (transport/first-delivery.ts), as every other listener.
  app.event(
    'app_uninstalled',
    onFirstDelivery(d.logger, async ({ context, body }: EventArgs<'app_uninstalled'>) => {
      await remove(d, 'app uninstalled', workspaceOf(context, body));
    }),
  );
  app.event(
    'tokens_revoked',
    onFirstDelivery(d.logger, async ({ event, context, body }: EventArgs<'tokens_revoked'>) => {
      const bots = (event as { tokens?: { bot?: string[] } }).tokens?.bot ?? [];
      if (bots.length === 0) return;
      await remove(d, 'bot token revoked', workspaceOf(context, body));
    }),
  );
}
