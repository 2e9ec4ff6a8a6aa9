import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSegment } from './segment-reader';
import { SegmentWriter } from './segment-writer';

const roots: string[] = [];
const root = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-segment-'));
  roots.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function frames(dir: string, segment: string) {
  const read: string[] = [];
  for await (const f of readSegment(dir, segment)) read.push(`${f.position}:${f.value.toString()}`);
  return read;
}

describe('SegmentWriter', () => {
  it('makes a segment appear whole under its name only at commit, and a rewrite replaces it', async () => {
    const dir = root();
    const segment = '2026-12-05/topic/p0-00000000000000000000.gz';
    const writer = await SegmentWriter.open(dir, segment);
    for (let i = 0; i < 3000; i++) {
      const pending = writer.write({
        position: String(i),
        at: '2026-12-05T00:00:00.000Z',
        value: Buffer.from(`{"n":${i}}`),
      });
      if (pending) await pending;
    }
    expect(readdirSync(join(dir, '2026-12-05/topic')).filter((f) => f.endsWith('.gz'))).toEqual([]);
    const written = await writer.commit();
    expect(written).toMatchObject({ segment, rows: 3000, replaced: false });
    expect(written.bytes).toBeGreaterThan(0);
    expect(await frames(dir, segment)).toHaveLength(3000);

    const again = await SegmentWriter.open(dir, segment);
    await again.write({ position: '0', at: '2026-12-05T00:00:00.000Z', value: Buffer.from('{"n":0}') });
    expect(await again.commit()).toMatchObject({ rows: 1, replaced: true });
    expect(await frames(dir, segment)).toEqual(['0:{"n":0}']);
    expect(readdirSync(join(dir, '2026-12-05/topic'))).toEqual(['p0-00000000000000000000.gz']);
  });

  it('leaves nothing behind when aborted', async () => {
    const dir = root();
    const writer = await SegmentWriter.open(dir, '2026-12-05/@files/a.gz');
    await writer.write({ position: '1', at: '2026-12-05T00:00:00.000Z', value: Buffer.from('{}') });
    await writer.abort();
    expect(readdirSync(join(dir, '2026-12-05/@files'))).toEqual([]);
  });

  it('names a missing segment', async () => {
    const dir = root();
    await expect(frames(dir, '2026-12-05/topic/p1-00000000000000000007.gz')).rejects.toThrow(
      `archive segment ${dir}/2026-12-05/topic/p1-00000000000000000007.gz is missing`,
    );
  });
});
