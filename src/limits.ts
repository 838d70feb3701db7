/**
 * The app's own limits, one of each, in one place (Slack's limits are in
 * src/slack/ui/slack-limits.ts). Every cache is bounded by entries here (and by characters where entries vary).
 */
export const LIMITS = {
  /** Characters of a question (and of each earlier message) that are read; the rest is ignored. */
  questionChars: 4000,
  /** Earlier messages of a conversation taken into account (the most recent ones). */
  historyMessages: 20,
  /** conversations.replies pages read for one thread, and messages per page. */
  threadPages: 5,
  threadPageSize: 200,
  /** Recent answers remembered for their buttons (Share, Refine, follow-ups). */
  recentAnswers: 500,
  /**
   * …and the characters they hold together (question, history and the answer as JSON): an entry
   * can hold 4,000 characters of question, 20 × 4,000 of history and the answer, so 500 entries
   * alone could reach ~100 MB. 4 M characters ≈ 8 MB of strings; the least recently used go first.
   */
  recentAnswerChars: 4_000_000,
  /** Characters of a key (event id, message id) remembered for de-duplication: longer ones are cut. */
  seenKeyChars: 200,
  /** Event ids and message ids remembered for de-duplication, and for how long. */
  seenEvents: 20_000,
  seenEventsMs: 10 * 60_000,
  /** Request signatures remembered for replay protection (≈ 330 requests/s over 5 minutes). */
  seenSignatures: 100_000,
  /** Users whose LLM calls are counted (least recently active forgotten first). */
  llmUsers: 10_000,
  /** Deadline of one Slack call (Web API request or response_url POST). */
  slackCallMs: 10_000,
} as const;
