/** Block Kit primitives that enforce Slack's limits, whatever goes in. */
import type { types } from '@slack/bolt';
import { truncate } from '../text.ts';
import { BUTTON_VALUE_MAX } from '../values.ts';

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type ContextElement = types.ContextBlockElement;

export const LIMITS = {
  blocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionField: 2000,
  header: 150,
  buttonLabel: 75,
  buttonValue: BUTTON_VALUE_MAX,
  contextElementText: 3000,
  contextElements: 10,
  actionsElements: 25,
  optionText: 75,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputInitialValue: 3000,
  /** Fallback `text` of a message (notifications); Slack truncates at 40k, keep it short. */
  fallbackText: 3000,
} as const;

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text || ' ', LIMITS.header), emoji: true } };
}

/** A mrkdwn section. `text` must already be escaped where it holds user input. */
export function section(text: string, blockId?: string): types.SectionBlock {
  const b: types.SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', LIMITS.sectionText) } };
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
    .slice(0, LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, LIMITS.contextElementText) }));
  return { type: 'context', elements: elements.length ? elements : [{ type: 'mrkdwn', text: ' ' }] };
}

export function button(opts: { actionId: string; label: string; value?: string; style?: 'primary' | 'danger' }): Button {
  const b: Button = {
    type: 'button',
    action_id: opts.actionId,
    text: { type: 'plain_text', text: truncate(opts.label || ' ', LIMITS.buttonLabel), emoji: true },
  };
  if (opts.value !== undefined) b.value = truncate(opts.value, LIMITS.buttonValue);
  if (opts.style) b.style = opts.style;
  return b;
}

export function actions(blockId: string, elements: Button[]): types.ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMITS.actionsElements) };
}

/**
 * Keep a message within `max` blocks. When cut, the last kept block becomes a note, and any
 * trailing actions blocks (share, feedback_buttons) are preserved in preference to body sections.
 */
export function clampBlocks(blocks: KnownBlock[], max: number = LIMITS.blocks): KnownBlock[] {
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
    const l = truncate(line, LIMITS.sectionText);
    if (cur && cur.length + 1 + l.length > LIMITS.sectionText) {
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
