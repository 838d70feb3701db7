/**
 * `npm run kb:check`: validate the knowledge base and print a summary.
 * `npm run kb:check -- --json`: one JSON line {passages, sources, topics, unsourced, conflicts}.
 */
import { parseArgs } from 'node:util';
import { loadAdvisor } from './core/index.ts';
import { AdvisorError } from './errors.ts';

export async function runKbCheck(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<number> {
  let values: { json?: boolean; knowledge?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, knowledge: { type: 'string' } } }));
  } catch (e) {
    err(`${(e as Error).message}\nUsage: npm run kb:check [-- --json] [--knowledge DIR]`);
    return 2;
  }
  const dir = values.knowledge ?? 'knowledge';
  try {
    const advisor = await loadAdvisor({ knowledgeDir: dir });
    const s = advisor.stats();
    if (values.json) {
      out(JSON.stringify({ passages: s.passages, sources: s.sources, topics: s.topics, unsourced: s.unsourced, conflicts: s.conflicts }));
    } else {
      out(`Knowledge base OK (${dir})`);
      out(`  passages        ${s.passages}`);
      out(`  sources         ${s.sources}`);
      out(`  topics          ${s.topics}`);
      out(`  unsourced       ${s.unsourced}`);
      out(`  disagreements   ${s.conflicts}`);
      out(`  rules + combos  ${s.rules}`);
      out(`  synonym groups  ${s.synonymGroups}`);
      out(`  properties      ${s.properties ?? 0}`);
      out(`  lexicon entries ${s.lexiconEntries ?? 0}`);
      for (const src of advisor.sources()) out(`  - ${src.publisher}: ${src.passages} passages (${src.seed})`);
    }
    return 0;
  } catch (e) {
    err(e instanceof AdvisorError ? e.message : String(e));
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await runKbCheck(process.argv.slice(2), console.log, console.error);
}
