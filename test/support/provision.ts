import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts a local service through its provisioning script (scripts/<name>.sh start), which reuses one
 * already running or the external one its environment variable names, and returns the address it
 * prints last. The script's messages go to the test run's stderr.
 */
export function startService(script: string): string {
  const path = fileURLToPath(new URL(`../../scripts/${script}`, import.meta.url));
  const lines = execFileSync('bash', [path, 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n');
  const address = lines[lines.length - 1];
  if (!address) throw new Error(`scripts/${script} start printed no address`);
  return address;
}
