/** The six messages with height targets (issue 13), shared by bench/heights.ts and the height test. */
import type { Message } from '../src/slack/ui/blocks/index.ts';

export interface HeightCase {
  id: string;
  question: string;
  /** Rendered height target (blockkit-render, 800 px pane). */
  maxPx: number;
  /** Proxies that run without Chromium. */
  maxChars: number;
  maxBlocks: number;
}

export const HEIGHT_CASES: HeightCase[] = [
  { id: 'online-shop', question: 'online shop with a back office, team of four juniors', maxPx: 550, maxChars: 1200, maxBlocks: 8 },
  { id: 'model-serving', question: 'data science handed us a trained scikit-learn model and we just need to expose a /predict endpoint for the other services. django or flask?', maxPx: 550, maxChars: 1200, maxBlocks: 8 },
  { id: 'close-call', question: 'a prototype with user accounts, we may split into microservices later', maxPx: 550, maxChars: 1200, maxBlocks: 8 },
  { id: 'compare-security', question: 'compare security', maxPx: 400, maxChars: 800, maxBlocks: 6 },
  { id: 'fact-flask-creator', question: 'who created Flask?', maxPx: 400, maxChars: 800, maxBlocks: 6 },
  { id: 'out-of-scope', question: 'Rails or Laravel for our e-commerce site?', maxPx: 300, maxChars: 500, maxBlocks: 4 },
];

/** Visible characters of a message: every text a block shows (labels included), not the JSON. */
export function messageChars(m: Message): number {
  let n = 0;
  const visit = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) if (k !== 'value' && k !== 'action_id' && k !== 'block_id' && k !== 'url') visit(x, k);
    } else if (typeof v === 'string' && key === 'text') n += v.length;
  };
  visit(m.blocks);
  return n;
}
