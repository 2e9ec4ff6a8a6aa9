import type { z } from 'zod';

/** One problem with a request: where (dotted path, '' for the whole) and why. */
export interface Issue {
  path: string;
  message: string;
}

/** A definition that is well-formed but cannot be run as asked (too many buckets, a stale cursor…). */
export class ReportDefinitionError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.name = 'ReportDefinitionError';
    this.issues = issues;
  }
}

type Path = readonly PropertyKey[];

/** How clearly a union branch was NOT the one meant: missing its own keys, or carrying others'. */
function mismatch(issues: readonly z.core.$ZodIssue[]): number {
  return issues.filter(
    (i) =>
      (i.code === 'unrecognized_keys' && i.path.length === 0) ||
      (i.code === 'invalid_type' && i.path.length <= 1 && i.input === undefined) ||
      (i.code === 'invalid_type' && i.path.length === 0),
  ).length;
}

function collect(issues: readonly z.core.$ZodIssue[], prefix: Path, out: Issue[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch the caller evidently meant, not every alternative's complaint.
      const best = [...issue.errors].sort((a, b) => mismatch(a) - mismatch(b) || a.length - b.length)[0]!;
      collect(best, path, out);
    } else {
      out.push({ path: path.map(String).join('.'), message: issue.message });
    }
  }
}

/** Zod issues as the API reports them: one entry per problem, unions resolved to the intended branch. */
export function toIssues(error: z.ZodError): Issue[] {
  const out: Issue[] = [];
  collect(error.issues, [], out);
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
