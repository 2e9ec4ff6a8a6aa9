import { createConnection, type Connection } from 'mysql2/promise';
import type { ShardAddress } from './shard-url';

export const AUTHLOG_TABLE = 'authlog';
export const CURSOR_TABLE = 'batcher_cursor';

/**
 * One shard's tables. `id` is the shard's own increasing position: the batcher's cursor and the
 * order one customer's events are published in (a customer lives on one shard). `record` keeps the
 * text exactly as the system wrote it (LONGTEXT checked to be JSON, not MySQL's JSON type, which
 * would re-serialise it), so consumers can re-normalise a replay.
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS ${AUTHLOG_TABLE} (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id VARCHAR(191) NOT NULL,
    record LONGTEXT NOT NULL CHECK (JSON_VALID(record)),
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
  // One row per reader of the shard (the firehose batcher per topic): the last id it has handed on.
  `CREATE TABLE IF NOT EXISTS ${CURSOR_TABLE} (
    name VARCHAR(191) NOT NULL PRIMARY KEY,
    last_id BIGINT UNSIGNED NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];

/** Creates the shard's schema and tables when missing; safe to run from many processes at once. */
export async function ensureShardSchema(address: ShardAddress): Promise<void> {
  const connection = await createConnection(address.server);
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${address.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
    await connection.query(`USE \`${address.database}\``);
    for (const statement of DDL) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/** A connection to the shard's schema, in UTC so TIMESTAMP arithmetic never crosses a DST change. */
export async function connectShard(address: ShardAddress): Promise<Connection> {
  const connection = await createConnection({ ...address.server, database: address.database });
  try {
    await connection.query(`SET time_zone = '+00:00'`);
  } catch (error) {
    connection.destroy();
    throw error;
  }
  return connection;
}
