import { describe, expect, it } from 'vitest';
import { archivePlan } from './archive-plan';

const T = 'sightline.authlog';
const entry = (stream: string, segment: string, from: string, to: string, at: string) => ({
  stream,
  segment,
  from,
  to,
  ingested_from: at,
});

describe('archivePlan', () => {
  it('reads each segment once, in arrival order, files and this topic alike; never another topic', () => {
    const plan = archivePlan(
      T,
      [],
      [
        entry(
          `archive/${T}/1`,
          `2026-11-02/${T}/p1-00000000000000000050.gz`,
          '50',
          '99',
          '2026-11-02T00:00:00Z',
        ),
        entry(
          'archive/exports/a.ndjson',
          '2026-11-01/@files/exports_a.ndjson.x.gz',
          '1',
          '10',
          '2026-11-01T12:00:00Z',
        ),
        entry(
          `archive/${T}/0`,
          `2026-11-01/${T}/p0-00000000000000000000.gz`,
          '0',
          '49',
          '2026-11-01T00:00:00Z',
        ),
        // Listed twice (a rewritten segment whose older entry is not yet gone): read once.
        entry(
          `archive/${T}/0`,
          `2026-11-01/${T}/p0-00000000000000000000.gz`,
          '0',
          '40',
          '2026-11-01T00:00:00Z',
        ),
        entry(
          'archive/other.topic/0',
          '2026-11-01/other.topic/p0-00000000000000000000.gz',
          '0',
          '9',
          '2026-11-01T00:00:00Z',
        ),
      ],
      new Map(),
      ['exports/a.ndjson'],
    );
    expect(plan.segments).toEqual([
      { segment: `2026-11-01/${T}/p0-00000000000000000000.gz`, topic: T, partition: 0 },
      { segment: '2026-11-01/@files/exports_a.ndjson.x.gz' },
      { segment: `2026-11-02/${T}/p1-00000000000000000050.gz`, topic: T, partition: 1 },
    ]);
    expect(plan.unarchivedFiles).toEqual([]);
  });

  it("falls back to the firehose only outside each partition's archive", () => {
    const plan = archivePlan(
      T,
      [
        { partition: 0, from: 0n, to: 99n },
        { partition: 1, from: 10n, to: 20n },
        { partition: 2, from: 5n, to: 9n },
      ],
      [],
      new Map([
        [0, { from: 40n, to: 59n }],
        [1, { from: 0n, to: 500n }],
      ]),
      [],
    );
    expect(plan.ranges).toEqual([
      { partition: 0, from: 0n, to: 39n },
      { partition: 0, from: 60n, to: 99n },
      { partition: 2, from: 5n, to: 9n },
    ]);
  });

  it('names the file loads of the period that have no archive', () => {
    const plan = archivePlan(
      T,
      [],
      [entry('archive/b.ndjson', '2026-11-01/@files/b.ndjson.x.gz', '1', '3', '2026-11-01T00:00:00Z')],
      new Map(),
      ['a.ndjson', 'b.ndjson', 'a.ndjson'],
    );
    expect(plan.unarchivedFiles).toEqual(['a.ndjson']);
  });
});
