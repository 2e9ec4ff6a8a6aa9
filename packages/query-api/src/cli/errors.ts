import { CommanderError } from 'commander';

/** Bad input from the person at the keyboard: exit code 2 and one line naming the problem. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

/** The exit code and the one stderr line for an error escaping a command; null when nothing should print. */
export function describeFailure(error: unknown): { code: number; line: string | null } {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help/version text).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return { code: 0, line: null };
    }
    if (error.code === 'commander.help') return { code: 0, line: null };
    return { code: EXIT_USAGE, line: null };
  }
  if (error instanceof UsageError) return { code: EXIT_USAGE, line: `sightline: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT_FAILURE, line: `sightline: ${message}` };
}
