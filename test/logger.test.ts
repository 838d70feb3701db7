import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../src/errors.ts';
import { createLogger } from '../src/logger.ts';

describe('logger', () => {
  it('redacts tokens and honours the level', () => {
    const lines: string[] = [];
    const l = createLogger('info', (x) => lines.push(x));
    l.debug('hidden');
    l.info('token xoxb-123-456-abc and xapp-1-A-b', { authorization: 'Bearer xoxb-9' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/xoxb-123|xapp-1-A|xoxb-9/);
    expect(redactSecrets('xoxb-1-2')).toBe('xox?-[redacted]');
  });
});
