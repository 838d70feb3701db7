/** A Bolt-compatible logger that redacts secrets from every line. */
import type { Logger, LogLevel } from '@slack/bolt';
import { redactSecrets } from './errors.ts';

const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof ORDER;

function fmt(parts: unknown[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if (p instanceof Error) return `${p.name}: ${p.message}`;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(' ');
}

export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  let current: Level = level;
  let name = 'framework-advisor';
  const log = (lvl: Level, parts: unknown[]) => {
    if (ORDER[lvl] < ORDER[current]) return;
    write(redactSecrets(`${new Date().toISOString()} ${lvl.toUpperCase()} [${name}] ${fmt(parts)}`));
  };
  return {
    debug: (...m: unknown[]) => log('debug', m),
    info: (...m: unknown[]) => log('info', m),
    warn: (...m: unknown[]) => log('warn', m),
    error: (...m: unknown[]) => log('error', m),
    setLevel: (l: LogLevel) => {
      if ((l as string) in ORDER) current = l as unknown as Level;
    },
    getLevel: () => current as unknown as LogLevel,
    setName: (n: string) => {
      name = n;
    },
  };
}

/** A logger that keeps lines in memory (tests). */
export function memoryLogger(level: Level = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger(level, (l) => lines.push(l)), { lines });
}
