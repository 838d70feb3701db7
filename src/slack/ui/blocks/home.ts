/** The App Home tab. */
import type { types } from '@slack/bolt';
import type { KbStats } from '../../../core/types.ts';
import { ActionId, BlockId, SLASH_COMMAND } from '../ids.ts';
import { actions, button, context, divider, header, section } from './common.ts';

export function buildHome(stats: KbStats | null): types.HomeView {
  const figures = stats
    ? `*${stats.passages}* passages from *${stats.sources}* sources on *${stats.topics}* topics · *${stats.rules}* decision rules · *${stats.conflicts}* recorded disagreements between sources`
    : '_The knowledge base figures are not available right now._';
  return {
    type: 'home',
    blocks: [
      header('Framework Advisor'),
      section(
        'I help engineering teams choose between *Django* and *Flask* for a new Python web project. ' +
          'Every answer is grounded in a curated knowledge base of articles: I show the reasons, how confident I am, ' +
          'and where the sources agree or disagree.',
      ),
      divider(),
      section(
        '*How to ask*\n' +
          `• Type \`${SLASH_COMMAND} <describe your project>\` anywhere: the answer is private to you, and you can share it to the channel.\n` +
          '• Mention me in a channel: I answer in a thread, and follow-ups in that thread add up.\n' +
          '• Send me a direct message from the Messages tab.\n' +
          `• \`${SLASH_COMMAND} watch on\` in a planning channel lets me answer framework questions there without a mention.`,
      ),
      section('*Knowledge base*\n' + figures),
      actions(BlockId.homeActions, [button({ actionId: ActionId.openWizard, label: 'Start the wizard', style: 'primary', value: 'home' })]),
      context(`Type \`${SLASH_COMMAND} help\` for all commands.`),
    ],
  };
}
