import cliProgress from 'cli-progress';
import type { IngestProgress } from './run';

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  stop(): void;
}

/**
 * A live bar on an interactive terminal; otherwise (CI, pipes, logs) one line every few seconds.
 * `total` is the number of records when known (generated input).
 */
export function progressReporter(stream: NodeJS.WriteStream, total: number | null): ProgressReporter {
  const started = Date.now();
  const rate = (indexed: number) => Math.round(indexed / Math.max(0.001, (Date.now() - started) / 1000));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: total
          ? 'ingest [{bar}] {percentage}% | {value}/{total} read | {indexed} indexed | {rejected} rejected | {rate} docs/s'
          : 'ingest {value} read | {indexed} indexed | {rejected} rejected | {rate} docs/s',
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { indexed: 0, rejected: 0, rate: 0 });
    return {
      update: (p) => bar.update(p.read, { indexed: p.indexed, rejected: p.rejected, rate: rate(p.indexed) }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      stream.write(
        `ingest: ${p.read} read${total ? ` of ${total}` : ''}, ${p.indexed} indexed, ${p.rejected} rejected, ${rate(p.indexed)} docs/s\n`,
      );
    },
    stop() {},
  };
}
