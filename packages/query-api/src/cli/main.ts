import { createProgram } from './program';
import { describeFailure } from './errors';

try {
  await (await createProgram()).parseAsync(process.argv);
} catch (error) {
  const { code, line } = describeFailure(error);
  if (line) process.stderr.write(`${line}\n`);
  if (process.env.SIGHTLINE_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exitCode = code;
}
