/**
 * vitest globalSetup: stop at once, with a clear message, on a Node older than package.json's
 * `engines` (`npx vitest` under an old system Node would otherwise fail dozens of tests without
 * saying why). `npm test` / `npm run …` use the Node 24 pinned as a dev dependency.
 */
import { readFileSync } from 'node:fs';

export default function checkNodeVersion(): void {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines?: { node?: string } };
  const wanted = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(pkg.engines?.node?.trim() ?? '');
  if (!wanted) return;
  const need = [Number(wanted[1]), Number(wanted[2] ?? 0), Number(wanted[3] ?? 0)];
  const have = process.versions.node.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > need[i]!) return;
    if ((have[i] ?? 0) < need[i]!) {
      const msg =
        `\nThese tests need Node ${pkg.engines!.node} (package.json "engines"); this is Node ${process.versions.node} (${process.execPath}).\n` +
        `Run them with \`npm test\` or \`npm run test:unit\` (they use the Node 24 pinned as a dev dependency), ` +
        `or put node_modules/.bin first on PATH: PATH=$PWD/node_modules/.bin:$PATH npx vitest run\n`;
      process.stderr.write(msg);
      process.exit(1);
    }
  }
}
