/** `/framework` and its subcommands. Ack at once; answer privately through response_url. */
import { buildError, buildHelp, buildNotice, buildSources, buildWizardModal } from '../ui/blocks/index.ts';
import { parseCommand } from './command-text.ts';
import type { SlackDeps } from '../deps.ts';
import type { CommandArgs } from './types.ts';
import { SLASH_COMMAND } from '../ui/ids.ts';
import { deliverAnswer } from '../reply/deliver.ts';
import { responseUrlReply, userDmReply } from '../reply/reply.ts';
import { yieldToIo } from './after-ack.ts';
import { reportFailure } from '../failures.ts';
import { withRetry } from '../../store/index.ts';
import { announceWatchChange } from '../conversation/watch-notice.ts';
import { stripSlackMarkup } from '../ui/mrkdwn.ts';

export function slashCommand(deps: SlackDeps): (args: CommandArgs) => Promise<void> {
  return async ({ command, ack, respond, client }) => {
    await ack();
    // Let the ack response (and other requests' acks) go out before the CPU-bound work.
    await yieldToIo();
    // Everything goes back privately through the command's response_url; when that fails, by DM.
    const reply = responseUrlReply(deps, {
      send: respond,
      where: `the ${command.command} reply`,
      fallback: (ref) =>
        userDmReply(deps, client, { userId: command.user_id, channelId: command.channel_id, what: `reply to your \`${command.command}\` command`, ref }),
    });
    // Slack markup (mentions, links, entities) is stripped once, here; the core is told (plain).
    const answer = (question: string) => deliverAnswer(deps, stripSlackMarkup(question), { userId: command.user_id, shareable: true, plain: true }, reply);
    const cmd = parseCommand(command.text);
    try {
      switch (cmd.kind) {
        case 'help':
          await reply.post(buildHelp({ command: command.command }));
          return;
        case 'compare': {
          if (!cmd.aspect) {
            await reply.post(buildNotice(`Compare on what? For example \`${command.command} compare performance\` or \`${command.command} compare learning curve\`.`));
            return;
          }
          await answer(`compare ${cmd.aspect}`);
          return;
        }
        case 'ask':
          await answer(cmd.question);
          return;
        case 'sources':
          await reply.post(buildSources(deps.advisor.sources(), deps.advisor.stats()));
          return;
        case 'wizard': {
          const meta = JSON.stringify({ r: command.response_url, c: command.channel_id });
          await client.views.open({ trigger_id: command.trigger_id, view: buildWizardModal({}, meta) });
          return;
        }
        case 'watch': {
          const ch = command.channel_id;
          const isChannel = /^[CG]/.test(ch);
          if (!isChannel) {
            await reply.post(buildNotice('Watching works in channels only. Run this command in the planning channel you want me to follow.'));
            return;
          }
          if (cmd.on === null) {
            const on = await deps.store.isWatched(ch);
            await reply.post(buildNotice(on ? `I am watching this channel. \`${command.command} watch off\` stops it.` : `I am not watching this channel. \`${command.command} watch on\` starts it.`));
            return;
          }
          const on = cmd.on;
          // Never silently: the change is announced in the channel first (watch-notice.ts).
          const announced = await announceWatchChange(deps, client, ch, on, command.user_id, command.command);
          if (!announced && on) {
            await reply.post(
              buildNotice(
                'I did not turn watching on: I could not post the announcement in this channel, so I am probably not a member. ' +
                  'Invite me with `/invite @Framework Advisor`, then run the command again.',
              ),
            );
            return;
          }
          try {
            await withRetry(
              () => deps.store.setWatched(ch, on, command.user_id, deps.clock()),
              (e) => deps.logger.warn(`retrying the watch setting write: ${(e as Error).message}`),
            );
          } catch (e) {
            const ref = reportFailure(deps, 'saving the watch setting', e);
            await reply.post(buildError(ref, 'Sorry, I could not save that setting. Please try again.'));
            return;
          }
          await reply.post(
            buildNotice(
              on
                ? 'Done: in this channel I will answer top-level questions about choosing Django, Flask or a Python web framework, in a thread. ' +
                    'If I am not a member yet, invite me with `/invite @Framework Advisor`.'
                : 'Done: I will no longer answer here unless mentioned.',
            ),
          );
          return;
        }
      }
    } catch (e) {
      const ref = reportFailure(deps, `handling ${SLASH_COMMAND} ${cmd.kind}`, e);
      await reply.post(buildError(ref));
    }
  };
}
