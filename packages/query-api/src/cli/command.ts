import { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';

/** Registers one command (or a group) on the program; each lives in src/cli/commands/<name>.ts. */
export type RegisterCommand = (program: Command) => void;

export const DEFAULT_ES_URL = 'http://127.0.0.1:9200';

/** The Elasticsearch URL in effect for a command (--es-url, then ES_URL, then the default). */
export function esUrlOf(command: Command): string {
  const { esUrl } = command.optsWithGlobals<{ esUrl?: string }>();
  return esUrl ?? DEFAULT_ES_URL;
}

/** An Elasticsearch client for the URL in effect; commands retry on their own, so the client does not. */
export function esClientFor(command: Command): Client {
  return new Client({ node: esUrlOf(command), maxRetries: 0, requestTimeout: 120_000 });
}
