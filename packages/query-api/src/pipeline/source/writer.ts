import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { shardIndexFor } from './routing';
import { AUTHLOG_TABLE, ensureShardSchema } from './schema';
import type { ShardAddress } from './shard-url';

/** A record as a system writes it into its shard: the customer, and the record's JSON text. */
export interface ShardRecord {
  customer: string;
  record: string;
}

/** Rows per INSERT: large enough to amortise the round trip, far below max_allowed_packet. */
export const ROWS_PER_INSERT = 500;

/** Groups records by their customer's shard, keeping each customer's order. */
export function groupByShard(records: readonly ShardRecord[], shardCount: number): ShardRecord[][] {
  const groups: ShardRecord[][] = Array.from({ length: shardCount }, () => []);
  for (const record of records) groups[shardIndexFor(record.customer, shardCount)]!.push(record);
  return groups;
}

/** Multi-row inserts, in order, so ids follow the order given. */
export async function insertRecords(
  target: Pool | PoolConnection,
  records: readonly ShardRecord[],
  rowsPerInsert = ROWS_PER_INSERT,
): Promise<void> {
  for (let i = 0; i < records.length; i += rowsPerInsert) {
    const chunk = records.slice(i, i + rowsPerInsert).map((r) => [r.customer, r.record]);
    await target.query(`INSERT INTO ${AUTHLOG_TABLE} (customer_id, record) VALUES ?`, [chunk]);
  }
}

export interface ShardWriter {
  readonly shards: readonly ShardAddress[];
  readonly pools: readonly Pool[];
  /** Writes each record into its customer's shard; resolves when every row is committed. */
  write(records: readonly ShardRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Pools to every shard (schemas created when missing) and writes records where they belong. */
export async function openShardWriter(shards: readonly ShardAddress[]): Promise<ShardWriter> {
  if (shards.length === 0) throw new Error('no shard to write to');
  for (const shard of shards) await ensureShardSchema(shard);
  const pools = shards.map((shard) =>
    createPool({ ...shard.server, database: shard.database, connectionLimit: 4, timezone: 'Z' }),
  );
  return {
    shards,
    pools,
    async write(records) {
      const groups = groupByShard(records, shards.length);
      await Promise.all(groups.map((group, i) => (group.length ? insertRecords(pools[i]!, group) : null)));
    },
    async close() {
      await Promise.all(pools.map((pool) => pool.end()));
    },
  };
}
