import type { ConnectionOptions } from 'mysql2/promise';

export interface ShardAddress {
  /** The shard's schema; also its stream name, `mysql/<database>`. */
  database: string;
  /** Connection settings without the database, so the schema can be created first. */
  server: ConnectionOptions;
}

/** Schema names go into DDL as identifiers, so only these characters are allowed. */
const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** `mysql://user:password@host:port/database` → where to connect and which schema is the shard. */
export function parseShardUrl(url: string): ShardAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `shard "${url}" is not a URL such as mysql://user:password@127.0.0.1:3306/sightline_shard_0`,
    );
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new Error(`shard "${url}" must start with mysql://`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
  if (!DATABASE_NAME.test(database)) {
    throw new Error(`shard "${url}" must name its database (letters, digits and _ only)`);
  }
  return {
    database,
    server: {
      host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username) || 'root',
      password: decodeURIComponent(parsed.password),
      // Row ids are BIGINT UNSIGNED: read them as strings and keep them as bigint, never as doubles.
      supportBigNumbers: true,
      bigNumberStrings: true,
      // MariaDB flags the checked record column as JSON: hand it on as the text it is, not parsed.
      jsonStrings: true,
      charset: 'utf8mb4',
      connectTimeout: 5_000,
      enableKeepAlive: true,
    },
  };
}

export function streamOf(address: ShardAddress): string {
  return `mysql/${address.database}`;
}
