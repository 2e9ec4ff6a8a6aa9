import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appTool, pack, root, scratchApp, type PackageJson, type Packed } from './packages.support';

// What a front-end team does with Sightline: pack the packages, install the tarballs into a new
// Vite + React + TypeScript app outside the workspace, type-check it, build it, render the charts.

let destination: string;
let queryApi: Packed;
let charts: Packed;
let app: string;

beforeAll(() => {
  destination = mkdtempSync(join(tmpdir(), 'sightline-packs-'));
  queryApi = pack('packages/query-api', destination);
  charts = pack('packages/charts', destination);
  app = scratchApp([queryApi.tarball, charts.tarball]);
}, 600_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
  if (destination) rmSync(destination, { recursive: true, force: true });
});

/** Every file an installing app can be sent to: exports (each condition), types and bins. */
function targets(manifest: PackageJson): string[] {
  const paths = Object.values(manifest.exports).flatMap((t) =>
    typeof t === 'string' ? [t] : Object.values(t),
  );
  return [...paths, ...(manifest.types ? [manifest.types] : []), ...Object.values(manifest.bin ?? {})]
    .map((p) => p.replace(/^\.\//, ''))
    .filter((p) => p !== 'package.json');
}

/** Bare module specifiers the package's built JavaScript imports, statically or on demand. */
function importedPackages(installed: string): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        const code = readFileSync(path, 'utf8');
        // The build writes each import on a line of its own: `import … from "x";`, `export … from "x";`.
        for (const m of code.matchAll(
          /^(?:import|export)\b[^\n]*?\bfrom\s*"([^".][^"]*)"|\bimport\(\s*"([^".][^"]*)"/gm,
        )) {
          const spec = (m[1] ?? m[2])!;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk(join(installed, 'dist'));
  return found;
}

const installed = (name: string) => join(app, 'node_modules', name);

describe.each([
  ['@sightline/query-api', () => queryApi],
  ['@sightline/charts', () => charts],
])('%s as packed', (name, packed) => {
  it('points every export, its types and its bin at built files that are in the tarball', () => {
    const { manifest, files } = packed();
    expect(manifest.name).toBe(name);
    const published = targets(manifest).filter((t) => !t.startsWith('src/'));
    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((t) => !/^dist\/.+\.(js|d\.ts|css)$/.test(t))).toEqual([]);
    expect(targets(manifest).filter((t) => !files.includes(t))).toEqual([]);
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      expect([subpath, target.types?.endsWith('.d.ts') ?? subpath.endsWith('.css')]).toEqual([subpath, true]);
    }
  });

  it('imports at run time only what it declares, and bundles nothing it declares', () => {
    const { manifest } = packed();
    const declared = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ];
    const imported = importedPackages(installed(name));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect([...imported].filter((p) => !builtins.has(p) && !declared.includes(p))).toEqual([]);
    const runtimeDependencies = Object.keys(manifest.dependencies ?? {}).filter(
      (d) => !d.startsWith('@types/'),
    );
    expect(runtimeDependencies.filter((d) => !imported.has(d))).toEqual([]);
  });

  it('passes publint (strict) and arethetypeswrong for ES module consumers', () => {
    const bin = (tool: string) => join(root, 'node_modules/.bin', tool);
    const lint = execFileSync(bin('publint'), ['run', packed().tarball, '--strict'], { encoding: 'utf8' });
    expect(lint).toMatch(/All good!/);
    // attw exits non-zero on any problem; CommonJS resolutions are out of scope for ES-module-only packages.
    const attw = execFileSync(
      bin('attw'),
      // theme.css is a style sheet, which has no types to resolve.
      [
        packed().tarball,
        '--profile',
        'esm-only',
        '--no-definitely-typed',
        '--exclude-entrypoints',
        './theme.css',
        '--format',
        'ascii',
        '--no-color',
      ],
      { encoding: 'utf8' },
    );
    const modes = attw.split('\n').filter((line) => /^(node16 \(from ESM\)|bundler):/.test(line));
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.filter((line) => !line.includes('🟢'))).toEqual([]);
  });
});

describe('a new Vite + React + TypeScript app with the packages installed', () => {
  it('type-checks, strict and without skipLibCheck, with the README examples as written', () => {
    const examples = readdirSync(join(app, 'src')).filter((f) => f.startsWith('readme-'));
    expect(examples).toHaveLength(2);
    expect(appTool(app, 'tsc', ['-p', '.'])).toBe('');
  });

  it('builds for production', () => {
    appTool(app, 'vite', ['build', '--logLevel', 'warn']);
    expect(readFileSync(join(app, 'dist/index.html'), 'utf8')).toMatch(/<script type="module"[^>]+assets\//);
  });

  it('renders each chart on the server from the installed build', () => {
    appTool(app, 'vite', ['build', '--ssr', 'src/render.tsx', '--outDir', 'dist-ssr', '--logLevel', 'warn']);
    const markup = JSON.parse(
      execFileSync('node', ['dist-ssr/render.js'], { cwd: app, encoding: 'utf8' }),
    ) as Record<string, string>;
    expect(Object.keys(markup)).toEqual(['donut', 'stacked-area', 'geo', 'table']);
    expect(markup.donut).toMatch(/<svg[^>]*>.*<path/);
    expect(markup.donut).toContain('Results');
    expect(markup['stacked-area']).toMatch(/<svg[^>]*>.*<path/);
    expect(markup.geo).toMatch(/<svg[^>]*>.*<path/);
    expect(markup.geo).toContain('Attempts by country');
    expect(markup.table).toContain('Latest attempts');
    expect(markup.table).toContain('User');
  });

  it('bundles the query API client, schema and reports for a browser without Node built-ins or server code', async () => {
    const entries = ['client', 'schema', 'reports'].map((e) => `@sightline/query-api/${e}`);
    const result = await build({
      stdin: { contents: entries.map((e) => `export * from '${e}';`).join('\n'), resolveDir: app },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((i) => relative(app, join(app, i)));
    expect(inputs.some((i) => i.includes('@sightline/query-api/dist/'))).toBe(true);
    expect(inputs.filter((i) => /node:|@elastic|hono|mysql2|@platformatic|commander|csv-/.test(i))).toEqual(
      [],
    );
  });

  it('runs the sightline CLI from built JavaScript, with no tsx installed', () => {
    expect(existsSync(installed('tsx'))).toBe(false);
    expect(appTool(app, 'sightline', ['--help'])).toMatch(/Usage: sightline/);
  });
});
