import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** One unusable input record, as written to the reject file. */
export interface Reject {
  line: number;
  reason: string;
  detail: string;
  raw: string;
}

/** Where rejected records go; the file is created on the first reject, so clean runs leave none. */
export class RejectFile {
  private out: WriteStream | null = null;
  count = 0;

  constructor(readonly path: string) {}

  async write(reject: Reject): Promise<void> {
    this.count += 1;
    this.out ??= createWriteStream(this.path);
    if (!this.out.write(`${JSON.stringify(reject)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    this.out.end();
    await finished(this.out);
  }
}

/** The default reject file for an input: `<input>.rejects.ndjson`, or in the working directory for stdin. */
export function defaultRejectPath(input: string | null): string {
  return input && input !== '-' ? `${input}.rejects.ndjson` : 'sightline-ingest.rejects.ndjson';
}
