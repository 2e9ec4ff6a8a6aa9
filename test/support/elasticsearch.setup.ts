import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    esUrl: string;
  }
}

/**
 * Integration tests run against a real Elasticsearch: ES_URL when set, otherwise the local node that
 * scripts/es.sh provisions (and reuses when it is already running).
 */
export default function setup(project: TestProject): void {
  const script = fileURLToPath(new URL('../../scripts/es.sh', import.meta.url));
  const url = execFileSync('bash', [script, 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop()!;
  process.env.ES_URL = url;
  project.provide('esUrl', url);
}
