import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeMrkdwn, oneLine, stripSlackMarkup, truncate } from '../../src/slack/ui/mrkdwn.ts';

describe('text helpers', () => {
  it('escapes the three mrkdwn control characters', () => {
    expect(escapeMrkdwn('a & <!here> > <@U1>')).toBe('a &amp; &lt;!here&gt; &gt; &lt;@U1&gt;');
    expect(escapeMrkdwn('nothing to escape')).toBe('nothing to escape');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('&', '<', '>', 'a', ' ', '😀') }), (t) => {
        expect(escapeMrkdwn(t)).toBe(t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      }),
    );
  });
  it('collapses every whitespace run to one space, as a plain whitespace regex would', () => {
    expect(oneLine('  a \n\t b  c\u00a0\u2028d ')).toBe('a b c d');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r', '\u00a0', '\u2028', '\ufeff', 'x', '-') }), (t) => {
        expect(oneLine(t)).toBe(t.replace(/\s+/g, ' ').trim());
      }),
    );
  });
  it('truncates with an ellipsis, never splitting a surrogate pair or an entity', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate(escapeMrkdwn('abc&def'), 6)).toBe('abc…');
    expect(truncate('x'.repeat(5000), 3000)).toHaveLength(3000);
  });
  it('strips Slack markup from incoming messages', () => {
    expect(stripSlackMarkup('<@U123> should we use <https://flask.palletsprojects.com|Flask>? &lt;3')).toBe('should we use Flask? <3');
  });
});
