/** What one ingest did, printed at the end (and as JSON with --json). */
export interface IngestSummary {
  read: number;
  /** Records Elasticsearch acknowledged: stored, repeats and conflicting copies. */
  indexed: number;
  /** Records whose txid was stored already with the same content. */
  duplicates: number;
  /** Records whose txid was stored already with other content: kept aside in sightline-conflicts. */
  conflicts: number;
  flagged: number;
  rejected: number;
  rejectsFile: string | null;
  seconds: number;
  docsPerSecond: number;
  requests: number;
  retries: number;
  /** Event-time range of the records stored (ISO 8601), absent when none was. */
  eventFrom?: string;
  eventTo?: string;
  /** Ingestion-time range stamped on them. */
  ingestedFrom?: string;
  ingestedTo?: string;
}

export function formatSummary(s: IngestSummary): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const lines = [
    `read      ${n(s.read)}`,
    `indexed   ${n(s.indexed)}` +
      (s.duplicates + s.conflicts > 0
        ? `  (${n(s.duplicates)} already stored, ${n(s.conflicts)} conflicting copies kept aside)`
        : ''),
    `flagged   ${n(s.flagged)}  (kept, with quality flags)`,
    `rejected  ${n(s.rejected)}${s.rejectsFile && s.rejected > 0 ? `  → ${s.rejectsFile}` : ''}`,
    `time      ${s.seconds.toFixed(1)} s, ${n(Math.round(s.docsPerSecond))} docs/s` +
      (s.retries > 0 ? `, ${n(s.retries)} retries` : ''),
  ];
  return `${lines.join('\n')}\n`;
}
