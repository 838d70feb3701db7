import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Stops at once on a Node older than package.json's engines (test/node-version.ts); then one
    // embedded PostgreSQL for the run (the PostgreSQL store and multi-instance tests).
    globalSetup: ['test/node-version.ts', 'test/pg-global-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
