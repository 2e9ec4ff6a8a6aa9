import { createClient, SightlineApiError, type ReportResult } from '@sightline/client';
import { authLogFields, type FieldName } from '@sightline/schema';
import { builtinReports, MAX_PAGE_SIZE } from '@sightline/schema/reports';

/** The typed client as a browser app uses it: typed results, one error type, the shared limits. */
export async function firstBuiltin(token: string): Promise<{ rows: number } | { error: string }> {
  const client = createClient({ baseUrl: '', token });
  const [first] = builtinReports();
  if (!first) return { error: 'no built-in report' };
  try {
    const result: ReportResult = await client.runBuiltin(first.id, { last: '24h' });
    const logs = await client.logs({ pageSize: MAX_PAGE_SIZE, columns: ['user.name' satisfies FieldName] });
    return { rows: (result.view === 'breakdown' ? result.rows.length : 0) + logs.rows.length };
  } catch (error) {
    if (error instanceof SightlineApiError) return { error: `${error.status} ${error.code}` };
    throw error;
  }
}

export const fieldCount = Object.keys(authLogFields).length;
