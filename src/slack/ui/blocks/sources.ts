/** `/framework sources`: the articles and knowledge base figures. */
import type { KbStats } from '../../../core/types.ts';
import { oneLine, safeMrkdwn } from '../mrkdwn.ts';
import { context, header, section, sectionsFromLines, type KnownBlock, type Message } from './common.ts';

export interface SourceSummary {
  id: string;
  title: string;
  publisher: string;
  seed: string;
  passages: number;
}

export function buildSources(sources: SourceSummary[], stats: KbStats): Message {
  const blocks: KnownBlock[] = [
    header('Sources behind the advice'),
    section(
      `*${stats.passages}* passages · *${stats.sources}* sources · *${stats.topics}* topics · *${stats.rules}* rules · ` +
        `*${stats.conflicts}* recorded disagreements · *${stats.unsourced}* unsourced passages`,
    ),
  ];
  const sorted = [...sources].sort((a, b) => b.passages - a.passages || a.title.localeCompare(b.title));
  const lines = sorted.map((s) => {
    const title = safeMrkdwn(oneLine(s.title), 200);
    const url = /^https?:\/\/[^\s<>|]+$/.test(s.seed) ? `<${s.seed}|${title}>` : `*${title}*`;
    return `• ${url} — ${safeMrkdwn(oneLine(s.publisher), 100)} (${s.passages} ${s.passages === 1 ? 'passage' : 'passages'})`;
  });
  blocks.push(...sectionsFromLines(lines.length ? lines : ['_No sources loaded._'], 45));
  blocks.push(context('Sources are curated by the team; passages are short paraphrases, each linked to its article.'));
  return { text: `${stats.sources} sources, ${stats.passages} passages`, blocks };
}
