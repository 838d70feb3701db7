/**
 * Slack's agent surface: the suggested prompts pinned to the top of the app's Messages tab (the
 * same four as `features.agent_view.suggested_prompts` in manifest.yml; a test keeps them equal)
 * and the status shown while an answer is being worked out (assistant.threads.setStatus).
 */

export interface SuggestedPrompt {
  title: string;
  message: string;
}

export const PROMPTS_TITLE = 'Django or Flask? Try one of these';

/** At most 4 (Slack's limit), short titles, full questions. */
export const SUGGESTED_PROMPTS: readonly SuggestedPrompt[] = [
  { title: 'An online shop', message: 'We are building an online shop with a back office, team of four junior developers' },
  { title: 'A model-serving API', message: 'We need a lightweight JSON API in front of a machine learning model' },
  { title: 'Compare security', message: 'compare security' },
  { title: 'Is Flask faster?', message: 'Is Flask really faster than Django?' },
];

/** The status line while answering, and the loading messages Slack rotates through (≤ 10). */
export const STATUS = 'is thinking…';
export const LOADING_MESSAGES: readonly string[] = [
  'Reading what you need…',
  'Weighing Django against Flask…',
  'Checking the sources…',
];
