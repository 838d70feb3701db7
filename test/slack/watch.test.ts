import { describe, expect, it } from 'vitest';
import { looksLikeFrameworkQuestion } from '../../src/slack/conversation/watch.ts';

describe('watched-channel detector', () => {
  it.each([
    ['Should we use Django or Flask for the new billing service?', true],
    ['flask vs django for an internal tool', true],
    ['Which Python web framework should we pick for the portal?', true],
    ['Any recommendation between Django and something lighter?', true],
    ['The Django deploy failed again', false],
    ['lunch at noon?', false],
    ['Which database should we choose?', false],
  ])('%s → %s', (text, expected) => expect(looksLikeFrameworkQuestion(text)).toBe(expected));
});
