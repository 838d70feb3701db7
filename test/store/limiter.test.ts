/** The store-backed LLM limit: two limiters (two instances) on one store count the same calls. */
import { describe, expect, it } from 'vitest';
import { createStoreUserLimiter } from '../../src/llm/limit.ts';
import { PgStore } from '../../src/store/postgres.ts';
import { freshDatabase } from '../pg.ts';

describe('createStoreUserLimiter', () => {
  it('shares one window per user across instances on one PostgreSQL, and 0 means no calls', async () => {
    const url = await freshDatabase('limiter');
    const [s1, s2] = await Promise.all([PgStore.open({ url }), PgStore.open({ url })]);
    try {
      let now = 1_000_000;
      const clock = () => now;
      const a = createStoreUserLimiter(s1, { limit: 2, clock });
      const b = createStoreUserLimiter(s2, { limit: 2, clock });
      expect(await a.tryTake('U1')).toBe(true);
      expect(await b.tryTake('U1')).toBe(true);
      expect(await a.tryTake('U1')).toBe(false);
      expect(await b.remaining('U1')).toBe(0);
      expect(await b.tryTake('U2')).toBe(true);
      now += 3600_000 + 1;
      expect(await a.tryTake('U1')).toBe(true);
      expect(await createStoreUserLimiter(s1, { limit: 0 }).tryTake('U3')).toBe(false);
    } finally {
      await s1.close();
      await s2.close();
    }
  });
});
