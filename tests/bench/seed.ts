/**
 * npm run seed -- 100000 [--seed 1] [--profile .bench-profile] [--port 4173]
 *
 * Seeds a synthetic library (tests/bench/syntheticLibrary.ts) into a persistent Chromium profile
 * (default .bench-profile/, recreated on every run), for the production build served at
 * http://127.0.0.1:4173 (`npm start`'s address: IndexedDB belongs to that origin, port included).
 * Open it afterwards with `npm start` and `chromium --user-data-dir=.bench-profile http://127.0.0.1:4173/`.
 * `npm run bench` does not use it: it seeds a fresh profile of its own.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { preview } from 'vite';
import { launchProfile, seedLibrary } from './library';

function parseArgs(argv: string[]): { count: number; seed: number; profile: string; port: number } {
  const args = { count: 100_000, seed: 1, profile: '.bench-profile', port: 4173 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') args.seed = Number(argv[++i]);
    else if (argv[i] === '--profile') args.profile = argv[++i]!;
    else if (argv[i] === '--port') args.port = Number(argv[++i]);
    else args.count = Number(argv[i]);
  }
  if (!(args.count > 0)) throw new Error('usage: npm run seed -- <number of samples> [--seed 1] [--profile .bench-profile] [--port 4173]');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first');
  const server = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port: args.port, strictPort: true, open: false } });
  const origin = `http://127.0.0.1:${args.port}`;
  rmSync(args.profile, { recursive: true, force: true });
  // No service worker while seeding: the app installs its own the first time it is opened for real.
  const context = await launchProfile(args.profile, { blockServiceWorkers: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(origin);
    await page.getByText('Your sample library starts here').waitFor();
    const { seconds } = await seedLibrary(page, args.count, args.seed);
    console.log(`Seeded ${args.count.toLocaleString('en-GB')} synthetic samples (seed ${args.seed}) in ${seconds.toFixed(1)} s.`);
    console.log(`Profile: ${resolve(args.profile)}, origin ${origin}. To open it:`);
    console.log(`  npm start   # serves ${origin}`);
    console.log(`  chromium --user-data-dir=${args.profile} ${origin}/`);
  } finally {
    await context.close();
    await server.close();
  }
}

await main();
