import type { ReportDefinition } from '@sightline/schema/reports';

/** The definition as pretty JSON, ready for the API (`POST /api/reports/run`) or a file. */
export function definitionJson(definition: ReportDefinition): string {
  return JSON.stringify(definition, null, 2);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JavaScript object literal: unquoted keys where they are identifiers, single-quoted strings. */
function literal(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string'
      ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
      : JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => literal(v, inner));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 60 && !flat.includes('\n')
      ? flat
      : `[\n${items.map((i) => inner + i).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : `'${k}'`}: ${literal(v, inner)}`);
  return `{\n${lines.join(',\n')},\n${indent}}`;
}

/** A `<Report>` element a front-end team can paste into their app, with the import it needs. */
export function reportSnippet(definition: ReportDefinition, title: string): string {
  const props = literal(definition, '  ');
  return [
    "import { Report } from '@sightline/charts/connected';",
    '',
    '<Report',
    `  title=${JSON.stringify(title)}`,
    `  definition={${props}}`,
    '/>',
  ].join('\n');
}
