import { indexForTimestamp, INDEX_PREFIX, MAPPING_VERSION } from '../store/mapping';

/**
 * How the versions of a period are named. A period is a month of event time, the unit the auth log
 * is stored in (`indexForTimestamp`). Its first version is the live monthly index
 * (`sightline-authlog-v1-2026.11`); a rebuild is `sightline-authlog-v1.r<N>-2026.11`. Rebuilds do not
 * match the template's pattern (`sightline-authlog-v1-*`), so they do not join the read alias when
 * created: they are added to it only by a switch. Every name still ends with its month, which the
 * export's month pruning reads (export/range-indices.ts).
 */
const PERIOD = /^(\d{4})\.(\d{2})$/;
const VERSION = new RegExp(`^${INDEX_PREFIX}-v(\\d+)(?:\\.r(\\d+))?-(\\d{4}\\.\\d{2})$`);

/** The period (`YYYY.MM`) of an instant. */
export function periodOf(ts: string | number | Date): string {
  const d = new Date(ts);
  return `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY.MM` or `YYYY-MM` as the canonical period, or null. */
export function parsePeriod(text: string): string | null {
  const match = PERIOD.exec(text.replace('-', '.'));
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${match[1]}.${match[2]}` : null;
}

/** The event-time range of a period: [from, to). */
export function periodRange(period: string): { from: string; to: string } {
  const [year, month] = period.split('.').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(year, month - 1, 1)).toISOString(),
    to: new Date(Date.UTC(year, month, 1)).toISOString(),
  };
}

/** The periods a range [from, to) covers, in order; both ends must fall on a month's start. */
export function periodsBetween(from: Date, to: Date): string[] {
  const periods: string[] = [];
  for (let d = new Date(from); d < to; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    periods.push(periodOf(d));
  }
  return periods;
}

/** Whether an instant is the first millisecond of a month (UTC). */
export function isMonthStart(d: Date): boolean {
  return d.getTime() === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The first version of a period: the monthly index live writes created. */
export function originalVersion(period: string): string {
  return indexForTimestamp(periodRange(period).from);
}

/** The name of rebuild `revision` of a period. */
export function rebuildVersion(period: string, revision: number): string {
  return `${INDEX_PREFIX}-v${MAPPING_VERSION}.r${revision}-${period}`;
}

export interface VersionName {
  index: string;
  period: string;
  mappingVersion: number;
  /** 0 for the original monthly index. */
  revision: number;
}

/** Reads a version's index name, or null when it is not one. */
export function parseVersion(index: string): VersionName | null {
  const match = VERSION.exec(index);
  if (!match || parsePeriod(match[3]!) === null) return null;
  return {
    index,
    period: match[3]!,
    mappingVersion: Number(match[1]),
    revision: match[2] === undefined ? 0 : Number(match[2]),
  };
}

/** Every version of a period, whatever its revision: for listing what exists. */
export function versionsPattern(period: string): string {
  return `${INDEX_PREFIX}-v*-${period}`;
}

/**
 * The alias live writers (sink, file ingest) write a month through. It points at the version in
 * use, so after a switch new records land in the new version. Its name does not match the
 * template's pattern: a write that ever reached it before it existed would not make a look-alike
 * auth log index behind the read alias.
 */
export function writeAliasOf(period: string): string {
  return `${WRITE_ALIAS_PREFIX}${period}`;
}

const WRITE_ALIAS_PREFIX = `${INDEX_PREFIX}-write-`;

/**
 * The bulk action's target fields for an index name: a write alias is required to exist, so a write
 * through one that is gone (its month deleted under a running writer) is refused by name instead of
 * creating a stray index that no reader sees.
 */
export function targetFields(index: string): string {
  return index.startsWith(WRITE_ALIAS_PREFIX)
    ? `"_index":"${index}","require_alias":true`
    : `"_index":"${index}"`;
}

/** The write alias of the month an instant falls in: what live writers name as the target index. */
export function writeAliasForTimestamp(ts: string | number | Date): string {
  return writeAliasOf(periodOf(ts));
}
