import type { FirehosePublisher } from '../firehose';
import { runShard, type ShardRunOptions, type ShardRunSummary } from './batcher';
import { openMysqlSource } from './mysql-source';
import { streamOf, type ShardAddress } from './shard-url';

export interface BatcherOptions extends ShardRunOptions {
  shards: readonly ShardAddress[];
  /** Whose position the cursor rows hold: one per destination, so another topic starts from the beginning. */
  cursorName: string;
  /** A publisher per shard, so one shard's broker trouble and reconnects never stall another's. */
  openPublisher: () => Promise<FirehosePublisher>;
}

/** Runs every shard independently until stopped (or, with `once`, until each has caught up). */
export function runMysqlBatcher(options: BatcherOptions): Promise<ShardRunSummary[]> {
  const { shards, cursorName, openPublisher, ...shardOptions } = options;
  return Promise.all(
    shards.map((shard) =>
      runShard(streamOf(shard), () => openMysqlSource(shard, cursorName), openPublisher, shardOptions),
    ),
  );
}
