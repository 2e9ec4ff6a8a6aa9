import type { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import type { ExportAuditLog, NewAuditEntry } from './audit';
import { InMemoryExportSlots } from './limits';
import { startExport, type ExportRequest } from './run';

const key = { sign: () => 'sig', verify: () => true } as never;

function setup(es: Partial<Client>) {
  const slots = new InMemoryExportSlots(1, 1);
  const entries: NewAuditEntry[] = [];
  const audit: ExportAuditLog = {
    record: async (entry) => (entries.push(entry), { id: '1', ...entry }),
    list: async () => ({ entries: [], next: null }),
  };
  const request: ExportRequest = {
    customer: 'acme',
    token: 'acme',
    format: 'csv',
    bom: false,
    escapeFormulae: true,
    frames: false,
    definition: { timeRange: { last: '1d', timeZone: 'UTC' } },
    now: new Date('2026-01-01T00:00:00Z'),
  };
  // No monthly index behind the alias: the export pins the alias itself.
  const indices = { getAlias: async () => ({}) };
  const run = () => startExport({ es: { indices, ...es } as Client, slots, audit, cursors: key }, request);
  return { slots, entries, run };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('an export that fails before it streams', () => {
  it('gives its slot back and audits the failure when the count fails', async () => {
    const { slots, entries, run } = setup({
      count: async () => {
        throw new Error('count refused');
      },
    });
    await expect(run()).rejects.toThrow('count refused');
    await settle();
    expect(slots.running('acme')).toBe(0);
    expect(entries.map((e) => [e.outcome, e.error])).toEqual([['failed', 'count refused']]);
  });

  it('gives its slot back when no point in time can be opened', async () => {
    const { slots, run } = setup({
      count: (async () => ({ count: 10 })) as never,
      openPointInTime: async () => {
        throw new Error('no point in time');
      },
    });
    await expect(run()).rejects.toThrow('no point in time');
    await settle();
    expect(slots.running('acme')).toBe(0);
    // The customer can start another export straight away.
    await expect(run()).rejects.toThrow('no point in time');
  });
});
