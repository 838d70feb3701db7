/**
 * The Messages tab under agent_view: when a user opens it (app_home_opened with tab "messages"),
 * pin the suggested prompts to its top (assistant.threads.setSuggestedPrompts). Under agent_view
 * no thread_ts is given (Slack: passing one there makes the call fail silently). A failure is
 * logged; the tab still works without them. The Home tab is home-opened.ts's.
 */
import type { SlackDeps } from '../deps.ts';
import { reportFailure } from '../failures.ts';
import { PROMPTS_TITLE, SUGGESTED_PROMPTS } from '../ui/agent.ts';
import type { EventArgs } from './types.ts';

export function messagesTabOpened(deps: SlackDeps): (args: EventArgs<'app_home_opened'>) => Promise<void> {
  return async ({ event, client }) => {
    if (event.tab !== 'messages' || !event.channel) return;
    try {
      await client.assistant.threads.setSuggestedPrompts({ channel_id: event.channel, title: PROMPTS_TITLE, prompts: SUGGESTED_PROMPTS.map((p) => ({ ...p })) });
    } catch (e) {
      reportFailure(deps, 'setting the suggested prompts on the Messages tab', e);
    }
  };
}
