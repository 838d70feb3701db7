/** Run in a fresh process by bench/run.ts: how long until the advisor can answer. */
import { performance } from 'node:perf_hooks';
const t0 = performance.now(); // Node boot (incl. TypeScript support) happened before this
const { loadKnowledge, createAdvisor } = await import('../src/core/index.ts');
const t1 = performance.now();
const kb = await loadKnowledge({ knowledgeDir: process.argv[2] ?? 'knowledge' });
const t2 = performance.now();
const advisor = createAdvisor(kb);
const t3 = performance.now();
advisor.ask('we need an admin panel and user accounts');
const t4 = performance.now();
console.log(JSON.stringify({ boot: t0, import: t1 - t0, load: t2 - t1, index: t3 - t2, firstAnswer: t4 - t3, total: t4 }));
