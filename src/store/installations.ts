/**
 * Keys shared by both stores for installations and per-workspace data. An installation is stored
 * once per workspace (`T:<team id>`), or once per Enterprise Grid org for an org-wide install
 * (`E:<enterprise id>`): a later install of the same workspace replaces the earlier one, as Bolt's
 * own stores do for the bot. Tokens live only inside the stored installation, never in a key.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Installation, InstallationQuery } from '@slack/oauth';

/** The workspace (and org) a row belongs to; both absent in single-workspace mode. */
export interface WorkspaceRef {
  teamId?: string | null | undefined;
  enterpriseId?: string | null | undefined;
}

/** The row id for an installation or a query (which one Bolt asks for). */
export function installationId(x: Installation | InstallationQuery<boolean>): string {
  const isInstallation = 'team' in x || 'bot' in x || 'user' in x;
  const org = Boolean(x.isEnterpriseInstall);
  const enterpriseId = isInstallation ? (x as Installation).enterprise?.id : (x as InstallationQuery<boolean>).enterpriseId;
  const teamId = isInstallation ? (x as Installation).team?.id : (x as InstallationQuery<boolean>).teamId;
  if (org) {
    if (!enterpriseId) throw new Error('an org-wide installation needs an enterprise id');
    return `E:${enterpriseId}`;
  }
  if (!teamId) throw new Error('a workspace installation needs a team id');
  return `T:${teamId}`;
}

/** The team and enterprise ids of an installation, for its columns. */
export function installationScope(i: Installation): { teamId: string | null; enterpriseId: string | null; org: boolean } {
  return { teamId: i.team?.id ?? null, enterpriseId: i.enterprise?.id ?? null, org: Boolean(i.isEnterpriseInstall) };
}

/** Where clause parts for per-workspace deletion: by org for an org-wide install, else by team. */
export function workspaceFilter(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): { column: 'team_id' | 'enterprise_id'; value: string } {
  if (ws.isEnterpriseInstall) {
    if (!ws.enterpriseId) throw new Error('deleting an org-wide installation needs its enterprise id');
    return { column: 'enterprise_id', value: ws.enterpriseId };
  }
  if (ws.teamId) return { column: 'team_id', value: ws.teamId };
  if (ws.enterpriseId) return { column: 'enterprise_id', value: ws.enterpriseId };
  throw new Error('deleting workspace data needs a team or enterprise id');
}

/** The installation row id for a workspace deletion. */
export function workspaceInstallationId(ws: WorkspaceRef & { isEnterpriseInstall?: boolean }): string {
  if (!ws.isEnterpriseInstall && ws.teamId) return `T:${ws.teamId}`;
  return `E:${workspaceFilter({ ...ws, isEnterpriseInstall: true }).value}`;
}

/**
 * The workspace of the request being handled, set once per request by a Bolt middleware
 * (src/app.ts), so every row written while handling it is tagged with its workspace without
 * threading ids through every call: per-workspace deletion finds them all.
 */
export const workspaceContext = new AsyncLocalStorage<WorkspaceRef>();

export function currentWorkspace(): WorkspaceRef {
  return workspaceContext.getStore() ?? {};
}
