/**
 * The answers fit one screen (issue 13). The rendered heights come from bench/heights.ts (Chromium,
 * ../shared/tools/blockkit-render); this test keeps them from creeping back without a browser, with
 * the proxies that track height: visible characters and blocks, for the six messages with targets,
 * built over the real knowledge base exactly as the slash command shows them.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEIGHT_CASES, messageChars } from '../../bench/height-cases.ts';
import { loadAdvisor, type Advisor } from '../../src/core/index.ts';
import { buildAnswerBlocks } from '../../src/slack/ui/blocks/index.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await loadAdvisor({ knowledgeDir: path.resolve(import.meta.dirname, '../../knowledge') });
});

describe('answer heights (characters and blocks as the proxy)', () => {
  it.each(HEIGHT_CASES)('$id stays within $maxChars characters and $maxBlocks blocks', (c) => {
    const m = buildAnswerBlocks(advisor.ask(c.question), { question: c.question, key: 'k1', shareable: true });
    expect(messageChars(m), JSON.stringify(m.blocks)).toBeLessThanOrEqual(c.maxChars);
    expect(m.blocks.length).toBeLessThanOrEqual(c.maxBlocks);
  });

  it('the verdict comes first: header or text, never sources or buttons', () => {
    for (const c of HEIGHT_CASES) {
      const m = buildAnswerBlocks(advisor.ask(c.question), { question: c.question, key: 'k1', shareable: true });
      expect(['header', 'section']).toContain(m.blocks[0]?.type);
    }
  });

  it('the proxy counts what is shown, not the JSON around it', () => {
    expect(messageChars({ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'abc' } }, { type: 'actions', elements: [{ type: 'button', action_id: 'a', value: 'zzzz', text: { type: 'plain_text', text: 'Go' } }] }] })).toBe(5);
  });
});
