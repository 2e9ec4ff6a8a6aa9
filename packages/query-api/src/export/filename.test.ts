import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFilename, safeSegment } from './filename';

describe('export filename', () => {
  it('names the customer and the UTC range', () => {
    const name = exportFilename(
      'acme',
      new Date('2024-05-01T00:00:00Z'),
      new Date('2024-05-08T12:30:15.250Z'),
      'csv',
    );
    expect(name).toBe('sightline-acme-20240501T000000Z_20240508T123015Z.csv');
    expect(contentDisposition(name)).toBe(`attachment; filename="${name}"`);
  });

  it('keeps only characters every filesystem accepts', () => {
    expect(safeSegment('../etc/pass wd:"x"')).toBe('etc-pass-wd-x-');
    expect(safeSegment('..')).toBe('unknown');
    expect(exportFilename('a/b', new Date(0), new Date(0), 'ndjson')).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});
