/**
 * Slack's documented limits (docs.slack.dev/reference/block-kit, chat.postMessage, response_url),
 * the ones the app can reach: the one table the builders, the replies and the tests use.
 */
export const SLACK_LIMITS = {
  /** Blocks in a message. */
  blocks: 50,
  /** Blocks in a modal or Home view. */
  modalBlocks: 100,
  header: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputInitialValue: 3000,
  /** chat.postMessage truncates `text` at 40,000; the builders keep it to 3,000 (notifications). */
  fallbackText: 3000,
  /** A response_url takes at most 5 messages in 30 minutes. */
  responseUrlUses: 5,
  responseUrlMinutes: 30,
} as const;
