import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { encodeFrame, type Frame } from './frame';

export interface WrittenSegment {
  /** Path relative to the archive's root. */
  segment: string;
  rows: number;
  /** Compressed bytes on disk. */
  bytes: number;
  /** Uncompressed bytes of the records as received (their values, without frame headers). */
  rawBytes: number;
  /** Whether the rename replaced a segment of the same name (an archived batch read again). */
  replaced: boolean;
}

let sequence = 0;

/**
 * Writes one gzip segment as frames come in, with backpressure (a write waits while the compressor
 * is behind), into a temporary file beside the segment. `commit` flushes, fsyncs, renames it into
 * place and fsyncs the directory, so a segment either exists whole or not at all; a crash leaves at
 * most a temporary file no reader looks at.
 */
export class SegmentWriter {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly temp: string;
  private readonly target: string;
  private rows = 0;
  private rawBytes = 0;
  private failure: Error | null = null;
  private readonly flushed: Promise<void>;

  private constructor(
    private readonly root: string,
    private readonly segment: string,
  ) {
    this.target = join(root, segment);
    sequence += 1;
    this.temp = join(dirname(this.target), `.${process.pid}-${sequence}.tmp`);
    this.gzip = createGzip({ level: 6 });
    this.file = createWriteStream(this.temp, { flags: 'wx' });
    // A failing file destroys the compressor too, so a write waiting for it to drain fails instead of hanging.
    this.flushed = pipeline(this.gzip, this.file);
    this.flushed.catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  static async open(root: string, segment: string): Promise<SegmentWriter> {
    await mkdir(dirname(join(root, segment)), { recursive: true });
    return new SegmentWriter(root, segment);
  }

  get count(): number {
    return this.rows;
  }

  /** Appends a frame; returns a promise only when the caller has to wait for the compressor. */
  write(frame: Frame): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    this.rows += 1;
    this.rawBytes += frame.value.length;
    if (this.gzip.write(encodeFrame(frame))) return undefined;
    return once(this.gzip, 'drain').then(() => undefined);
  }

  /** Makes the segment durable under its name. */
  async commit(): Promise<WrittenSegment> {
    this.gzip.end();
    await this.flushed;
    const handle = await open(this.temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const replaced = await access(this.target).then(
      () => true,
      () => false,
    );
    await rename(this.temp, this.target);
    // The rename itself is durable only once the directory is.
    const directory = await open(dirname(this.target), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    const { size } = await stat(this.target);
    return { segment: this.segment, rows: this.rows, bytes: size, rawBytes: this.rawBytes, replaced };
  }

  /** Drops what was written: the temporary file goes, no segment appears. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    this.file.destroy();
    await rm(this.temp, { force: true });
  }

  /** For error messages. */
  get path(): string {
    return join(this.root, this.segment);
  }
}
