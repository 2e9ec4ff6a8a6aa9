import { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import { esNodesFrom } from '../store/es-nodes';
import { indexLayoutFromEnv, type IndexLayout } from '../store/index-layout';
import { UsageError } from './errors';

/** Registers one command (or a group) on the program; each lives in src/cli/commands/<name>.ts. */
export type RegisterCommand = (program: Command) => void;

export const DEFAULT_ES_URL = 'http://127.0.0.1:9200';

/** The Elasticsearch URL in effect for a command (--es-url, then ES_URL, then the default). */
export function esUrlOf(command: Command): string {
  const { esUrl } = command.optsWithGlobals<{ esUrl?: string }>();
  return esUrl ?? DEFAULT_ES_URL;
}

/**
 * An Elasticsearch client for the URL in effect (one URL, or a cluster's nodes separated by commas).
 * Commands retry on their own when Elasticsearch is away, so with one node the client does not; with
 * several it tries each other node once, so a dead node is the client's business, not every
 * command's (an ingest's last refresh, a template put). No sniffing: the nodes named are the ones
 * to use.
 */
export function esClientFor(command: Command): Client {
  let nodes: string[];
  try {
    nodes = esNodesFrom(esUrlOf(command), '--es-url/ES_URL');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return new Client({ nodes, maxRetries: nodes.length - 1, requestTimeout: 120_000 });
}

/** Shards and replicas of new auth log months, from SIGHTLINE_ES_SHARDS and SIGHTLINE_ES_REPLICAS. */
export function indexLayoutOf(): IndexLayout {
  try {
    return indexLayoutFromEnv();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
