/**
 * Proof that a performance change leaves every answer as it was: asks every question of the
 * evaluation sets (each with its thread `history` when it has one, and once more without it),
 * bench/core.ts's questions and the first 400 of bench/http.ts's, and writes each full Answer as
 * one JSON line. Run it on the base and on the change and compare the files byte for byte.
 *
 * The held-out sets (heldout*.yml, fresh*.yml) are asked too, but their answers are never written
 * or printed: only one SHA-256 over them is, so they can be compared without anyone seeing them.
 *
 *   node bench/answers-snapshot.ts out.jsonl     writes the development answers; prints both hashes
 */
import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAdvisor } from '../src/core/index.ts';
import { loadScenarios } from '../test/eval/evaluate.ts';
import { BENCH_QUESTIONS } from './core.ts';
import { benchQuestion } from './http.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = path.join(root, 'test/eval');
const isHeldOut = (file: string) => /^(?:heldout|fresh)/u.test(file);

const out = process.argv[2];
if (!out) throw new Error('usage: node bench/answers-snapshot.ts <out.jsonl>');

const advisor = await loadAdvisor({ knowledgeDir: path.join(root, 'knowledge') });
const dev: string[] = [];
const heldOut = createHash('sha256');
let heldOutCount = 0;
const files = (await readdir(evalDir)).filter((f) => f.endsWith('.yml')).sort();
for (const file of files) {
  for (const s of await loadScenarios(path.join(evalDir, file))) {
    const asked = s.history ? [s.history, undefined] : [undefined];
    for (const history of asked) {
      const line = JSON.stringify({ file, id: s.id, thread: history !== undefined, answer: advisor.ask(s.question, history ? { history } : {}) });
      if (isHeldOut(file)) {
        heldOut.update(`${line}\n`);
        heldOutCount++;
      } else dev.push(line);
    }
  }
}
for (const q of BENCH_QUESTIONS) dev.push(JSON.stringify({ file: 'bench/core.ts', q, answer: advisor.ask(q) }));
for (let i = 0; i < 400; i++) dev.push(JSON.stringify({ file: 'bench/http.ts', i, answer: advisor.ask(benchQuestion(i)) }));

const text = `${dev.join('\n')}\n`;
await writeFile(out, text);
console.log(`development: ${dev.length} answers, sha256 ${createHash('sha256').update(text).digest('hex')}`);
console.log(`held out: ${heldOutCount} answers, sha256 ${heldOut.digest('hex')}`);
