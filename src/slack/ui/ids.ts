/** Every action_id, callback_id and block_id the app uses, in one place. */

export const ActionId = {
  /** Prefix of the "ask this question" buttons (follow-ups and examples): `ask_0`, `ask_1`, … */
  askPrefix: 'ask_',
  share: 'share_in_channel',
  refine: 'refine',
  feedbackUp: 'feedback_up',
  feedbackDown: 'feedback_down',
  openWizard: 'open_wizard',
  /** The feedback_buttons element of an answer (its value says up or down). */
  feedback: 'answer_feedback',
  /** "Sources & details": every passage, disagreement and signal of an answer, in a modal. */
  details: 'show_details',
} as const;

/** Matches every "ask this question" button. */
export const ASK_ACTION_PATTERN = /^ask_\d+$/;

export function askActionId(i: number): string {
  return `${ActionId.askPrefix}${i}`;
}

export const CallbackId = {
  wizard: 'wizard_modal',
  details: 'details_modal',
} as const;

export const BlockId = {
  followUps: 'followups',
  answerActions: 'answer_actions',
  feedback: 'answer_feedback',
  examples: 'examples',
  homeActions: 'home_actions',
  // Wizard inputs: block_id and action_id are the same string.
  wizDescription: 'wiz_description',
  wizTeamSize: 'wiz_team_size',
  wizExperience: 'wiz_experience',
  /** The one checkbox group of needs (admin, accounts, relational data, API only, ML, compliance). */
  wizNeeds: 'wiz_needs',
  // The six yes/no radio groups of the earlier, longer wizard: still read from a modal opened before.
  wizAdmin: 'wiz_admin',
  wizAccounts: 'wiz_accounts',
  wizRelational: 'wiz_relational',
  wizApiOnly: 'wiz_api_only',
  wizMl: 'wiz_ml',
  wizCompliance: 'wiz_compliance',
  wizDeadline: 'wiz_deadline',
  wizArchitecture: 'wiz_architecture',
} as const;

/** The slash command, as registered in manifest.yml. */
export const SLASH_COMMAND = '/framework';
