import type { Readable } from 'node:stream';

export interface BatchReaderOptions<T> {
  /** Most messages per batch. */
  maxMessages: number;
  /** How long to wait for a batch to fill once its first message arrived. */
  lingerMs: number;
  /**
   * A batch ends once its messages reach this many bytes (by `sizeOf`), so a run of large records
   * cannot make a batch of `maxMessages` outgrow the process's memory. It may pass the bound by one
   * message.
   */
  maxBytes?: number;
  sizeOf?: (message: T) => number;
}

/**
 * Pulls batches of at most `maxMessages` from an object stream in paused mode. Nothing is read while
 * the caller works on a batch, so the stream's buffer fills to its high-water mark and the Kafka
 * stream stops fetching: memory stays bounded whatever the caller's speed.
 */
export class BatchReader<T> {
  private readonly maxBytes: number;
  private readonly sizeOf: (message: T) => number;
  private failure: Error | null = null;
  private ended = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly stream: Readable,
    private readonly options: BatchReaderOptions<T>,
  ) {
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.sizeOf = options.sizeOf ?? (() => 0);
    const notify = () => this.notify();
    stream.on('readable', notify);
    stream.on('end', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('close', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('error', (error: Error) => {
      this.failure = error;
      this.notify();
    });
  }

  /** Ends waiting: the next (or current) call returns what it has, possibly nothing. */
  stop(): void {
    this.stopped = true;
    this.notify();
  }

  get done(): boolean {
    return this.ended || this.stopped;
  }

  /** The next batch; empty only when stopped or the stream ended. Throws the stream's error. */
  async next(): Promise<T[]> {
    const batch: T[] = [];
    let bytes = 0;
    let deadline: number | null = null;
    const full = () => batch.length >= this.options.maxMessages || bytes >= this.maxBytes;
    for (;;) {
      if (this.failure) throw this.failure;
      while (!full()) {
        const message = this.stream.read() as T | null;
        if (message === null) break;
        batch.push(message);
        bytes += this.sizeOf(message);
      }
      if (full() || this.done) return batch;
      if (batch.length > 0) deadline ??= Date.now() + this.options.lingerMs;
      const wait = deadline === null ? 1000 : deadline - Date.now();
      if (wait <= 0) return batch;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private notify(): void {
    this.wake?.();
  }
}
