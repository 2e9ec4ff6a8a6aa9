/** A fresh buffer's size: the whole of a typical page after a doubling or two. */
const INITIAL_BYTES = 1024 * 1024;

/**
 * Buffers that search responses are read into, reused from page to page. A walk has two pages alive
 * at once (the one being written and the one fetched ahead), so it needs two buffers whatever the
 * row count, and allocating a fresh one per page would leave each to the garbage collector: a
 * page's bytes outlive young-generation collections, and V8 lets dead buffers pile up to tens of
 * megabytes before it collects the old generation.
 */
export class ResponseBuffers {
  readonly #free: Buffer[] = [];
  /** Only buffers allocated here go back to the pool (never a slice of Node's shared pool, say). */
  readonly #own = new WeakSet<ArrayBufferLike>();

  constructor(private readonly keep = 2) {}

  #allocate(size: number): Buffer {
    const buffer = Buffer.allocUnsafeSlow(size);
    this.#own.add(buffer.buffer);
    return buffer;
  }

  /** Reads a whole body into a pooled buffer (grown when too small); the result is a view of it. */
  async read(body: AsyncIterable<Buffer>): Promise<Buffer> {
    let buffer = this.#free.pop() ?? this.#allocate(INITIAL_BYTES);
    let length = 0;
    for await (const chunk of body) {
      if (length + chunk.length > buffer.length) {
        const grown = this.#allocate(Math.max(buffer.length * 2, length + chunk.length));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      chunk.copy(buffer, length);
      length += chunk.length;
    }
    return buffer.subarray(0, length);
  }

  /** Hands a buffer back once nothing reads from it any more; the next read may overwrite it. */
  release(view: Buffer): void {
    if (this.#free.length >= this.keep || !this.#own.has(view.buffer)) return;
    if (this.#free.some((free) => free.buffer === view.buffer)) return;
    this.#free.push(Buffer.from(view.buffer));
  }
}
