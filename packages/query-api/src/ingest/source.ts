import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { authlogsOf } from './duo';

/** One input record: the raw text of an NDJSON line, or a value already parsed (API responses, generator). */
export type SourceItem =
  { line: number; text: string; value?: undefined } | { line: number; text?: undefined; value: unknown };

/** Pretty-printed API responses are read whole; this bounds how much a single document may hold. */
const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/** Splits a byte stream into lines without holding more than one chunk and one partial line. */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

function* expandDocument(value: unknown, line: number): Generator<SourceItem> {
  const records = authlogsOf(value) ?? (Array.isArray(value) ? value : null);
  if (records) {
    // Records of one document are numbered by position: the document has no line per record.
    for (let i = 0; i < records.length; i++) yield { line: i + 1, value: records[i] };
  } else {
    yield { line, value };
  }
}

function looksLikeDocumentStart(line: string): boolean {
  // Pretty-printers (jq, json.dump with indent) open a document on a line of its own.
  const t = line.trim();
  return t === '{' || t === '[';
}

/**
 * Input records from NDJSON (canonical or Duo v2 lines, blank lines skipped), a saved Duo API
 * response (`{"response":{"authlogs":[…]}}`, `{"authlogs":[…]}`, pretty-printed or not) or a JSON array.
 * Line numbers are 1-based positions in the file.
 */
export async function* readSource(stream: Readable): AsyncGenerator<SourceItem> {
  const lines = readLines(stream);
  let lineNo = 0;
  const first = await lines.next();
  if (first.done) return;
  lineNo = 1;
  if (looksLikeDocumentStart(first.value)) {
    // A multi-line JSON document: read it whole (responses are pages of at most a few MB).
    const parts = [first.value];
    let size = first.value.length;
    for await (const line of lines) {
      parts.push(line);
      size += line.length + 1;
      if (size > MAX_DOCUMENT_BYTES)
        throw new Error('the input JSON document is larger than 512 MB: use NDJSON');
    }
    let document: unknown;
    try {
      document = JSON.parse(parts.join('\n'));
    } catch {
      // Not one document after all: treat it as NDJSON so each bad line is reported on its own.
      for (let i = 0; i < parts.length; i++)
        if (parts[i]!.trim() !== '') yield { line: i + 1, text: parts[i]! };
      return;
    }
    yield* expandDocument(document, 1);
    return;
  }
  if (first.value.trim() !== '') yield* lineItem(first.value, lineNo);
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() !== '') yield* lineItem(line, lineNo);
  }
}

/** A line holding a whole API response is expanded into its records; any other line passes as text. */
function* lineItem(text: string, line: number): Generator<SourceItem> {
  if (text.includes('"authlogs"')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, text };
      return;
    }
    if (authlogsOf(value)) {
      yield* expandDocument(value, line);
      return;
    }
  }
  yield { line, text };
}

export function openSource(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
}
