import type { TestProject } from 'vitest/node';
import { startService } from './provision';

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
  const url = startService('es.sh');
  process.env.ES_URL = url;
  project.provide('esUrl', url);
}
