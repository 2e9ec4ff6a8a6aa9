/**
 * `npm run bench -- <name> [args…]` runs bench/<name>.ts; with no name it lists what there is.
 * Every benchmark writes bench/results/<name>.json and bench/results/<name>.md.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('.test.') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(
    name ? `bench: no benchmark named "${name}".` : 'bench: name a benchmark.',
    `Available: ${available.join(', ') || '(none)'}`,
  );
  process.exit(2);
}
process.argv = [process.argv[0]!, join(here, `${name}.ts`), ...args];
await import(pathToFileURL(join(here, `${name}.ts`)).href);
