#!/usr/bin/env node
// The CLI from this checkout's TypeScript, loaded in-process through tsx (a dev dependency of the
// workspace), so `node packages/query-api/bin/sightline.js …` needs no build step and signals reach
// the real process. The published package's `sightline` is the built dist/cli.js.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
