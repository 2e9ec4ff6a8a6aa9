import type { Command } from 'commander';
import { DEFAULT_DELIVERY_POLICY } from '../../alerts/backoff';
import { DELIVERER_DEFAULTS, runDeliverer } from '../../alerts/deliverer';
import { esClientFor } from '../command';
import { integerOption } from '../options';

interface AlertsFlags {
  pollMs: number;
  concurrency: number;
  timeoutMs: number;
  maxAttempts: number;
}

/**
 * `sightline alerts`: the webhook deliverer, a process of its own rather than a loop in `detect`, so a
 * slow or unreachable receiver (each attempt may wait its timeout) never delays detection, and it runs
 * without Kafka: everything it needs is in the outbox the detector writes to Elasticsearch.
 */
export function registerAlerts(program: Command): void {
  const command = program
    .command('alerts')
    .description(
      "deliver findings to customers' webhooks from the outbox the detector records, signed, retried with backoff, every attempt audited (runs until SIGTERM or SIGINT; several may run)",
    )
    .option(
      '--poll-ms <ms>',
      'how often the outbox is read when nothing was due',
      integerOption(50, 60_000),
      DELIVERER_DEFAULTS.pollMs,
    )
    .option(
      '--concurrency <n>',
      'deliveries attempted at once',
      integerOption(1, 100),
      DELIVERER_DEFAULTS.concurrency,
    )
    .option(
      '--timeout-ms <ms>',
      'how long one attempt may wait for the receiver',
      integerOption(100, 120_000),
      DEFAULT_DELIVERY_POLICY.timeoutMs,
    )
    .option(
      '--max-attempts <n>',
      'attempts before a delivery is failed',
      integerOption(1, 50),
      DEFAULT_DELIVERY_POLICY.maxAttempts,
    );
  command.action(async (flags: AlertsFlags) => {
    const es = esClientFor(command);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      if (stop.signal.aborted) return;
      log(`alerts: ${signal}: finishing the attempts in hand`);
      stop.abort();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      log('alerts: delivering findings to webhooks');
      await runDeliverer({
        es,
        signal: stop.signal,
        pollMs: flags.pollMs,
        concurrency: flags.concurrency,
        policy: { ...DEFAULT_DELIVERY_POLICY, timeoutMs: flags.timeoutMs, maxAttempts: flags.maxAttempts },
        log,
      });
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await es.close();
    }
  });
}
