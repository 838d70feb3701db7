/**
 * Vitest global setup: one embedded PostgreSQL for the whole run (test/embedded-pg.ts), on a free
 * loopback port, in a temporary directory removed at the end. Tests get its admin URL with
 * `inject('pgAdminUrl')` and make their own database with `freshDatabase()` (test/pg.ts), so
 * parallel files never share tables.
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPg } from './embedded-pg.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let server: EmbeddedPg | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    server = await startEmbeddedPostgres({ durable: false });
  } catch (e) {
    // A throwing global setup makes vitest 4 print "No test files found" and still exit 0: a CI
    // run that tested nothing would pass. Say why and fail the run.
    process.stderr.write(`\nThe embedded PostgreSQL for the tests did not start, so no test ran:\n${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  }
  if (process.env.PG_TEST_VERBOSE) console.log(`embedded PostgreSQL on ${new URL(server.adminUrl).host} in ${server.startedMs} ms`);
  project.provide('pgAdminUrl', server.adminUrl);
  return async () => {
    await server?.stop();
  };
}
