/** The wizard modal. */
import type { types } from '@slack/bolt';
import { BlockId, CallbackId } from '../ids.ts';
import { truncate } from '../mrkdwn.ts';
import { ARCHITECTURES, DEADLINES, EXPERIENCE, TEAM_SIZES, YES_NO_QUESTIONS, type WizardValues } from '../wizard-form.ts';
import { SLACK_LIMITS, section } from './common.ts';

type Opt = { value: string; label: string };

function option(o: Opt): types.PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(o.label, SLACK_LIMITS.optionText) }, value: o.value };
}

function select(blockId: string, label: string, options: readonly Opt[], initial?: string): types.InputBlock {
  const el: types.StaticSelect = {
    type: 'static_select',
    action_id: blockId,
    placeholder: { type: 'plain_text', text: 'Choose…' },
    options: options.map(option),
  };
  const init = options.find((o) => o.value === initial);
  if (init) el.initial_option = option(init);
  return { type: 'input', block_id: blockId, optional: true, label: { type: 'plain_text', text: label }, element: el };
}

/** The needs as one checkbox group: ticked = yes (pre-ticked from an earlier answer on Refine). */
function needs(prefill: WizardValues): types.InputBlock {
  const options = YES_NO_QUESTIONS.map((q) => option({ value: q.key, label: q.option }));
  const el: types.Checkboxes = { type: 'checkboxes', action_id: BlockId.wizNeeds, options };
  const initial = options.filter((o) => prefill[o.value as (typeof YES_NO_QUESTIONS)[number]['key']] === 'yes');
  if (initial.length) el.initial_options = initial;
  return { type: 'input', block_id: BlockId.wizNeeds, optional: true, label: { type: 'plain_text', text: 'What does it need? Tick what applies' }, element: el };
}

/** `privateMetadata` tells the submission handler where to send the result (kept ≤ 3000 chars). */
export function buildWizardModal(prefill: WizardValues = {}, privateMetadata = ''): types.ModalView {
  const desc: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: BlockId.wizDescription,
    multiline: true,
    max_length: SLACK_LIMITS.inputInitialValue,
    placeholder: { type: 'plain_text', text: 'e.g. an online shop for a bakery chain' },
  };
  if (prefill.description?.trim()) desc.initial_value = truncate(prefill.description.trim(), SLACK_LIMITS.inputInitialValue);
  const blocks: types.KnownBlock[] = [
    section('Answer what you know; skip the rest. I will turn it into a recommendation.'),
    { type: 'input', block_id: BlockId.wizDescription, label: { type: 'plain_text', text: 'What are you building?' }, element: desc },
    select(BlockId.wizTeamSize, 'Team size', TEAM_SIZES, prefill.teamSize),
    select(BlockId.wizExperience, 'Team experience with Python web development', EXPERIENCE, prefill.experience),
    needs(prefill),
    select(BlockId.wizDeadline, 'Deadline', DEADLINES, prefill.deadline),
    select(BlockId.wizArchitecture, 'Architecture', ARCHITECTURES, prefill.architecture),
  ];
  return {
    type: 'modal',
    callback_id: CallbackId.wizard,
    title: { type: 'plain_text', text: 'Framework wizard' },
    submit: { type: 'plain_text', text: 'Get advice' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata.length <= SLACK_LIMITS.privateMetadata ? privateMetadata : '',
    blocks,
  };
}
