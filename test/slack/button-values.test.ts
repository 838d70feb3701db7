import { describe, expect, it } from 'vitest';
import { packValue, unpackValue } from '../../src/slack/ui/button-values.ts';

describe('button values', () => {
  it('round-trip and always fit 2000 characters, even with quote-heavy text', () => {
    expect(unpackValue(packValue({ q: 'hi', k: 'k1', v: 'django', c: 0.5, i: 'recommend' }))).toEqual({ q: 'hi', k: 'k1', v: 'django', c: 0.5, i: 'recommend' });
    for (const q of ['"'.repeat(5000), '\u0001'.repeat(3000), 'é'.repeat(4000)]) {
      const v = packValue({ q, k: 'abc' });
      expect(v.length).toBeLessThanOrEqual(2000);
      expect(unpackValue(v)?.k).toBe('abc');
    }
    expect(unpackValue('not json')).toBeNull();
    expect(unpackValue('{"x":1}')).toBeNull();
  });
});
