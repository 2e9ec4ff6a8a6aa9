import { createHash } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import type { ShardSource } from './batcher';
import type { ShardRow } from './gap';
import { AUTHLOG_TABLE, connectShard, CURSOR_TABLE, ensureShardSchema } from './schema';
import { streamOf, type ShardAddress } from './shard-url';

interface AuthlogRow extends RowDataPacket {
  id: string;
  customer_id: string;
  record: string;
  age_us: string | null;
}

/** The server-wide lock that makes one batcher the only reader of a shard's cursor (names ≤ 64 chars). */
export function cursorLockName(address: ShardAddress, cursorName: string): string {
  const digest = createHash('sha256').update(`${address.database}\0${cursorName}`).digest('hex');
  return `sightline-batcher:${digest.slice(0, 40)}`;
}

/**
 * Opens one shard for the batcher on one connection, which also holds a named lock: a second batcher
 * on the same shard and cursor waits (and retries) instead of publishing the same rows beside it,
 * and takes over when the first one's connection goes away.
 */
export async function openMysqlSource(address: ShardAddress, cursorName: string): Promise<ShardSource> {
  await ensureShardSchema(address);
  const connection = await connectShard(address);
  try {
    const lock = cursorLockName(address, cursorName);
    const [locked] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS got', [lock]);
    if (Number(locked[0]?.got) !== 1) {
      throw new Error(`another batcher is reading cursor "${cursorName}" of ${streamOf(address)}; waiting`);
    }
  } catch (error) {
    connection.destroy();
    throw error;
  }
  return {
    stream: streamOf(address),
    async loadCursor() {
      const [rows] = await connection.query<RowDataPacket[]>(
        `SELECT last_id FROM ${CURSOR_TABLE} WHERE name = ?`,
        [cursorName],
      );
      const value = rows[0]?.last_id as string | undefined;
      return value === undefined ? 0n : BigInt(value);
    },
    async readAfter(cursor, limit): Promise<ShardRow[]> {
      const [rows] = await connection.query<AuthlogRow[]>(
        `SELECT id, customer_id, record, TIMESTAMPDIFF(MICROSECOND, created_at, NOW(3)) AS age_us
           FROM ${AUTHLOG_TABLE} WHERE id > CAST(? AS UNSIGNED) ORDER BY id LIMIT ?`,
        [cursor.toString(), limit],
      );
      return rows.map((row) => ({
        id: BigInt(row.id),
        customer: row.customer_id,
        record: row.record,
        ageMs: Number(row.age_us ?? 0) / 1000,
      }));
    },
    async saveCursor(id) {
      await connection.query(
        `INSERT INTO ${CURSOR_TABLE} (name, last_id) VALUES (?, CAST(? AS UNSIGNED))
           ON DUPLICATE KEY UPDATE last_id = VALUES(last_id)`,
        [cursorName, id.toString()],
      );
    },
    async close() {
      try {
        await connection.end();
      } catch {
        connection.destroy();
      }
    },
  };
}
