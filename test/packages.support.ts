import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface PackageJson {
  name: string;
  bin?: Record<string, string>;
  types?: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  /** The chart package's size budgets (size-limit's configuration). */
  'size-limit'?: { name: string; path: string; import: string; limit: string; ignore: string[] }[];
}

export interface Packed {
  /** The tarball's path. */
  tarball: string;
  /** Its size in bytes, compressed. */
  size: number;
  /** Files in it, relative to the package's root. */
  files: string[];
  /** package.json as packed, which is what an installing app reads. */
  manifest: PackageJson;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Builds the workspace package in `dir` and packs it as `npm pack` would publish it. */
export function pack(dir: string, destination: string): Packed {
  const cwd = join(root, dir);
  // Built as a release builds it: NODE_ENV=production, not the test runner's "test", under which Vite
  // builds React's development JSX into the package (a tenth larger, with source file names in it).
  run('npm', ['run', '--silent', 'build'], cwd, { ...process.env, NODE_ENV: 'production' });
  // The build ran just above; --ignore-scripts keeps prepack from building it again.
  const [report] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], cwd),
  ) as { filename: string; size: number; files: { path: string }[] }[];
  const tarball = join(destination, report!.filename);
  const manifest = JSON.parse(run('tar', ['-xOf', tarball, 'package/package.json'], root)) as PackageJson;
  return { tarball, size: report!.size, files: report!.files.map((f) => f.path), manifest };
}

/** The version installed in the workspace, so the scratch app's install comes from npm's cache. */
function workspaceVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The README's TypeScript examples, as written. */
export function readmeExamples(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```tsx\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/**
 * A new Vite + React + TypeScript app outside the workspace (test/packages-app, plus the README's
 * examples as src/readme-N.tsx) that installs the tarballs and what an app of its own would.
 */
export function scratchApp(tarballs: string[]): string {
  const app = mkdtempSync(join(tmpdir(), 'sightline-app-'));
  cpSync(join(root, 'test/packages-app'), app, { recursive: true });
  readmeExamples().forEach((code, i) => writeFileSync(join(app, 'src', `readme-${i + 1}.tsx`), code));
  const versions = (names: string[]) => Object.fromEntries(names.map((n) => [n, workspaceVersion(n)]));
  const manifest = {
    name: 'scratch-app',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(
        tarballs.map((t) => [
          JSON.parse(run('tar', ['-xOf', t, 'package/package.json'], root)).name,
          `file:${t}`,
        ]),
      ),
      ...versions(['react', 'react-dom', '@tanstack/react-query']),
    },
    devDependencies: versions([
      'vite',
      '@vitejs/plugin-react',
      'typescript',
      '@types/react',
      '@types/react-dom',
      '@types/node',
    ]),
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  return app;
}

/** A folder outside the workspace where only the tarballs are installed, as a server's deployment would. */
export function scratchInstall(tarballs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-install-'));
  const dependencies = Object.fromEntries(
    tarballs.map((t) => [
      JSON.parse(run('tar', ['-xOf', t, 'package/package.json'], root)).name,
      `file:${t}`,
    ]),
  );
  const manifest = { name: 'scratch-install', private: true, type: 'module', dependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

/** Runs one of the app's installed tools (tsc, vite, sightline); throws with its output when it fails. */
export function appTool(app: string, tool: string, args: string[]): string {
  try {
    return execFileSync(join(app, 'node_modules/.bin', tool), args, {
      cwd: app,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
