import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What a dashboard build reads from the repository: the app, the workspace packages, the build's helpers. */
const TREE = ['apps/dashboard', 'packages', 'scripts', 'package.json', 'tsconfig.base.json', 'tsconfig.json'];

/**
 * Builds the dashboard as it was at a git revision, for a before/after comparison in one benchmark run:
 * the revision's files are unpacked into a temporary directory beside the current installed packages
 * (symlinked, the workspace's own packages pointing at the unpacked ones), then built as
 * test/e2e/support/server.ts builds the current tree. Returns the build's directory.
 */
export function buildDashboardAt(revision: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-dashboard-at-'));
  const archive = execFileSync('git', ['archive', '--format=tar', revision, '--', ...TREE], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@sightline'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules')))
    if (name !== '@sightline') symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  // The revision's own workspace packages, whichever it had (the schema and client were split out later).
  for (const folder of readdirSync(join(dir, 'packages'))) {
    const { name } = JSON.parse(readFileSync(join(dir, 'packages', folder, 'package.json'), 'utf8')) as {
      name: string;
    };
    symlinkSync(`../../packages/${folder}`, join(modules, name));
  }
  symlinkSync('../../apps/dashboard', join(modules, '@sightline/dashboard'));
  // Packages with dependencies of their own (versions the root does not hold) keep them.
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const own = join(ROOT, 'packages', pkg, 'node_modules');
    try {
      readdirSync(own);
      symlinkSync(own, join(dir, 'packages', pkg, 'node_modules'));
    } catch {
      // no node_modules of its own
    }
  }
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: join(dir, 'apps/dashboard'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return join(dir, 'apps/dashboard/dist');
}
