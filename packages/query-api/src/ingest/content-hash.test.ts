import { describe, expect, it } from 'vitest';
import { generateRecords } from '../generate/records';
import { normalise } from './normalise';

const [base] = Array.from(generateRecords({ seed: 'hash', count: 1, end: new Date('2026-11-20T00:00:00Z') }));
type Input = Record<string, unknown>;

function hashOf(input: unknown, ingestedAt = '2026-11-20T12:00:00.000Z'): string {
  const result = normalise(input, { ingestedAt });
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.record.content_hash!;
}
const copy = (patch: (r: Input) => void = () => undefined): Input => {
  const input = structuredClone(base) as unknown as Input;
  patch(input);
  return input;
};

describe('content hash', () => {
  const reference = hashOf(copy());

  it('is the same for the same content re-sent later, with its keys in another order', () => {
    const reordered = Object.fromEntries(Object.entries(copy()).reverse());
    expect(hashOf(reordered, '2026-11-25T08:00:00.000Z')).toBe(reference);
  });

  it('leaves out what the pipeline stamps or derives: ingest time, quality flags, a stored hash', () => {
    const stamped = copy((r) => {
      r.ingested_at = '2020-01-01T00:00:00.000Z';
      r.quality = ['ts_in_future'];
      r.content_hash = 'something else';
    });
    expect(hashOf(stamped)).toBe(reference);
  });

  it('reads the event time as an instant: epoch milliseconds and ISO text are one time', () => {
    expect(hashOf(copy((r) => (r.ts = Date.parse(base!.ts))))).toBe(reference);
  });

  it('treats an absent field and a null one alike, so a field added to the schema changes no hash', () => {
    expect(hashOf(copy((r) => (r.alias = null)))).toBe(hashOf(copy((r) => delete r.alias)));
  });

  it('differs when one value the source gave differs, the event time included', () => {
    expect(hashOf(copy((r) => (r.result = r.result === 'success' ? 'denied' : 'success')))).not.toBe(
      reference,
    );
    expect(hashOf(copy((r) => ((r.user as Input).name = 'mallory')))).not.toBe(reference);
    expect(hashOf(copy((r) => (r.ts = '2026-11-19T00:00:00.001Z')))).not.toBe(reference);
  });
});
