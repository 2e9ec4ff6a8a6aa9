import type { ReportDefinition } from '@sightline/schema/reports';
import { useState } from 'react';
import { useSession } from '../auth/SessionContext';
import { useClient } from '../api/ApiProvider';
import { describeError, isAuthError } from '../api/errors';
import { fileNameOf, saveResponse } from './download';

type Format = 'csv' | 'ndjson';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; format: Format; bytes: number }
  | { kind: 'done'; name: string }
  | { kind: 'failed'; message: string };

const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const size = (bytes: number) =>
  bytes < 1e6 ? `${sizeFormat.format(bytes / 1e3)} kB` : `${sizeFormat.format(bytes / 1e6)} MB`;

/**
 * CSV and NDJSON of exactly the rows the log shows: the same definition (time, filters, order)
 * goes to POST /api/logs/export, which streams every row, however many.
 */
export function ExportButtons({
  definition,
  total,
}: {
  definition: ReportDefinition;
  total: number | undefined;
}) {
  const { signOut } = useSession();
  const client = useClient();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const run = async (format: Format) => {
    setStatus({ kind: 'running', format, bytes: 0 });
    try {
      // The session's client names the customer an admin reads, and parses a refusal as every call does.
      const response = await client.exportLogs(definition, { format });
      const name = fileNameOf(response, `sightline-log.${format}`);
      const saved = await saveResponse(response, name, (bytes) =>
        setStatus({ kind: 'running', format, bytes }),
      );
      setStatus(saved ? { kind: 'done', name } : { kind: 'idle' });
    } catch (error) {
      if (isAuthError(error))
        return signOut('Your session has ended: the token expired or was revoked. Sign in again.');
      const { title, message } = describeError(error);
      setStatus({ kind: 'failed', message: `${title}. ${message}` });
    }
  };

  const running = status.kind === 'running';
  const nothing = total === 0;
  return (
    <div className="sl-export" role="group" aria-label="Export the filtered log">
      {(['csv', 'ndjson'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="sl-button sl-button--quiet"
          disabled={running || nothing}
          title={nothing ? 'No rows match the filters' : undefined}
          onClick={() => void run(format)}
        >
          Export {format === 'csv' ? 'CSV' : 'NDJSON'}
        </button>
      ))}
      <span role="status" aria-live="polite" className="sl-export__status">
        {status.kind === 'running' && `Exporting ${status.format.toUpperCase()}… ${size(status.bytes)}`}
        {status.kind === 'done' && `Saved ${status.name}`}
        {status.kind === 'failed' && <span className="sl-export__error">{status.message}</span>}
      </span>
    </div>
  );
}
