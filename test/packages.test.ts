import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appTool,
  pack,
  root,
  scratchApp,
  scratchInstall,
  type PackageJson,
  type Packed,
} from './packages.support';

// What a front-end team does with Sightline: pack the packages, install the browser ones' tarballs
// into a new Vite + React + TypeScript app outside the workspace, type-check it, build it, render the
// charts. And what an operator does: install the server's tarball and run its CLI.

let destination: string;
const packed: Record<string, Packed> = {};
let app: string;
let server: string;

/**
 * Packages that hold server code or talk to Elasticsearch, Kafka or MariaDB: never in a front-end
 * app. (Not commander: topojson-client, which the map reads its geometry with, lists it for its CLI.)
 */
const SERVER_SIDE = [
  '@sightline/query-api',
  '@elastic/elasticsearch',
  '@platformatic/kafka',
  '@hono/node-server',
  'hono',
  'mysql2',
  'cli-progress',
  'csv-stringify',
];

beforeAll(() => {
  destination = mkdtempSync(join(tmpdir(), 'sightline-packs-'));
  for (const dir of ['schema', 'client', 'charts', 'query-api'])
    packed[dir] = pack(`packages/${dir}`, destination);
  app = scratchApp(['schema', 'client', 'charts'].map((dir) => packed[dir]!.tarball));
  server = scratchInstall(['schema', 'client', 'query-api'].map((dir) => packed[dir]!.tarball));
}, 900_000);

afterAll(() => {
  for (const dir of [app, server, destination]) if (dir) rmSync(dir, { recursive: true, force: true });
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

/** Every package installed because of `names`: their dependencies and peers, and theirs, as installed in `dir`. */
function dependencyClosure(dir: string, names: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (seen.has(name) || !existsSync(manifest)) return;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as PackageJson;
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) visit(dep);
  };
  names.forEach(visit);
  return seen;
}

/** Where the package is installed: the server's folder for the server, the front-end app for the rest. */
const installed = (name: string) =>
  join(name === '@sightline/query-api' ? server : app, 'node_modules', name);

describe.each([
  ['@sightline/schema', () => packed.schema!],
  ['@sightline/client', () => packed.client!],
  ['@sightline/charts', () => packed.charts!],
  ['@sightline/query-api', () => packed['query-api']!],
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

  it('installs no server code with the packages: not the query API, no Elasticsearch, Kafka, MariaDB or CLI', () => {
    const brought = dependencyClosure(app, ['@sightline/schema', '@sightline/client', '@sightline/charts']);
    expect(brought.has('zod')).toBe(true);
    expect(SERVER_SIDE.filter((name) => brought.has(name))).toEqual([]);
  });

  it('keeps each chart entry within its size budget in the app’s own build, the schema code it uses included', async () => {
    const budgets = packed.charts!.manifest['size-limit'] ?? [];
    expect(budgets.map((b) => b.path)).toContain('dist/connected.js');
    const sizes = [];
    for (const budget of budgets) {
      const entry = `@sightline/charts/${budget.path.replace(/^dist\/(.+)\.js$/, '$1')}`;
      const result = await build({
        stdin: { contents: `export ${budget.import} from '${entry}';`, resolveDir: app },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        // As the app's production build has it (Vite sets it), whatever the test runner's is.
        define: { 'process.env.NODE_ENV': '"production"' },
        write: false,
        logLevel: 'silent',
        // What the app has anyway (React, React Query) and data it may load apart (world-atlas); not
        // the schema or the client, whose code the chart brings.
        external: budget.ignore
          .filter((name) => !name.startsWith('@sightline/'))
          .flatMap((name) => [name, `${name}/*`]),
      });
      // The script, as size-limit counts it (a chart's style sheet is measured apart, if at all).
      const scripts = result.outputFiles.filter((file) => !file.path.endsWith('.css'));
      const gzipped = scripts.reduce((n, file) => n + gzipSync(file.contents).length, 0);
      sizes.push({
        name: budget.name,
        kb: Math.round(gzipped / 102.4) / 10,
        limit: parseFloat(budget.limit),
      });
    }
    expect(sizes.filter((s) => s.kb > s.limit)).toEqual([]);
  });

  it('bundles the client and every schema entry for a browser without Node built-ins or server code', async () => {
    const entries = [
      '@sightline/client',
      '@sightline/schema',
      '@sightline/schema/reports',
      '@sightline/schema/api',
      '@sightline/schema/api-schemas',
    ];
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
    expect(inputs.some((i) => i.includes('@sightline/client/dist/'))).toBe(true);
    expect(inputs.some((i) => i.includes('@sightline/schema/dist/'))).toBe(true);
    expect(inputs.filter((i) => /node:|@elastic|hono|mysql2|@platformatic|commander|csv-/.test(i))).toEqual(
      [],
    );
  });
});

describe('the server package installed on its own', () => {
  it('runs the sightline CLI from built JavaScript, with no tsx installed', () => {
    expect(existsSync(join(server, 'node_modules/tsx'))).toBe(false);
    expect(appTool(server, 'sightline', ['--help'])).toMatch(/Usage: sightline/);
  });
});
