import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/listeners/command-text.ts';

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['compare performance', { kind: 'compare', aspect: 'performance' }],
    ['compare', { kind: 'compare', aspect: '' }],
    ['wizard', { kind: 'wizard' }],
    ['sources', { kind: 'sources' }],
    ['watch on', { kind: 'watch', on: true }],
    ['watch OFF', { kind: 'watch', on: false }],
    ['watch', { kind: 'watch', on: null }],
    ['help me choose for an online shop', { kind: 'ask', question: 'help me choose for an online shop' }],
    ['Django or Flask for a blog?', { kind: 'ask', question: 'Django or Flask for a blog?' }],
  ])('%j', (text, expected) => expect(parseCommand(text)).toEqual(expected));
});
