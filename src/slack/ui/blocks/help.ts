/** Usage help, with example questions as buttons (suggested prompts). */
import { BlockId, SLASH_COMMAND, askActionId } from '../ids.ts';
import { packValue } from '../button-values.ts';
import { actions, button, context, header, section, type Message } from './common.ts';

export const EXAMPLE_QUESTIONS = [
  'We are building an online shop with a small team of junior developers',
  'We need a lightweight JSON API for a machine learning model',
  'Which is better for a CMS with an admin interface?',
] as const;

export function buildHelp(opts: { command?: string } = {}): Message {
  const cmd = opts.command ?? SLASH_COMMAND;
  return {
    text: 'Framework Advisor helps you choose between Django and Flask.',
    blocks: [
      header('Framework Advisor: Django or Flask?'),
      section(
        'Describe your project and I will recommend Django or Flask, with the reasons and the sources behind them.\n\n' +
          `• \`${cmd} <your question>\`: a private answer, e.g. \`${cmd} online shop, team of 3 juniors, need an admin\`\n` +
          `• \`${cmd} compare <aspect>\`: compare the two on one aspect, e.g. \`${cmd} compare performance\`\n` +
          `• \`${cmd} wizard\`: answer a short questionnaire\n` +
          `• \`${cmd} sources\`: the articles I rely on\n` +
          `• \`${cmd} watch on\` / \`${cmd} watch off\`: in a channel, answer framework questions without a mention\n` +
          `• \`${cmd} help\`: this message`,
      ),
      section('You can also mention me in a channel (I answer in a thread and keep following it) or send me a direct message.'),
      context('*Try one of these:*'),
      actions(
        BlockId.examples,
        EXAMPLE_QUESTIONS.map((q, i) => button({ actionId: askActionId(i), label: q, value: packValue({ q }) })),
      ),
    ],
  };
}
