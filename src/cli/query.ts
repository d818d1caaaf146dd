/**
 * Shows how the search box reads a typed search:
 *
 *   npm run query -- "punchy kick around 125 bpm, short"
 *   npm run query -- --library dark pads in F minor
 *
 * Prints the parsed query as JSON; with --library, the library filter it becomes instead.
 * Exits 2 on usage errors.
 */
import { parseQuery, toLibraryQuery } from '../domain/ai/queryParser';

const USAGE = 'usage: npm run query -- [--library] "<search text>"';

function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const library = argv.includes('--library');
  const words = argv.filter((arg) => arg !== '--library');
  const unknown = words.find((arg) => arg.startsWith('--'));
  if (unknown || words.length === 0) {
    process.stderr.write(`query: ${unknown ? `unknown option ${unknown}` : 'no search text given'}\n${USAGE}\n`);
    process.exit(2);
  }
  // Unquoted words arrive as separate arguments: `npm run query -- dark pads` reads as "dark pads".
  const parsed = parseQuery(words.join(' '));
  process.stdout.write(`${JSON.stringify(library ? toLibraryQuery(parsed) : parsed, null, 2)}\n`);
}

main(process.argv.slice(2));
