// Runs the workspace's TypeScript in Node as Vite and Vitest run it: tsx compiles it, and the
// workspace's packages imported by name (@sightline/schema, @sightline/client…) resolve to their
// sources, under the export condition SOURCE_CONDITION (scripts/source-condition.ts), not to a build.
// Use: `node --import ./scripts/dev-loader.mjs file.ts`, or import it first thing in a program.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source-condition-hooks.mjs', import.meta.url);
registerTsx();
