/**
 * The Messages tab under agent_view: when a user opens it (app_home_opened with tab "messages"),
 * pin the suggested prompts to its top. Under agent_view no thread_ts is given (Slack: passing
 * one there makes the call fail silently). A failure is logged; the tab still works without them.
 */
import type { App } from '@slack/bolt';
import { PROMPTS_TITLE, SUGGESTED_PROMPTS } from '../../agent.ts';
import type { SlackDeps } from '../../deps.ts';
import { reportFailure } from '../../service.ts';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'messages' || !event.channel) return;
    try {
      await client.assistant.threads.setSuggestedPrompts({ channel_id: event.channel, title: PROMPTS_TITLE, prompts: SUGGESTED_PROMPTS.map((p) => ({ ...p })) });
    } catch (e) {
      reportFailure(deps, 'setting the suggested prompts on the Messages tab', e);
    }
  });
}
