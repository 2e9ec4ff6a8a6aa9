const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Where a value lies in the scanned bytes; `compact` when it has no whitespace outside its strings. */
export interface JsonSpan {
  start: number;
  end: number;
  compact: boolean;
}

/**
 * A forward-only reader over the bytes of one JSON document (Elasticsearch's own output). It decodes
 * only what it is asked for (keys, small values) and steps over the rest byte by byte, so a search
 * response can be cut into hits without building an object for every field of every record. It
 * trusts the document to be well-formed but never reads past `end`.
 */
export class JsonScanner {
  pos: number;

  constructor(
    readonly bytes: Buffer,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  /** The next byte that is not whitespace, left unconsumed. */
  peek(): number {
    while (this.pos < this.end && isSpace(this.bytes[this.pos]!)) this.pos++;
    if (this.pos >= this.end) throw new Error('truncated JSON from Elasticsearch');
    return this.bytes[this.pos]!;
  }

  /**
   * Reads an object, calling `member` with each key while the cursor is on its value; `member`
   * consumes the value (skip() when it is of no interest). Returning true stops early, leaving the
   * rest of the object unread.
   */
  object(member: (key: string) => boolean | void): void {
    this.#consume(OPEN_OBJECT);
    if (this.peek() === CLOSE_OBJECT) {
      this.pos++;
      return;
    }
    for (;;) {
      const key = this.string();
      this.#consume(COLON);
      if (member(key) === true) return;
      if (this.#endOf(CLOSE_OBJECT)) return;
    }
  }

  /** Reads an array, calling `item` while the cursor is on each element; `item` consumes it. */
  array(item: () => void): void {
    this.#consume(OPEN_ARRAY);
    if (this.peek() === CLOSE_ARRAY) {
      this.pos++;
      return;
    }
    do item();
    while (!this.#endOf(CLOSE_ARRAY));
  }

  /** Reads a string value. */
  string(): string {
    if (this.peek() !== QUOTE) throw new Error(`expected a JSON string at byte ${this.pos}`);
    const start = this.pos;
    const close = this.#closingQuote(start);
    this.pos = close + 1;
    // Keys and identifiers rarely hold escapes; JSON.parse decodes the ones that do.
    for (let i = start + 1; i < close; i++) {
      if (this.bytes[i] === BACKSLASH)
        return JSON.parse(this.bytes.toString('utf8', start, close + 1)) as string;
    }
    return this.bytes.toString('utf8', start + 1, close);
  }

  /** Parses a (small) value: a number, a sort array, an error body. */
  value(): unknown {
    const { start, end } = this.skip();
    return JSON.parse(this.bytes.toString('utf8', start, end));
  }

  /** Steps over any value without decoding it. */
  skip(): JsonSpan {
    const first = this.peek();
    const start = this.pos;
    const { bytes, end } = this;
    if (first === QUOTE) {
      this.pos = this.#closingQuote(start) + 1;
      return { start, end: this.pos, compact: true };
    }
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      // A number, true, false or null: ends at the next delimiter.
      let i = start;
      while (i < end) {
        const byte = bytes[i]!;
        if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
        i++;
      }
      this.pos = i;
      return { start, end: i, compact: true };
    }
    let depth = 0;
    let compact = true;
    let i = start;
    for (;;) {
      if (i >= end) throw new Error('truncated JSON from Elasticsearch');
      const byte = bytes[i]!;
      if (byte === QUOTE) {
        i = this.#closingQuote(i) + 1;
        continue;
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (--depth === 0) break;
      } else if (isSpace(byte)) compact = false;
      i++;
    }
    this.pos = i + 1;
    return { start, end: this.pos, compact };
  }

  #consume(byte: number): void {
    if (this.peek() !== byte) {
      throw new Error(
        `expected '${String.fromCharCode(byte)}' at byte ${this.pos} of JSON from Elasticsearch`,
      );
    }
    this.pos++;
  }

  /** After a member or element: true at the container's end (consumed), false before the next one. */
  #endOf(close: number): boolean {
    const byte = this.peek();
    this.pos++;
    if (byte === COMMA) return false;
    if (byte === close) return true;
    throw new Error(
      `unexpected '${String.fromCharCode(byte)}' at byte ${this.pos - 1} of JSON from Elasticsearch`,
    );
  }

  /** The index of the quote that closes the string opening at `open`. */
  #closingQuote(open: number): number {
    const { bytes, end } = this;
    let i = open + 1;
    for (;;) {
      i = bytes.indexOf(QUOTE, i);
      if (i === -1 || i >= end) throw new Error('truncated JSON from Elasticsearch');
      let backslashes = 0;
      while (bytes[i - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return i;
      i++;
    }
  }
}

/** A top-level string member of the object in bytes[start, end); undefined when absent or not a string. */
export function topLevelString(bytes: Buffer, start: number, end: number, name: string): string | undefined {
  const scanner = new JsonScanner(bytes, start, end);
  let found: string | undefined;
  scanner.object((key) => {
    if (key !== name) {
      scanner.skip();
      return false;
    }
    if (scanner.peek() === QUOTE) found = scanner.string();
    return true;
  });
  return found;
}
