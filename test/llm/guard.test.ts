import { describe, expect, it } from 'vitest';
import {
  capLength,
  citedNumbers,
  contradictsVerdict,
  dropBadCitations,
  guardPartial,
  guardSummary,
  neutraliseMentions,
  stripControl,
} from '../../src/llm/guard.ts';

const opts = { passageCount: 3, maxChars: 300 };

describe('mention neutralising', () => {
  it.each([
    ['<!channel> look', 'channel look'],
    ['<!here>', 'here'],
    ['<!everyone>', 'everyone'],
    ['<!here|@here> now', 'here now'],
    ['ask <@U12345>', 'ask someone'],
    ['ask <@W1|ann>', 'ask ann'],
    ['<!subteam^S123|@backend> folks', 'backend folks'],
    ['<!subteam^S123>', 'a group'],
    ['see <#C123|general>', 'see #general'],
    ['hey @channel and @here and @everyone', 'hey channel and here and everyone'],
    ['mail a@here.example stays', 'mail a@here.example stays'],
  ])('%s', (input, expected) => {
    expect(neutraliseMentions(input)).toBe(expected);
  });

  it('leaves no markup that Slack could render as a mention or link, even entity-encoded', () => {
    const raw = 'Django [1]. &lt;!channel&gt; &amp;lt;!here&amp;gt; <https://evil.example|click here> https://evil.example/x <mailto:a@b.c> [site](https://x.y) ＠here <tag>';
    const out = guardSummary(raw, opts);
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/<!|<@|@channel|@here|@everyone|https?:|mailto:|&lt;|&gt;/i);
    expect(out).toContain('click here');
    expect(out).toContain('(link removed)');
    expect(out).toContain('site');
    expect(out).toContain('‹tag›');
  });
});

describe('citations', () => {
  it('drops markers that point at no passage and keeps valid ones', () => {
    expect(dropBadCitations('A [1]. B [4]. C [0]. D [2, 9]. E [3][7].', 3)).toBe('A [1]. B. C. D [2]. E [3].');
  });
  it('keeps ranges only when both ends exist', () => {
    expect(dropBadCitations('x [1-3] y [2-5]', 3)).toBe('x [1-3] y');
  });
  it('lists the numbers cited', () => {
    expect(citedNumbers(guardSummary('Yes [2] and [1, 3] but not [9].', opts))).toEqual([1, 2, 3]);
  });
  it('with no passages every marker goes', () => {
    expect(guardSummary('Claim [1].', { passageCount: 0, maxChars: 100 })).toBe('Claim.');
  });
});

describe('length and control characters', () => {
  it('caps at a word boundary with an ellipsis', () => {
    const out = capLength('alpha beta gamma delta epsilon', 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out).toBe('alpha beta gamma…');
  });
  it('never ends in half a citation', () => {
    expect(capLength('one two three [1', 15)).toBe('one two three…');
  });
  it('guardSummary respects maxChars', () => {
    const out = guardSummary('word '.repeat(200), { passageCount: 1, maxChars: 120 });
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out.endsWith('…')).toBe(true);
  });
  it('strips control, bidi and zero-width characters', () => {
    expect(stripControl('a\u0000b\u0007c\u202ed\u200be\nf')).toBe('abcde f');
    expect(guardSummary('@\u200bhere [1]\u0000', opts)).toBe('here [1]');
  });
});

describe('partial (streaming) guard', () => {
  it('holds back a trailing word and unclosed markup', () => {
    expect(guardPartial('Django is the [1', opts)).toBe('Django is the');
    expect(guardPartial('Django is the best', opts)).toBe('Django is the');
    expect(guardPartial('Django fits <!chan', opts)).toBe('Django fits');
    expect(guardPartial('Django fits [9] well ', opts)).toBe('Django fits well');
  });
  it('successive partials extend each other', () => {
    const text = 'Django suits a shop with a back office [1]. Its admin saves staff time [2]. ';
    let prev = '';
    for (let i = 1; i <= text.length; i++) {
      const p = guardPartial(text.slice(0, i), opts);
      expect(p.startsWith(prev)).toBe(true);
      prev = p;
    }
    expect(prev).toBe(guardSummary(text, opts));
  });
});

describe('contradiction check', () => {
  it.each([
    'Choose Flask for this project [1].',
    'Flask is the better fit here.',
    'Go with Flask.',
    'You should go with a plain Flask app.',
    'I recommend Flask [2].',
    'Flask would be the right choice for your shop.',
    'Flask is better than Django for this.',
    'My recommendation: Flask.',
    'Overall, **Flask** is the better fit.',
  ])('verdict django, "%s" contradicts', (text) => {
    expect(contradictsVerdict(`Both can work [1]. ${text}`, 'django')).toBeDefined();
  });

  it.each([
    'Choose Django over Flask [1].',
    'Django is a better fit than Flask here.',
    'Do not choose Flask here.',
    "Don't go with Flask for the shop.",
    'Rather than Flask, pick Django.',
    'If you only needed a small API, Flask would be the better fit.',
    'Flask is faster on raw requests [2].',
    'Flask is not the better fit here.',
    'Django is the better fit [1]; Flask suits small APIs [3].',
  ])('verdict django, "%s" does not contradict', (text) => {
    expect(contradictsVerdict(text, 'django')).toBeUndefined();
  });

  it('works the other way round', () => {
    expect(contradictsVerdict('Django is the better fit.', 'flask')).toBeDefined();
    expect(contradictsVerdict('Flask is the better fit.', 'flask')).toBeUndefined();
  });

  it('does not check verdict either or null', () => {
    expect(contradictsVerdict('Choose Flask.', 'either')).toBeUndefined();
    expect(contradictsVerdict('Choose Django.', null)).toBeUndefined();
  });
});
