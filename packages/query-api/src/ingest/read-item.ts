import type { AuthLogRecord } from '@sightline/schema';
import { normalise, type NormaliseContext } from './normalise';
import type { RejectFile } from './rejects';
import type { SourceItem } from './source';

export interface ReadItem {
  record: AuthLogRecord;
  flagged: boolean;
  /**
   * The input as read, for a reject file or the firehose; a function for items that came parsed
   * (generated records), so the hot path never serialises a record it will not need as text.
   */
  raw: string | (() => string);
}

/**
 * Parses and normalises one input item the way every loader does (file ingest, `produce`): an
 * unusable one is written to the reject file with its line number and reason, and `null` returned.
 */
export async function readItem(
  item: SourceItem,
  context: NormaliseContext,
  rejects: RejectFile,
): Promise<ReadItem | null> {
  let value = item.value;
  if (item.text !== undefined) {
    try {
      value = JSON.parse(item.text);
    } catch (error) {
      await rejects.write({
        line: item.line,
        reason: 'not_json',
        detail: error instanceof Error ? error.message : 'not JSON',
        raw: item.text,
      });
      return null;
    }
  }
  const result = normalise(value, context);
  if (!result.ok) {
    const raw = item.text ?? JSON.stringify(value);
    await rejects.write({ line: item.line, reason: result.reason, detail: result.detail, raw });
    return null;
  }
  const parsed = value;
  return { record: result.record, flagged: result.flagged, raw: item.text ?? (() => JSON.stringify(parsed)) };
}
