#!/usr/bin/env node
// Loads the TypeScript CLI in-process through tsx, so `npx sightline …` works from a checkout
// without a build step and signals reach the real process.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
