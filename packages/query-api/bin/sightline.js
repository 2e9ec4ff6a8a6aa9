#!/usr/bin/env node
// The CLI from this checkout's TypeScript, loaded in-process (tsx, a dev dependency of the workspace,
// and the workspace packages' sources; see scripts/dev-loader.mjs), so `node
// packages/query-api/bin/sightline.js …` needs no build step and signals reach the real process. The
// published package's `sightline` is the built dist/cli.js.
import '../../../scripts/dev-loader.mjs';

await import('../src/cli/main.ts');
