import { HitTable } from './hit-table';
import { JsonScanner, type JsonSpan } from './json-scan';

/** The parts of a search response a walk needs; the hits stay bytes. */
export interface RawSearchPage {
  hits: HitTable;
  pitId: string | undefined;
  failedShards: number;
  /** Size of the response body, to size later pages by bytes. */
  bytes: number;
}

const NONE: JsonSpan = { start: 0, end: 0, compact: true };

function readHit(scanner: JsonScanner, hits: HitTable): void {
  let source = NONE;
  let sort = NONE;
  scanner.object((key) => {
    if (key === '_source') source = scanner.skip();
    else if (key === 'sort') sort = scanner.skip();
    else scanner.skip();
  });
  hits.add(source, sort);
}

/** Cuts a search response body into hits, reading `pit_id` and `_shards.failed` on the way. */
export function readSearchResponse(body: Buffer, expectedHits?: number): RawSearchPage {
  const scanner = new JsonScanner(body);
  const page: RawSearchPage = {
    hits: new HitTable(body, expectedHits),
    pitId: undefined,
    failedShards: 0,
    bytes: body.length,
  };
  scanner.object((key) => {
    if (key === 'pit_id') page.pitId = scanner.string();
    else if (key === '_shards') {
      scanner.object((field) => {
        if (field === 'failed') page.failedShards = Number(scanner.value());
        else scanner.skip();
      });
    } else if (key === 'hits') {
      scanner.object((field) => {
        if (field === 'hits') scanner.array(() => readHit(scanner, page.hits));
        else scanner.skip();
      });
    } else scanner.skip();
  });
  return page;
}
