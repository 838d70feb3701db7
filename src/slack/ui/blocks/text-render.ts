/** Render Block Kit blocks as readable plain text (the local console, logs). */
import { unescapeEntities } from '../../../core/markup.ts';

interface AnyText {
  text?: string;
}

function elText(e: { text?: AnyText | string }): string | undefined {
  return typeof e.text === 'string' ? e.text : e.text?.text;
}
interface AnyBlock {
  type: string;
  text?: AnyText;
  fields?: AnyText[];
  elements?: { type: string; text?: AnyText | string }[];
  label?: AnyText;
}

function plain(t: string | undefined): string {
  if (!t) return '';
  return unescapeEntities(t.replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)').replace(/<@([A-Z0-9]+)>/g, '@$1'));
}

export function renderBlocksAsText(blocks: readonly unknown[]): string {
  const out: string[] = [];
  for (const raw of blocks as AnyBlock[]) {
    switch (raw.type) {
      case 'header': {
        const t = plain(raw.text?.text);
        out.push('', t.toUpperCase(), '='.repeat(Math.min(60, t.length)));
        break;
      }
      case 'section':
        if (raw.text?.text) out.push(plain(raw.text.text).replace(/^```\n?|\n?```$/g, ''));
        for (const f of raw.fields ?? []) out.push(plain(f.text));
        break;
      case 'context':
        out.push((raw.elements ?? []).map((e) => plain(elText(e))).join('  ·  '));
        break;
      case 'divider':
        out.push('-'.repeat(40));
        break;
      case 'actions':
        out.push((raw.elements ?? []).map((e) => `[${plain(elText(e))}]`).join(' '));
        break;
      case 'context_actions':
        // feedback_buttons: the console cannot click them; show that they are there.
        out.push('[👍 Helpful] [👎 Not helpful]');
        break;
      case 'input':
        out.push(`(${plain(raw.label?.text)})`);
        break;
      default:
        break;
    }
  }
  return out.join('\n').trim();
}
