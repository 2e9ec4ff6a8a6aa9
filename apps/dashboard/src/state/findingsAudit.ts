/**
 * The findings audit page's narrowing, kept in the URL beside the page-wide state: one finding's
 * history (`finding=`), the changes to findings about a user (`user=`), the changes one token made
 * (`changedBy=`, the token's name). Values are checked as the API checks them.
 */
export interface FindingsAuditFilter {
  finding?: string;
  user?: string;
  changedBy?: string;
}

export const FINDINGS_AUDIT_PARAMS = ['finding', 'user', 'changedBy'] as const;

const FINDING_ID = /^[0-9a-f]{32}$/;
/** As the API's audit parameters allow. */
export const MAX_AUDIT_NAME_LENGTH = 256;

/** Why a value cannot narrow the audit, in words, or undefined when it can. */
export function auditFilterProblem(name: keyof FindingsAuditFilter, value: string): string | undefined {
  if (name === 'finding') return FINDING_ID.test(value) ? undefined : 'not a finding id';
  if (!value.trim()) return 'empty';
  if (value.length > MAX_AUDIT_NAME_LENGTH) return `longer than ${MAX_AUDIT_NAME_LENGTH} characters`;
  return undefined;
}

/** Reads the page's parameters; an unusable one is dropped and said, as urlState does for the rest. */
export function decodeAuditFilter(params: URLSearchParams, issues: string[]): FindingsAuditFilter {
  const filter: FindingsAuditFilter = {};
  for (const name of FINDINGS_AUDIT_PARAMS) {
    const value = params.get(name);
    if (value === null) continue;
    const problem = auditFilterProblem(name, value);
    if (problem) issues.push(`Ignored ${name}=${value.slice(0, 60)}: ${problem}.`);
    else filter[name] = name === 'finding' ? value : value.trim();
  }
  return filter;
}

export function appendAuditFilter(params: URLSearchParams, filter: FindingsAuditFilter | undefined): void {
  for (const name of FINDINGS_AUDIT_PARAMS) {
    const value = filter?.[name];
    if (value) params.set(name, value);
  }
}
