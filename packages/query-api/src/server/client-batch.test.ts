import { describe, expect, it } from 'vitest';
import { MAX_BATCH_REPORTS, type ReportDefinition } from '@sightline/schema/reports';
import { testApp, TOKENS } from './test-support';
import { createClient, SightlineApiError } from '@sightline/client';

const byResult: ReportDefinition = {
  timeRange: { last: '7d' },
  view: { type: 'breakdown', groupBy: 'result' },
};
const byFactor: ReportDefinition = {
  timeRange: { last: '7d' },
  view: { type: 'breakdown', groupBy: 'factor' },
};
const overTime: ReportDefinition = {
  timeRange: { last: '24h' },
  view: { type: 'timeseries', interval: '1h' },
};

/** A batching client of the real app (with its Elasticsearch stand-in), recording what it was asked. */
function batching(answer?: (path: string, init: RequestInit | undefined) => Response | undefined) {
  const { app } = testApp();
  const asked: { path: string; reports: number; signal: AbortSignal | undefined }[] = [];
  const client = createClient({
    baseUrl: 'http://sightline.test',
    token: TOKENS.acme,
    batchReports: true,
    fetch: (input, init) => {
      const path = new URL(String(input)).pathname;
      const body = JSON.parse(String(init?.body ?? '{}')) as { reports?: unknown[] };
      asked.push({ path, reports: body.reports?.length ?? 1, signal: init?.signal ?? undefined });
      return Promise.resolve(answer?.(path, init) ?? app.request(String(input), init));
    },
  });
  return { client, asked };
}

describe('a client with batchReports', () => {
  it('sends the reports asked for in one task as one request, each caller getting its own result', async () => {
    const { client, asked } = batching();
    const [summary, factors, series] = await Promise.all([
      client.runReport(byResult),
      client.runReport(byFactor),
      client.runReport(overTime),
    ]);
    expect(asked).toEqual([
      { path: '/api/reports/batch', reports: 3, signal: expect.any(AbortSignal) as AbortSignal },
    ]);
    expect(summary).toMatchObject({ view: 'breakdown' });
    expect(factors).toMatchObject({ view: 'breakdown' });
    expect(series).toMatchObject({ view: 'timeseries', interval: '1h' });
  });

  it('sends a report asked for alone as a request of its own, as without batching', async () => {
    const { client, asked } = batching();
    expect(await client.runReport(byResult)).toMatchObject({ view: 'breakdown' });
    expect(asked.map((a) => a.path)).toEqual(['/api/reports/run']);
  });

  it(`splits more than ${MAX_BATCH_REPORTS} reports into batches the API accepts`, async () => {
    const { client, asked } = batching();
    const many = Array.from({ length: MAX_BATCH_REPORTS + 3 }, () => client.runReport(byResult));
    expect(await Promise.all(many)).toHaveLength(MAX_BATCH_REPORTS + 3);
    expect(asked.map((a) => a.reports)).toEqual([MAX_BATCH_REPORTS, 3]);
  });

  it("rejects a report the API refused with that report's own SightlineApiError", async () => {
    const { client } = batching();
    const bad = { ...byResult, view: { type: 'breakdown', groupBy: 'txid' } } as unknown as ReportDefinition;
    const [good, refused] = await Promise.allSettled([client.runReport(byResult), client.runReport(bad)]);
    expect(good).toMatchObject({ status: 'fulfilled' });
    expect(refused).toMatchObject({ status: 'rejected' });
    const error = (refused as PromiseRejectedResult).reason as SightlineApiError;
    expect(error).toBeInstanceOf(SightlineApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', issues: [{ path: 'view.groupBy' }] });
  });

  it('rejects every report of a batch the API refused as a whole', async () => {
    const { app } = testApp();
    const client = createClient({
      baseUrl: 'http://sightline.test',
      token: 'revoked',
      batchReports: true,
      fetch: (input, init) => Promise.resolve(app.request(String(input), init)),
    });
    const outcomes = await Promise.allSettled([client.runReport(byResult), client.runReport(byFactor)]);
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ status: 'rejected', reason: { status: 401, code: 'unauthorized' } });
  });

  it('gives a report the API never answered a network error, so it can be asked again', async () => {
    const cut = `${JSON.stringify({ index: 1, result: { view: 'breakdown', rows: [] } })}\n`;
    const { client } = batching((path) =>
      path.endsWith('/batch')
        ? new Response(cut, { headers: { 'Content-Type': 'application/x-ndjson' } })
        : undefined,
    );
    const [first, second] = await Promise.allSettled([
      client.runReport(byResult),
      client.runReport(byFactor),
    ]);
    expect(second).toMatchObject({ status: 'fulfilled', value: { view: 'breakdown' } });
    expect(first).toMatchObject({ status: 'rejected', reason: { status: 0, code: 'network_error' } });
  });

  it('lets one caller leave while the others get their answers, and stops the request when all have left', async () => {
    // A batch that answers its first report at once and holds the rest until it is cancelled.
    const { client, asked } = batching((path, init) => {
      if (!path.endsWith('/batch')) return undefined;
      const first = `${JSON.stringify({ index: 0, result: { view: 'breakdown', rows: [] } })}\n`;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(first));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } });
    });
    const leaving = new AbortController();
    const staying = client.runReport(byResult);
    const left = client.runReport(byFactor, { signal: leaving.signal });
    expect(await staying).toMatchObject({ view: 'breakdown' });
    leaving.abort();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked[0]!.signal!.aborted).toBe(true);

    // Three callers: the first is answered; the request goes on while anyone still waits.
    const callers = [new AbortController(), new AbortController(), new AbortController()];
    const answers = callers.map((c) => client.runReport(byFactor, { signal: c.signal }));
    expect(await answers[0]).toMatchObject({ view: 'breakdown' });
    callers[1]!.abort();
    await expect(answers[1]).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked[1]!.signal!.aborted).toBe(false);
    callers[2]!.abort();
    await expect(answers[2]).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked[1]!.signal!.aborted).toBe(true);
  });

  it('does not send a report whose caller left before the batch went out', async () => {
    const { client, asked } = batching();
    const leaving = new AbortController();
    const left = client.runReport(byFactor, { signal: leaving.signal });
    const stays = client.runReport(byResult);
    leaving.abort();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    expect(await stays).toMatchObject({ view: 'breakdown' });
    expect(asked.map((a) => a.path)).toEqual(['/api/reports/run']);
  });
});
