import { describe, expect, it } from 'vitest';
import { changesOf, MERGE_GAP_MS } from './summarise';

const T = Date.parse('2026-12-05T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const load = (from: number, to: number) => ({
  '@timestamp': iso(to + 100),
  loader: 'sink' as const,
  ingested_from: iso(from),
  ingested_to: iso(to),
  event_from: iso(from - 5_000),
  event_to: iso(to),
});

describe('changesOf', () => {
  it('searches loads that follow one another as one span of ingestion stamps', () => {
    const loads = Array.from({ length: 100 }, (_, i) => load(T + i * 1_000, T + i * 1_000 + 800));
    expect(changesOf(loads)).toEqual([{ ingested: { from: T, to: T + 99_800 } }]);
  });

  it('keeps a load stamped long ago apart from today’s, rather than one span of everything between', () => {
    const old = load(Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-11-01T00:10:00Z'));
    const changes = changesOf([load(T, T + 500), old, load(T + MERGE_GAP_MS, T + MERGE_GAP_MS + 500)]);
    expect(changes).toEqual([
      { ingested: { from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-01T00:10:00Z') } },
      { ingested: { from: T, to: T + MERGE_GAP_MS + 500 } },
    ]);
  });

  it('takes a version switch by the period it replaced', () => {
    const from = Date.parse('2026-10-01T00:00:00Z');
    const to = Date.parse('2026-11-01T00:00:00Z');
    const switched = { '@timestamp': iso(T), loader: 'version', event_from: iso(from), event_to: iso(to) };
    expect(changesOf([switched as never, load(T, T + 500)])).toEqual([
      { ingested: { from: T, to: T + 500 } },
      { events: { from, to } },
    ]);
  });
});
