import { topLevelString } from './json-scan';
import type { RecordSource } from './records';
import { StoredSource } from './stored-source';

const EMPTY_RECORD = Buffer.from('{}');
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The hits of one search response, as offsets into its bytes: where each `_source` and each `sort`
 * lies, and whether the source is compact. Typed arrays instead of an object per hit keep a page
 * from leaving thousands of objects in the young generation for the garbage collector to promote.
 */
export class HitTable implements RecordSource {
  length = 0;
  #sourceStart: Uint32Array;
  #sourceEnd: Uint32Array;
  #compact: Uint8Array;
  #sortStart: Uint32Array;
  #sortEnd: Uint32Array;

  constructor(
    readonly bytes: Buffer,
    expected = 16,
  ) {
    const capacity = Math.max(1, expected);
    this.#sourceStart = new Uint32Array(capacity);
    this.#sourceEnd = new Uint32Array(capacity);
    this.#compact = new Uint8Array(capacity);
    this.#sortStart = new Uint32Array(capacity);
    this.#sortEnd = new Uint32Array(capacity);
  }

  /** Adds a hit; a span of [0, 0) means the hit had no `_source` (or no `sort`). */
  add(source: { start: number; end: number; compact: boolean }, sort: { start: number; end: number }): void {
    if (this.length === this.#sourceStart.length) this.#grow();
    const i = this.length++;
    this.#sourceStart[i] = source.start;
    this.#sourceEnd[i] = source.end;
    this.#compact[i] = source.compact ? 1 : 0;
    this.#sortStart[i] = sort.start;
    this.#sortEnd[i] = sort.end;
  }

  #grow(): void {
    const grow = <T extends Uint32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    const size = this.#sourceStart.length * 2;
    this.#sourceStart = grow(this.#sourceStart, new Uint32Array(size));
    this.#sourceEnd = grow(this.#sourceEnd, new Uint32Array(size));
    this.#compact = grow(this.#compact, new Uint8Array(size));
    this.#sortStart = grow(this.#sortStart, new Uint32Array(size));
    this.#sortEnd = grow(this.#sortEnd, new Uint32Array(size));
  }

  #source(i: number): Buffer {
    const end = this.#sourceEnd[i]!;
    return end === 0 ? EMPTY_RECORD : this.bytes.subarray(this.#sourceStart[i]!, end);
  }

  json(i: number): Buffer | undefined {
    return this.#compact[i] === 1 || this.#sourceEnd[i] === 0 ? this.#source(i) : undefined;
  }

  value(i: number): unknown {
    const end = this.#sourceEnd[i]!;
    return end === 0 ? {} : JSON.parse(this.bytes.toString('utf8', this.#sourceStart[i]!, end));
  }

  /** Hit i's record with bytes of its own, to keep after this response's buffer is reused. */
  detach(i: number): StoredSource {
    return new StoredSource(Buffer.from(this.#source(i)), this.json(i) !== undefined);
  }

  /** A top-level string field of hit i's record, decoded without the rest of it. */
  stringField(i: number, name: string): string | undefined {
    if (this.#sourceEnd[i] === 0) return undefined;
    return topLevelString(this.bytes, this.#sourceStart[i]!, this.#sourceEnd[i]!, name);
  }

  /** Hit i's sort values, as Elasticsearch gave them; undefined when it gave none. */
  sortValues(i: number): unknown[] | undefined {
    const end = this.#sortEnd[i]!;
    if (end === 0) return undefined;
    const values: unknown = JSON.parse(this.bytes.toString('utf8', this.#sortStart[i]!, end));
    return Array.isArray(values) ? values : undefined;
  }

  /**
   * Hit i's first sort value when it is an integer (an event time in milliseconds), read from the
   * bytes without allocating; anything else (or nothing) gives undefined.
   */
  firstInteger(i: number): number | undefined {
    const end = this.#sortEnd[i]!;
    if (end === 0) return undefined;
    const { bytes } = this;
    let p = this.#sortStart[i]! + 1;
    const negative = bytes[p] === MINUS;
    if (negative) p++;
    let value = 0;
    let digits = 0;
    for (; p < end; p++, digits++) {
      const byte = bytes[p]!;
      if (byte < ZERO || byte > NINE) break;
      value = value * 10 + (byte - ZERO);
    }
    const next = bytes[p];
    if (digits === 0 || digits > 15 || (next !== 0x2c && next !== 0x5d)) return undefined;
    return negative ? -value : value;
  }
}
