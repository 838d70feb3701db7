/** `/framework` and its subcommands. Ack at once; answer privately through response_url. */
import type { App, RespondArguments, RespondFn } from '@slack/bolt';
import type { Answer } from '../../../core/types.ts';
import { buildAnswerBlocks, buildError, buildHelp, buildNotice, buildSources, buildWizardModal, type Message } from '../../blocks/index.ts';
import { parseCommand } from '../../command.ts';
import type { SlackDeps } from '../../deps.ts';
import { SLASH_COMMAND } from '../../ids.ts';
import { askStreaming, reportFailure, yieldToIo } from '../../service.ts';
import { tellUserByDm } from '../../notify.ts';
import { RESPONSE_URL_MAX_UPDATES, streamSummary } from '../../stream.ts';
import { withRetry } from '../../../store/index.ts';
import { announceWatchChange } from '../../watch-notice.ts';

function ephemeral(m: Message): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks };
}

export function register(app: App, deps: SlackDeps): void {
  /**
   * Answer privately: the rules' answer at once, then (with an LLM) the same message replaced
   * through response_url as the summary streams in.
   */
  const answer = async (respond: RespondFn, question: string, userId: string): Promise<void> => {
    const { stream, key } = askStreaming(deps, question, [], userId);
    const render = (a: Answer, streaming: boolean) => buildAnswerBlocks(a, { question, key, shareable: true, summaryStreaming: streaming });
    await respond(ephemeral(render(stream.initial, false)));
    await streamSummary(deps, stream, {
      render,
      where: 'the /framework answer (response_url)',
      maxUpdates: RESPONSE_URL_MAX_UPDATES,
      update: async (m) => {
        await respond({ ...ephemeral(m), replace_original: true });
      },
    });
  };

  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    // Let the ack response (and other requests' acks) go out before the CPU-bound work.
    await yieldToIo();
    const cmd = parseCommand(command.text);
    try {
      switch (cmd.kind) {
        case 'help':
          await respond(ephemeral(buildHelp({ command: command.command })));
          return;
        case 'compare': {
          if (!cmd.aspect) {
            await respond(ephemeral(buildNotice(`Compare on what? For example \`${command.command} compare performance\` or \`${command.command} compare learning curve\`.`)));
            return;
          }
          await answer(respond, `compare ${cmd.aspect}`, command.user_id);
          return;
        }
        case 'ask':
          await answer(respond, cmd.question, command.user_id);
          return;
        case 'sources':
          await respond(ephemeral(buildSources(deps.advisor.sources(), deps.advisor.stats())));
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
            await respond(ephemeral(buildNotice('Watching works in channels only. Run this command in the planning channel you want me to follow.')));
            return;
          }
          if (cmd.on === null) {
            const on = await deps.store.isWatched(ch);
            await respond(ephemeral(buildNotice(on ? `I am watching this channel. \`${command.command} watch off\` stops it.` : `I am not watching this channel. \`${command.command} watch on\` starts it.`)));
            return;
          }
          const on = cmd.on;
          // Never silently: the change is announced in the channel first (watch-notice.ts).
          const announced = await announceWatchChange(deps, client, ch, on, command.user_id, command.command);
          if (!announced && on) {
            await respond(
              ephemeral(
                buildNotice(
                  'I did not turn watching on: I could not post the announcement in this channel, so I am probably not a member. ' +
                    'Invite me with `/invite @Framework Advisor`, then run the command again.',
                ),
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
            await respond(ephemeral(buildError(ref, 'Sorry, I could not save that setting. Please try again.')));
            return;
          }
          await respond(
            ephemeral(
              buildNotice(
                on
                  ? 'Done: in this channel I will answer top-level questions about choosing Django, Flask or a Python web framework, in a thread. ' +
                      'If I am not a member yet, invite me with `/invite @Framework Advisor`.'
                  : 'Done: I will no longer answer here unless mentioned.',
              ),
            ),
          );
          return;
        }
      }
    } catch (e) {
      const ref = reportFailure(deps, `handling ${SLASH_COMMAND} ${cmd.kind}`, e);
      const error = buildError(ref);
      await respond(ephemeral(error)).catch(async (e2: unknown) => {
        // The response_url itself is failing (expired, 5xx, timeout): tell the user by DM.
        reportFailure(deps, 'reporting a failure', e2);
        await tellUserByDm(deps, client, { userId: command.user_id, channelId: command.channel_id, what: `reply to your \`${command.command}\` command`, ref, message: error });
      });
    }
  });
}
