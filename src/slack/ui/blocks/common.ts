/** Block Kit primitives that enforce Slack's limits, whatever goes in. */
import type { types } from '@slack/bolt';
import { truncate } from '../mrkdwn.ts';
import { SLACK_LIMITS } from '../slack-limits.ts';

export { SLACK_LIMITS };

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type ContextElement = types.ContextBlockElement;


export interface Message {
  text: string;
  blocks: KnownBlock[];
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text || ' ', SLACK_LIMITS.header), emoji: true } };
}

/** A mrkdwn section. `text` must already be escaped where it holds user input. */
export function section(text: string, blockId?: string): types.SectionBlock {
  const b: types.SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', SLACK_LIMITS.sectionText) } };
  if (blockId) b.block_id = blockId;
  return b;
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

/** A context block of mrkdwn elements (already escaped), at most 10 elements. */
export function context(...texts: string[]): types.ContextBlock {
  const elements = texts
    .filter((t) => t.length > 0)
    .slice(0, SLACK_LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, SLACK_LIMITS.contextText) }));
  return { type: 'context', elements: elements.length ? elements : [{ type: 'mrkdwn', text: ' ' }] };
}

export function button(opts: { actionId: string; label: string; value?: string; style?: 'primary' | 'danger' }): Button {
  const b: Button = {
    type: 'button',
    action_id: opts.actionId,
    text: { type: 'plain_text', text: truncate(opts.label || ' ', SLACK_LIMITS.buttonText), emoji: true },
  };
  if (opts.value !== undefined) b.value = truncate(opts.value, SLACK_LIMITS.buttonValue);
  if (opts.style) b.style = opts.style;
  return b;
}

export function actions(blockId: string, elements: Button[]): types.ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, SLACK_LIMITS.actionsElements) };
}

/**
 * Keep a message within `max` blocks. When cut, the last kept block becomes a note, and any
 * trailing actions blocks (share, feedback_buttons) are preserved in preference to body sections.
 */
export function clampBlocks(blocks: KnownBlock[], max: number = SLACK_LIMITS.blocks): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const tailActions: KnownBlock[] = [];
  for (let i = blocks.length - 1; i >= 0 && tailActions.length < 2; i--) {
    const b = blocks[i];
    if (b && (b.type === 'actions' || b.type === 'context_actions')) tailActions.unshift(b);
  }
  const room = max - tailActions.length - 1;
  const body = blocks.filter((b) => !tailActions.includes(b)).slice(0, room);
  return [...body, context('_(Shortened to fit in one Slack message.)_'), ...tailActions];
}

/** Split long mrkdwn lines into sections of at most 3000 characters each. */
export function sectionsFromLines(lines: string[], maxSections: number): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  let cur = '';
  for (const line of lines) {
    const l = truncate(line, SLACK_LIMITS.sectionText);
    if (cur && cur.length + 1 + l.length > SLACK_LIMITS.sectionText) {
      out.push(section(cur));
      cur = '';
    }
    cur = cur ? `${cur}\n${l}` : l;
  }
  if (cur) out.push(section(cur));
  if (out.length > maxSections) {
    const kept = out.slice(0, Math.max(0, maxSections - 1));
    kept.push(section(`_…and more (${out.length - kept.length} sections not shown)_`));
    return kept;
  }
  return out;
}
