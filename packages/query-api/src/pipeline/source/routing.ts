/**
 * Which shard holds a customer's records. Every record of one customer goes to one shard, so the
 * shard's increasing id orders that customer's events and the batcher publishes them in order.
 *
 * The hash is FNV-1a over the id's UTF-8 bytes: stable across processes, versions and platforms
 * (never Node's randomised hashing), so a writer started tomorrow routes a customer where today's did.
 * Changing the shard count moves customers; doing that needs a migration, not a restart.
 */
export function shardIndexFor(customerId: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) {
    throw new Error(`shard count must be a whole number of at least 1, got ${shardCount}`);
  }
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(customerId)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}
