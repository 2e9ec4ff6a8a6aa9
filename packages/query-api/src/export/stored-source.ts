/** One stored record with bytes of its own: a row kept past its page, whose response buffer is reused. */
export class StoredSource {
  constructor(
    /** The record's JSON as Elasticsearch stored it. */
    readonly json: Buffer,
    /** No whitespace outside strings: the bytes are already one line of compact JSON. */
    readonly compact: boolean,
  ) {}

  /** The record as objects; not kept. */
  value(): unknown {
    return JSON.parse(this.json.toString('utf8'));
  }
}
