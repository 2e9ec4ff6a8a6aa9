/**
 * Gives every relative import in emitted declarations the file it names: `./donut` becomes
 * `./donut/index.js`, `./types` becomes `./types.js`, `..` becomes `../index.js`. The sources
 * import without extensions (a bundler resolves them), but TypeScript reading an installed package under `moduleResolution:
 * node16`/`nodenext` resolves declarations as Node resolves ES modules, which never guesses an
 * extension. Usage: `tsx scripts/declaration-imports.ts <dist folder>`.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const specifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g;

function declarationFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return declarationFiles(path);
    return path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The specifier Node would resolve to the declaration `from` means, or the original when it already names one. */
function withExtension(from: string, spec: string): string {
  if (/\.(js|mjs|cjs|json|css)$/.test(spec)) return spec;
  const base = resolve(dirname(from), spec);
  if (existsSync(`${base}.d.ts`)) return `${spec}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${spec.replace(/\/$/, '')}/index.js`;
  throw new Error(`${from}: no declaration for '${spec}'`);
}

function fixDeclarationImports(dist: string): number {
  let changed = 0;
  for (const file of declarationFiles(dist)) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(
      specifier,
      (_m, lead: string, quote: string, spec: string) =>
        `${lead}${quote}${withExtension(file, spec)}${quote}`,
    );
    if (fixed !== text) {
      writeFileSync(file, fixed);
      changed += 1;
    }
  }
  return changed;
}

const dist = process.argv[2];
if (!dist) throw new Error('usage: tsx scripts/declaration-imports.ts <dist folder>');
fixDeclarationImports(resolve(dist));
