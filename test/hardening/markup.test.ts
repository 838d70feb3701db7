/** Issue 12 item 4: Slack markup stripping is linear and capped before it runs. */
import { describe, expect, it } from 'vitest';
import { STRIP_INPUT_MAX, stripMarkupUncapped, stripSlackMarkup } from '../../src/slack/ui/mrkdwn.ts';

function ms(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

describe('stripSlackMarkup on hostile input', () => {
  it('40,000 unclosed < take well under 100 ms', () => {
    stripSlackMarkup('<'.repeat(100)); // warm
    const t = ms(() => stripSlackMarkup('<'.repeat(40_000)));
    expect(t).toBeLessThan(100);
  });

  it('the scan itself is linear: 200,000 characters of open brackets, bars and a far >, uncapped', () => {
    const shapes = ['<'.repeat(200_000), '<a|'.repeat(65_000), `${'<@U1|'.repeat(40_000)}>`, `${'<'.repeat(100_000)}>${'<'.repeat(100_000)}`, `${'<x'.repeat(100_000)}>`];
    for (const s of shapes) expect(ms(() => stripMarkupUncapped(s))).toBeLessThan(200);
  });

  it('caps the input first: only the first STRIP_INPUT_MAX characters are looked at', () => {
    const long = `${'a'.repeat(STRIP_INPUT_MAX)}<@U123> tail`;
    expect(stripSlackMarkup(long)).toBe('a'.repeat(STRIP_INPUT_MAX));
  });

  it('keeps the meaning of the markup', () => {
    const cases: [string, string][] = [
      ['<@U123> should we use <https://flask.palletsprojects.com|Flask>? &lt;3', 'should we use Flask? <3'],
      ['hi <@U1|ada> and <!here> or <!subteam^S1|@team>', 'hi and or'],
      ['see <#C1|planning> now', 'see #planning now'],
      ['<https://example.com>', 'https://example.com'],
      ['a < b and c > d', 'a b and c d'],
      ['a <<@U1> b', 'a < b'],
      ['unclosed <@U1 mention', 'unclosed <@U1 mention'],
      ['<>', '<>'],
      ['<a|b|c>', 'b|c'],
      ['<a|>', 'a|'],
    ];
    for (const [input, want] of cases) expect(stripSlackMarkup(input), input).toBe(want);
  });
});
