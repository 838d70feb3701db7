/**
 * The store the configuration asks for: PostgreSQL when DATABASE_URL is set (shared by every
 * instance on it), else SQLite under DATA_DIR (one file per host).
 */
import { openStore, type Store } from './index.ts';

export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string;
  /** Pool size per process (PostgreSQL). */
  databasePoolMax?: number;
}

/** Open (and migrate) the configured store. Throws STORAGE_UNAVAILABLE when PostgreSQL cannot be used. */
export async function openConfiguredStore(c: StoreConfig, onError?: (line: string) => void): Promise<Store> {
  if (!c.databaseUrl) return openStore(c.dataDir);
  const { PgStore } = await import('./postgres.ts');
  return PgStore.open({ url: c.databaseUrl, ...(c.databasePoolMax ? { max: c.databasePoolMax } : {}), ...(onError ? { onError } : {}) });
}

/** Where the store lives, for log lines (no password). */
export async function describeStore(c: StoreConfig): Promise<string> {
  if (!c.databaseUrl) return `SQLite in ${c.dataDir}`;
  const { describeDatabaseUrl } = await import('./postgres.ts');
  return `PostgreSQL at ${describeDatabaseUrl(c.databaseUrl)}`;
}
