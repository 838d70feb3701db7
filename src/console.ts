/**
 * A local console, in the spirit of Hubot's shell adapter: with no Slack credentials, type
 * `/framework …` or a question and see the answer as it would look in Slack, as text.
 * Plain questions in one session add up like a thread; `/framework new` starts over.
 */
import { createInterface } from 'node:readline/promises';
import { createAnswerer, type Answerer } from './answerer.ts';
import type { Readable, Writable } from 'node:stream';
import { buildError, buildHelp, buildNotice, buildSources, renderBlocksAsText, type Message } from './slack/ui/blocks/index.ts';
import { parseCommand } from './slack/listeners/command-text.ts';
import type { AdvisorLike } from './slack/deps.ts';
import { describeError, newErrorRef } from './errors.ts';
import { SLASH_COMMAND } from './slack/ui/ids.ts';
import { AnswerCache } from './slack/conversation/answer-cache.ts';
import { deliverAnswer, type AnswerContext, type DeliveryDeps } from './slack/reply/deliver.ts';
import { createLogger } from './logger.ts';
import { memoryReply } from './slack/reply/reply.ts';

export interface ConsoleSession {
  /** Handle one line; resolves to the text to print ('' for nothing). */
  handle(line: string): Promise<string>;
}

/**
 * A console session. Answers go through `answerer` (default: rules only over `advisor`), so with
 * an LLM configured the summary is the LLM's; the console waits for the finished answer.
 */
export function createConsoleSession(advisor: AdvisorLike, log: (line: string) => void = () => {}, answerer?: Answerer): ConsoleSession {
  let history: string[] = [];
  const render = (m: Message) => renderBlocksAsText(m.blocks);
  const deps: DeliveryDeps = {
    answerer: answerer ?? createAnswerer({ advisor, summariser: null }),
    cache: new AnswerCache(50),
    logger: createLogger('error', log),
    random: Math.random,
  };
  /** Answer through the one delivery path, into a reply that keeps the finished message. */
  const answer = async (question: string, ctx: AnswerContext): Promise<string> => {
    const reply = memoryReply();
    await deliverAnswer(deps, question, ctx, reply);
    return reply.last ? render(reply.last) : '';
  };
  // One per-user LLM bucket for the console.
  const userId = 'console';
  return {
    async handle(raw: string): Promise<string> {
      const line = raw.trim();
      if (!line) return '';
      try {
        if (line.startsWith('/')) {
          const [cmdName = '', ...rest] = line.split(/\s+/);
          if (cmdName !== SLASH_COMMAND) return `Unknown command ${cmdName}. Try ${SLASH_COMMAND} help.`;
          const argText = rest.join(' ');
          if (/^(new|reset)$/i.test(argText.trim())) {
            history = [];
            return 'Started a new conversation.';
          }
          const cmd = parseCommand(argText);
          switch (cmd.kind) {
            case 'help':
              return render(buildHelp()) + `\n\nIn this console, plain lines are a conversation (like a Slack thread); ${SLASH_COMMAND} new starts over.`;
            case 'sources':
              return render(buildSources(advisor.sources(), advisor.stats()));
            case 'compare': {
              const q = `compare ${cmd.aspect}`.trim();
              return answer(q, { userId });
            }
            case 'ask':
              return answer(cmd.question, { userId, shareable: true });
            case 'wizard':
            case 'watch':
              return render(buildNotice(`\`${SLASH_COMMAND} ${cmd.kind}\` needs Slack (a modal or a channel). Everything else works here.`));
          }
        }
        const out = await answer(line, { history: [...history], userId });
        history.push(line);
        return out;
      } catch (e) {
        const ref = newErrorRef();
        log(`${ref} console: ${describeError(e)}`);
        return render(buildError(ref));
      }
    },
  };
}

/** Run the console on a terminal (or any streams) until EOF or `exit`. */
export async function runConsole(
  advisor: AdvisorLike,
  io: { input: Readable; output: Writable; log?: (l: string) => void; answerer?: Answerer } = { input: process.stdin, output: process.stdout },
): Promise<void> {
  const session = createConsoleSession(advisor, io.log ?? ((l) => process.stderr.write(`${l}\n`)), io.answerer);
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  io.output.write(
    `Framework Advisor — local console (no Slack credentials found).\n` +
      `Type a question, or ${SLASH_COMMAND} help, ${SLASH_COMMAND} compare <aspect>, ${SLASH_COMMAND} sources. "exit" or Ctrl-D quits.\n> `,
  );
  for await (const line of rl) {
    if (/^(exit|quit)$/i.test(line.trim())) break;
    const out = await session.handle(line);
    io.output.write(out ? `${out}\n\n> ` : '> ');
  }
  rl.close();
}
