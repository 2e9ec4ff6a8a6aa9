import type { RowDataPacket } from 'mysql2/promise';
import { generateRecords, type CustomerPreset } from '../../generate';
import { shardIndexFor } from './routing';
import { insertRecords, openShardWriter, type ShardRecord } from './writer';
import type { ShardAddress } from './shard-url';

/** Per shard, how much of a seed's history it holds: the demo writes each history once. */
const MARKER_TABLE = 'demo_backfill';
const CHUNK = 2000;

export interface BackfillOptions {
  seed: string;
  count: number;
  days: number;
  customers: CustomerPreset;
  /** Write again (a new end time) even when the history is there. */
  force?: boolean;
  onProgress?: (written: number, total: number) => void;
}

export interface BackfillResult {
  /** False when every shard already held the whole history. */
  wrote: boolean;
  end: string;
  /** Rows of this history per shard. */
  perShard: number[];
}

interface Marker extends RowDataPacket {
  end_at: string;
  days: number;
  count: number;
  written: string;
  done: number;
}

/**
 * Writes the generated history into the shards once per seed. Each shard remembers, in the same
 * transaction as each chunk it takes, how many of its records it holds, so a run killed half-way
 * continues where it stopped (the same end time regenerates the same records) and nothing is doubled.
 */
export async function backfillHistory(
  shards: readonly ShardAddress[],
  options: BackfillOptions,
): Promise<BackfillResult> {
  const writer = await openShardWriter(shards);
  try {
    const markers: (Marker | undefined)[] = [];
    for (const pool of writer.pools) {
      await pool.query(`CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (
        seed VARCHAR(191) NOT NULL PRIMARY KEY,
        end_at VARCHAR(30) NOT NULL,
        days INT NOT NULL,
        count BIGINT NOT NULL,
        written BIGINT NOT NULL,
        done TINYINT NOT NULL,
        updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
      const [rows] = await pool.query<Marker[]>(`SELECT * FROM ${MARKER_TABLE} WHERE seed = ?`, [
        options.seed,
      ]);
      markers.push(rows[0]);
    }
    const existing = options.force ? undefined : markers.find((m) => m !== undefined);
    if (existing && markers.every((m) => m?.done === 1 && m.end_at === existing.end_at)) {
      return { wrote: false, end: existing.end_at, perShard: markers.map((m) => Number(m!.written)) };
    }
    // A partial history is finished with its own end time and size: the same records again.
    const end = existing?.end_at ?? new Date().toISOString();
    const days = existing?.days ?? options.days;
    const count = existing ? Number(existing.count) : options.count;
    const skip = shards.map((_, i) =>
      options.force || markers[i]?.end_at !== end ? 0 : Number(markers[i]!.written),
    );
    for (const [i, pool] of writer.pools.entries()) {
      await pool.query(
        `INSERT INTO ${MARKER_TABLE} (seed, end_at, days, count, written, done) VALUES (?, ?, ?, ?, ?, 0)
           ON DUPLICATE KEY UPDATE end_at = VALUES(end_at), days = VALUES(days), count = VALUES(count),
             written = VALUES(written), done = 0`,
        [options.seed, end, days, count, skip[i]],
      );
    }

    const seen = shards.map(() => 0);
    const written = [...skip];
    const pending: ShardRecord[][] = shards.map(() => []);
    const flush = async (shard: number) => {
      const rows = pending[shard]!;
      if (rows.length === 0) return;
      pending[shard] = [];
      const connection = await writer.pools[shard]!.getConnection();
      try {
        await connection.beginTransaction();
        await insertRecords(connection, rows);
        await connection.query(`UPDATE ${MARKER_TABLE} SET written = written + ? WHERE seed = ?`, [
          rows.length,
          options.seed,
        ]);
        await connection.commit();
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
      written[shard]! += rows.length;
    };
    let done = 0;
    for (const record of generateRecords({
      seed: options.seed,
      count,
      days,
      end: new Date(end),
      customers: options.customers,
    })) {
      done += 1;
      const shard = shardIndexFor(record.customer_id, shards.length);
      seen[shard]! += 1;
      if (seen[shard]! <= skip[shard]!) continue;
      pending[shard]!.push({ customer: record.customer_id, record: JSON.stringify(record) });
      if (pending[shard]!.length >= CHUNK) {
        await flush(shard);
        options.onProgress?.(done, count);
      }
    }
    for (let shard = 0; shard < shards.length; shard++) await flush(shard);
    options.onProgress?.(count, count);
    for (const pool of writer.pools) {
      await pool.query(`UPDATE ${MARKER_TABLE} SET done = 1 WHERE seed = ?`, [options.seed]);
    }
    return { wrote: true, end, perShard: written };
  } finally {
    await writer.close();
  }
}
