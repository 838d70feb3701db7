/**
 * `node bench/heights.ts [--out DIR] [--no-render]`: the six answers the issue sets height targets
 * for, built by the real builders over the real knowledge base the way the slash command shows
 * them (ephemeral, shareable), written as JSON and, unless --no-render, rendered with
 * ../shared/tools/blockkit-render (HTML, then a PNG and its height with headless Chromium).
 * Prints one table row per message: blocks, characters, height, target.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadAdvisor } from '../src/core/index.ts';
import { buildAnswerBlocks } from '../src/slack/ui/blocks/index.ts';
import { HEIGHT_CASES, messageChars } from './height-cases.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outDir = path.resolve(args[args.indexOf('--out') + 1] && args.includes('--out') ? args[args.indexOf('--out') + 1]! : '/tmp/heights');
const render = !args.includes('--no-render');
const shared = [process.env.SHARED_DIR, path.resolve(root, '..', 'shared'), '/work/shared'].find((d) => d && existsSync(path.join(d, 'tools/blockkit-render')));

const advisor = await loadAdvisor({ knowledgeDir: path.join(root, 'knowledge') });
mkdirSync(outDir, { recursive: true });
const rows = ['| message | blocks | characters | height | target |', '|---|---|---|---|---|'];
for (const c of HEIGHT_CASES) {
  const answer = advisor.ask(c.question);
  const msg = buildAnswerBlocks(answer, { question: c.question, key: 'k1', shareable: true });
  const json = path.join(outDir, `${c.id}.json`);
  writeFileSync(json, JSON.stringify({ response_type: 'ephemeral', ...msg }, null, 2));
  let height = '';
  if (render && shared) {
    const tool = path.join(shared, 'tools/blockkit-render');
    const html = path.join(outDir, `${c.id}.html`);
    execFileSync(process.execPath, [path.join(tool, 'render.mjs'), json, html, '--ephemeral', '--caption', c.question]);
    const out = execFileSync('bash', [path.join(tool, 'shot.sh'), html, path.join(outDir, `${c.id}.png`)], { encoding: 'utf8' });
    const m = /"(?:height|pageHeight)":(\d+)/.exec(out);
    height = m ? `${m[1]} px` : out.trim();
  }
  rows.push(`| ${c.id}: ${c.question} | ${msg.blocks.length} | ${messageChars(msg)} | ${height || '(not rendered)'} | ≤ ${c.maxPx} px |`);
}
console.log(rows.join('\n'));
console.log(`\nJSON${render ? ', HTML and PNG' : ''} in ${outDir}`);
