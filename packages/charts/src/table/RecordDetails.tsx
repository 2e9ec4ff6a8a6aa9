import { themeVar } from '../theme/palette';
import { EMPTY } from './formatCell';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function Value({ value }: { value: unknown }) {
  if (isObject(value)) return <Fields record={value} />;
  if (Array.isArray(value))
    return (
      <>{value.length ? value.map((v) => (isObject(v) ? JSON.stringify(v) : String(v))).join(', ') : '[]'}</>
    );
  if (value === null || value === undefined) return <span style={{ color: themeVar.muted }}>{EMPTY}</span>;
  return <>{String(value)}</>;
}

function Fields({ record }: { record: Record<string, unknown> }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0 }}>
      {Object.entries(record).map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt style={{ color: themeVar.muted }}>{key}</dt>
          <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The whole record as nested key / value lists: every field, including those without a column. */
export function RecordDetails({ record }: { record: unknown }) {
  return (
    <div style={{ padding: '8px 12px', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}>
      {isObject(record) ? <Fields record={record} /> : <Value value={record} />}
    </div>
  );
}
