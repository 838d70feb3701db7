/** Parsing `/framework …` text into a subcommand. */

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'compare'; aspect: string }
  | { kind: 'wizard' }
  | { kind: 'sources' }
  | { kind: 'watch'; on: boolean | null }
  | { kind: 'ask'; question: string };

export function parseCommand(raw: string | undefined): ParsedCommand {
  const text = (raw ?? '').trim();
  if (!text) return { kind: 'help' };
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const arg = rest.join(' ').trim();
  if ((word === 'help' || word === '?' || word === '-h' || word === '--help') && !arg) return { kind: 'help' };
  if (word === 'compare' && arg) return { kind: 'compare', aspect: arg };
  if (word === 'compare' && !arg) return { kind: 'compare', aspect: '' };
  if (word === 'wizard' && !arg) return { kind: 'wizard' };
  if (word === 'sources' && !arg) return { kind: 'sources' };
  if (word === 'watch') {
    const a = arg.toLowerCase();
    if (a === 'on') return { kind: 'watch', on: true };
    if (a === 'off') return { kind: 'watch', on: false };
    if (a === '' || a === 'status') return { kind: 'watch', on: null };
  }
  return { kind: 'ask', question: text };
}
