import type { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { LiveGenerator } from '../../generate';
import { shardUrlsFrom } from '../../pipeline/config';
import { backfillHistory } from '../../pipeline/source/backfill';
import { parseShardUrl, type ShardAddress } from '../../pipeline/source/shard-url';
import { openShardWriter, type ShardRecord, type ShardWriter } from '../../pipeline/source/writer';
import { UsageError } from '../errors';
import { integerOption } from '../options';

function shardsOf(list: string | undefined): ShardAddress[] {
  try {
    const env = list === undefined ? process.env : { ...process.env, SIGHTLINE_MYSQL_SHARDS: list };
    return shardUrlsFrom(env).map(parseShardUrl);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `sightline demo` (the default mode): the history into the shards, once per seed. */
export async function backfillShards(flags: {
  seed: string;
  count: number;
  days: number;
  force?: boolean;
  shards?: string;
}): Promise<void> {
  const shards = shardsOf(flags.shards);
  let last = 0;
  const result = await backfillHistory(shards, {
    seed: flags.seed,
    count: flags.count,
    days: flags.days,
    customers: 'default',
    force: flags.force,
    onProgress: (written, total) => {
      if (written - last < total / 10 && written !== total) return;
      last = written;
      process.stderr.write(
        `demo: ${written.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records\n`,
      );
    },
  });
  process.stdout.write(
    result.wrote
      ? `demo history for seed "${flags.seed}" written into the shards (ending ${result.end}).\n`
      : `demo history for seed "${flags.seed}" is already in the shards (ending ${result.end}).\n`,
  );
  for (const [i, shard] of shards.entries()) {
    process.stdout.write(
      `  ${shard.database.padEnd(24)} ${(result.perShard[i] ?? 0).toLocaleString('en-US').padStart(9)}\n`,
    );
  }
}

interface LiveFlags {
  seed: string;
  rate: number;
  tickMs: number;
  for?: number;
  shards?: string;
}

/**
 * `sightline demo live`: new login attempts written into the shards as they happen, until stopped.
 * A write that fails (the database restarting) is kept and retried, so no attempt is lost.
 */
export function addDemoLive(demo: Command): void {
  const live = demo
    .command('live')
    .description(
      'keep writing new login attempts into the shards at a realistic, hour-of-day rate, with bursts ' +
        "(takes demo's --seed and --shards)",
    )
    .option('--rate <n>', 'mean attempts per second on a weekday', integerOption(1, 10_000), 3)
    .option('--tick-ms <ms>', 'how often attempts are written', integerOption(50, 60_000), 250)
    .option(
      '--for <seconds>',
      'stop after this many seconds (default: run until stopped)',
      integerOption(1, 31_536_000),
    )
    // --seed and --shards are demo's own options; given after `live` they still reach demo.
    .action(async () => {
      const flags = live.optsWithGlobals<LiveFlags>();
      const shards = shardsOf(flags.shards);
      const startedAt = new Date();
      const generator = new LiveGenerator({ seed: flags.seed, ratePerSecond: flags.rate, startedAt });
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      const until = flags.for === undefined ? Infinity : startedAt.getTime() + flags.for * 1000;
      let writer: ShardWriter | null = null;
      let pending: ShardRecord[] = [];
      let written = 0;
      let failures = 0;
      let from = startedAt.getTime();
      let reported = from;
      try {
        while (!stop.signal.aborted) {
          const now = Math.min(Date.now(), until);
          pending.push(
            ...generator
              .between(from, now)
              .map((r) => ({ customer: r.customer_id, record: JSON.stringify(r) })),
          );
          from = now;
          try {
            writer ??= await openShardWriter(shards);
            if (pending.length > 0) await writer.write(pending);
            written += pending.length;
            pending = [];
            failures = 0;
          } catch (error) {
            failures += 1;
            await writer?.close().catch(() => undefined);
            writer = null;
            process.stderr.write(
              `demo live: ${(error as Error).message} (${pending.length} attempts kept; retrying)\n`,
            );
            await sleep(Math.min(10_000, 250 * 2 ** failures), undefined, { signal: stop.signal }).catch(
              () => undefined,
            );
            continue;
          }
          if (now - reported >= 60_000) {
            reported = now;
            const bursts = generator.burstsAt(now).map((b) => b.kind);
            process.stderr.write(
              `demo live: ${written.toLocaleString('en-US')} attempts written${bursts.length ? `; bursts: ${bursts.join(', ')}` : ''}\n`,
            );
          }
          if (now >= until) break;
          await sleep(flags.tickMs, undefined, { signal: stop.signal }).catch(() => undefined);
        }
        // A stop still writes what was generated: those attempts already "happened".
        if (pending.length > 0 && writer) await writer.write(pending).then(() => (written += pending.length));
        process.stdout.write(`demo live: ${written.toLocaleString('en-US')} attempts written\n`);
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await writer?.close();
      }
    });
}
