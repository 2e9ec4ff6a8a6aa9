import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportOptionsOf } from './download';
import { readSidecar, removeSidecar, sidecarPath, writeSidecar, type ResumeState } from './sidecar';

const state: ResumeState = {
  version: 1,
  asked: '{"format":"csv"}',
  spec: {
    url: 'http://127.0.0.1:8787',
    format: 'csv',
    columns: ['ts', 'user.name'],
    bom: true,
    escapeFormulae: false,
    customer: 'acme',
    timeRange: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' },
  },
  rows: 1500,
  bytes: 123456,
  after: 'abc',
  estimatedRows: 9000,
};

describe('resume file', () => {
  it('round-trips, replaces atomically and is removed when done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidecar-'));
    const path = sidecarPath(join(dir, 'out.csv'));
    expect(path.endsWith('out.csv.sightline-resume.json')).toBe(true);
    expect(await readSidecar(path)).toBeNull();
    await writeSidecar(path, state);
    await writeSidecar(path, { ...state, rows: 2000 });
    expect(await readSidecar(path)).toEqual({ ...state, rows: 2000 });
    expect(readdirSync(dir)).toEqual(['out.csv.sightline-resume.json']);
    await removeSidecar(path);
    expect(await readSidecar(path)).toBeNull();
  });

  it('refuses a file that is not a resume file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidecar-'));
    const path = join(dir, 'x.json');
    writeFileSync(path, '{"rows": 5}');
    await expect(readSidecar(path)).rejects.toThrow(/not a Sightline resume file/);
  });

  it('asks the API for the framed export, continuing after the cursor', () => {
    expect(exportOptionsOf(state.spec, 'cur')).toEqual({
      format: 'csv',
      frames: true,
      columns: ['ts', 'user.name'],
      bom: true,
      escapeFormulae: false,
      after: 'cur',
    });
    expect(exportOptionsOf({ ...state.spec, bom: false, escapeFormulae: true }, null)).toEqual({
      format: 'csv',
      frames: true,
      columns: ['ts', 'user.name'],
    });
  });
});
