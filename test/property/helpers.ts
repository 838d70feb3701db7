/**
 * Shared pieces of the property tests: hostile-text generators and a strict Block Kit checker.
 *
 * The checker walks a whole message (or view) and reports every Slack limit it breaks, and every
 * `<!…>`, `<@…>` or `<#…>` control sequence in a text field that Slack parses as mrkdwn (mrkdwn
 * objects and the message's fallback `text`) that is not explicitly allowed by the caller.
 */
import fc from 'fast-check';
import { SLACK_LIMITS } from '../../src/slack/ui/slack-limits.ts';

/** Slack's documented limits: the app's own table (src/slack/ui/slack-limits.ts). */
export const SLACK = SLACK_LIMITS;

/** What user input must never turn into: a broadcast, a user, user-group or channel reference. */
export const PINGS = ['<!channel>', '<!here>', '<!everyone>', '<!subteam^S1>', '<!subteam^S0123|@devs>', '<@U123>', '<@W0EVIL|x>', '<#C1|x>', '<!date^1392734382^{date}|x>'];
const LINKS = ['<https://x|y>', '<https://evil.example>', '<mailto:a@b.c|mail>', '<http://x|<!channel>>'];
const MARKDOWN = ['*bold*', '_it_', '~s~', '`code`', '```block```', '> quote', '# h1', '[a](http://x)', '\n\n', '- item', '1. one', '|table|'];
const HTML = ['<script>alert(1)</script>', '<b>x</b>', '&amp;', '&lt;!channel&gt;', '&#60;!here&#62;', '<!-- c -->', '<img src=x onerror=y>', '&', '<', '>'];
const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', ':tada:', ':+1::skin-tone-3:', '\u{1F9D1}\u200D\u{1F4BB}', '♥\uFE0F'];
const CONTROL = ['\u0000', '\u0007', '\b', '\t', '\r\n', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\u200b', '\u202e', '\ufeff', '\ud800', '\udfff'];
const WORDS = ['django', 'flask', 'admin', 'online shop', 'junior team', 'microservice', 'api', 'compare performance', 'help', 'sources', 'watch on', 'wizard', 'not', 'ORM', 'fastapi', 'Rails'];

/** One hostile fragment. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...LINKS) },
  { weight: 1, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 1, arbitrary: fc.constantFrom(...HTML) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
);

/** A hostile text: empty, fragments joined, full-unicode noise, or ~20 kB. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\t \n') },
  { weight: 12, arbitrary: fc.array(fragment, { maxLength: 12 }).map((a) => a.join(' ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.json() },
  {
    weight: 1,
    // ~20 kB: a hostile fragment repeated (about 20,000 UTF-16 units, at least 20,000 bytes of UTF-8).
    arbitrary: fc.tuple(fc.array(fragment, { minLength: 1, maxLength: 4 }), fc.constantFrom(...PINGS)).map(([parts, ping]) => {
      const unit = `${parts.join(' ')} ${ping} `;
      return unit.repeat(Math.ceil(20_000 / Math.max(1, unit.length))).slice(0, 20_000);
    }),
  },
);

/** Every text value in a payload that Slack parses as mrkdwn, with where it is. */
function mrkdwnTexts(payload: unknown): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (x: unknown, where: string) => {
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${where}[${i}]`));
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push({ where, text: o.text });
      for (const [k, v] of Object.entries(o)) walk(v, `${where}.${k}`);
    }
  };
  walk(payload, '');
  return out;
}

/** `<!…>`, `<@…>`, `<#…>` sequences (what pings or references someone) in mrkdwn text. */
export function pingsIn(text: string): string[] {
  return text.match(/<[!@#][^>]*>?/g) ?? [];
}

type AnyObj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);

function checkTextObject(t: AnyObj | undefined, max: number, where: string, v: string[]): void {
  if (!t) return;
  if (typeof t.text !== 'string') v.push(`${where}: text object without text`);
  else {
    if (t.text.length === 0) v.push(`${where}: empty text`);
    if (t.text.length > max) v.push(`${where}: ${t.text.length} > ${max}`);
  }
}

function checkElement(e: AnyObj, where: string, v: string[]): void {
  if (len(e.action_id) > SLACK.actionId) v.push(`${where}: action_id too long`);
  if (e.type === 'button') {
    checkTextObject(e.text, SLACK.buttonText, `${where} button text`, v);
    if (e.text?.type !== 'plain_text') v.push(`${where}: button text must be plain_text`);
    if (len(e.value) > SLACK.buttonValue) v.push(`${where}: button value ${len(e.value)} > ${SLACK.buttonValue}`);
  }
  for (const o of [...(e.options ?? []), ...(e.initial_option ? [e.initial_option] : [])] as AnyObj[]) {
    checkTextObject(o.text, SLACK.optionText, `${where} option`, v);
    if (len(o.value) > SLACK.optionValue) v.push(`${where}: option value too long`);
  }
  if (e.type === 'plain_text_input' && len(e.initial_value) > SLACK.inputInitialValue) v.push(`${where}: initial_value too long`);
}

/** Every limit a list of blocks breaks. */
export function blockViolations(blocks: readonly unknown[], maxBlocks: number = SLACK.blocks): string[] {
  const v: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > maxBlocks) v.push(`${blocks.length} blocks > ${maxBlocks}`);
  const blockIds = new Set<string>();
  for (const [i, b] of (blocks as AnyObj[]).entries()) {
    const where = `block ${i} (${b.type})`;
    if (b.block_id !== undefined) {
      if (len(b.block_id) > SLACK.blockId) v.push(`${where}: block_id too long`);
      if (blockIds.has(b.block_id)) v.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        checkTextObject(b.text, SLACK.header, where, v);
        if (b.text?.type !== 'plain_text') v.push(`${where}: header must be plain_text`);
        break;
      case 'section':
        if (!b.text && !b.fields) v.push(`${where}: section without text or fields`);
        checkTextObject(b.text, SLACK.sectionText, where, v);
        if ((b.fields ?? []).length > SLACK.sectionFields) v.push(`${where}: too many fields`);
        for (const f of b.fields ?? []) checkTextObject(f, SLACK.sectionField, `${where} field`, v);
        if (b.accessory) checkElement(b.accessory, `${where} accessory`, v);
        break;
      case 'context':
        if (!(b.elements ?? []).length) v.push(`${where}: empty context`);
        if ((b.elements ?? []).length > SLACK.contextElements) v.push(`${where}: > ${SLACK.contextElements} elements`);
        for (const e of b.elements ?? []) if (e.type !== 'image') checkTextObject(e, SLACK.contextText, `${where} element`, v);
        break;
      case 'actions': {
        const els = (b.elements ?? []) as AnyObj[];
        if (!els.length) v.push(`${where}: empty actions`);
        if (els.length > SLACK.actionsElements) v.push(`${where}: > ${SLACK.actionsElements} elements`);
        const ids = new Set<string>();
        for (const [j, e] of els.entries()) {
          checkElement(e, `${where} element ${j}`, v);
          if (ids.has(e.action_id)) v.push(`${where}: duplicate action_id ${e.action_id}`);
          ids.add(e.action_id);
        }
        break;
      }
      case 'input':
        checkTextObject(b.label, SLACK.inputLabel, `${where} label`, v);
        if (b.element) checkElement(b.element, `${where} element`, v);
        break;
      case 'context_actions': {
        // Slack's AI-answer controls: 1 to 5 feedback_buttons / icon_button elements.
        const els = (b.elements ?? []) as AnyObj[];
        if (!els.length || els.length > 5) v.push(`${where}: ${els.length} elements (1 to 5)`);
        for (const [j, e] of els.entries()) {
          if (e.type !== 'feedback_buttons' && e.type !== 'icon_button') v.push(`${where} element ${j}: ${e.type} not allowed`);
          for (const side of e.type === 'feedback_buttons' ? [e.positive_button, e.negative_button] : []) {
            if (!side) v.push(`${where} element ${j}: missing a button`);
            else {
              checkTextObject(side.text, 75, `${where} element ${j}`, v);
              if (side.text?.type !== 'plain_text') v.push(`${where} element ${j}: button text must be plain_text`);
              if (typeof side.value !== 'string' || len(side.value) > 2000) v.push(`${where} element ${j}: button value`);
            }
          }
        }
        break;
      }
      case 'divider':
        break;
      default:
        v.push(`${where}: unexpected block type`);
    }
  }
  return v;
}

/** Limits and pings of a message (`text` + `blocks`). `allowedPings` are ones the app adds on purpose. */
export function messageViolations(m: { text: string; blocks: readonly unknown[] }, allowedPings: string[] = []): string[] {
  const v = blockViolations(m.blocks);
  if (typeof m.text !== 'string' || m.text.length === 0) v.push('message: empty fallback text');
  else if (m.text.length > SLACK.fallbackText) v.push(`message: fallback text ${m.text.length} > ${SLACK.fallbackText}`);
  v.push(...pingViolations(m, allowedPings));
  return v;
}

/** Pings in any mrkdwn-parsed field (mrkdwn text objects and the fallback `text`). */
export function pingViolations(payload: { text?: string; blocks?: readonly unknown[] } | unknown, allowedPings: string[] = []): string[] {
  const v: string[] = [];
  const texts = mrkdwnTexts(payload);
  const fallback = (payload as { text?: unknown }).text;
  if (typeof fallback === 'string') texts.push({ where: 'fallback text', text: fallback });
  for (const { where, text } of texts) {
    for (const p of pingsIn(text)) if (!allowedPings.includes(p)) v.push(`${where}: ${JSON.stringify(p)} in ${JSON.stringify(text.slice(0, 200))}`);
  }
  return v;
}

/** A modal view's limits. */
export function viewViolations(view: AnyObj): string[] {
  const v = blockViolations(view.blocks ?? [], SLACK.modalBlocks);
  if (view.type === 'modal') {
    checkTextObject(view.title, SLACK.modalTitle, 'modal title', v);
    checkTextObject(view.submit, SLACK.modalButton, 'modal submit', v);
    checkTextObject(view.close, SLACK.modalButton, 'modal close', v);
  }
  if (len(view.private_metadata) > SLACK.privateMetadata) v.push('private_metadata too long');
  v.push(...pingViolations({ blocks: view.blocks }));
  return v;
}

/** Counts generated inputs per file, so each file can assert how many it checked. */
export function counter(): { hit: () => true; readonly n: number } {
  let n = 0;
  return {
    hit: () => {
      n++;
      return true;
    },
    get n() {
      return n;
    },
  };
}
