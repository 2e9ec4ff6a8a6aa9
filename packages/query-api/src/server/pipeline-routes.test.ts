import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { LOAD_LOG_INDEX, type LoadLogEntry } from '../pipeline/load-log';
import { PAUSES_INDEX, type PauseEvent } from '../pipeline/pauses';
import {
  freshnessSchema,
  pipelineHealthSchema,
  type PipelineLag,
  type PipelinePort,
} from '@sightline/schema/api-schemas';
import type { EsSearchResponse } from '../reports';
import { FakeEs, testApp, TOKENS } from './test-support';

const NOW = Date.parse('2026-11-20T10:15:30Z');
const TOPIC = 'sightline.authlog';

/** Answers freshness with these newest times and the load log with these entries. */
function esWith(newest: { ts: number; ingested: number } | null, entries: LoadLogEntry[] = []) {
  const es = new FakeEs();
  es.respond = (request: estypes.SearchRequest): EsSearchResponse => {
    if (request.index === LOAD_LOG_INDEX) {
      const byStream = new Map<string, LoadLogEntry>();
      for (const e of entries) {
        const seen = byStream.get(e.stream);
        if (!seen || seen['@timestamp'] < e['@timestamp']) byStream.set(e.stream, e);
      }
      return {
        took: 1,
        hits: { hits: [] },
        aggregations: {
          streams: {
            buckets: [...byStream].map(([key, e]) => ({ key, last: { hits: { hits: [{ _source: e }] } } })),
          },
        },
      };
    }
    return {
      took: 1,
      hits: { hits: [] },
      aggregations: {
        newest_ts: { value: newest?.ts ?? null },
        newest_ingested: { value: newest?.ingested ?? null },
      },
    };
  };
  return es;
}

function port(read: () => Promise<PipelineLag>): PipelinePort & { calls: number } {
  const p = {
    firehoseTopic: TOPIC,
    deadLetterTopic: `${TOPIC}.dlq`,
    indexerGroup: 'sightline-indexer',
    calls: 0,
    lag: () => {
      p.calls += 1;
      return read();
    },
  };
  return p;
}

const lagOf = (...lags: number[]): PipelineLag => ({
  partitions: lags.map((lag, partition) => ({ partition, committed: 100, end: 100 + lag, lag })),
  deadLetters: 3,
});

function entry(stream: string, loader: LoadLogEntry['loader'], to: string, agoMs: number): LoadLogEntry {
  return {
    '@timestamp': new Date(NOW - agoMs).toISOString(),
    loader,
    stream,
    from: '1',
    to,
    event_from: '2026-11-20T10:14:00.000Z',
    event_to: '2026-11-20T10:15:00.000Z',
    read: 10,
    stored: 9,
    duplicates: 1,
    flagged: 2,
    rejected: 0,
    duration_ms: 40,
  };
}

function tenantOf(request: estypes.SearchRequest | undefined): unknown {
  return (request?.query as { bool?: { filter: { term: { customer_id: string } }[] } }).bool?.filter[0]?.term
    .customer_id;
}

describe('GET /api/freshness', () => {
  it("tells a customer token its own newest event and ingestion times, their ages and the pipeline's lag", async () => {
    const es = esWith({ ts: NOW - 4_000, ingested: NOW - 2_500 });
    const { call } = testApp(es, { pipeline: port(async () => lagOf(0, 7, 5)) });
    const response = await call('/api/freshness', { token: TOKENS.acme });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = freshnessSchema.parse(await response.json());
    expect(body).toMatchObject({
      customer: 'acme',
      newestEventAt: '2026-11-20T10:15:26.000Z',
      newestEventAgeMs: 4_000,
      newestIngestedAt: '2026-11-20T10:15:27.500Z',
      newestIngestedAgeMs: 2_500,
      lag: 12,
      stale: false,
    });
    expect(tenantOf(es.requests[0])).toBe('acme');
  });

  it('never reads another customer: naming one with a customer token is a 403', async () => {
    const es = esWith(null);
    const { call } = testApp(es);
    expect((await call('/api/freshness?customer=globex', { token: TOKENS.acme })).status).toBe(403);
    expect(es.requests).toHaveLength(0);
  });

  it("gives an admin one customer's figures when named, and every customer's when not", async () => {
    const es = esWith({ ts: NOW, ingested: NOW });
    const { call } = testApp(es);
    const one = freshnessSchema.parse(
      await (await call('/api/freshness?customer=globex', { token: TOKENS.admin })).json(),
    );
    expect(one.customer).toBe('globex');
    expect(tenantOf(es.requests[0])).toBe('globex');
    const all = freshnessSchema.parse(await (await call('/api/freshness', { token: TOKENS.admin })).json());
    expect(all.customer).toBeNull();
    expect(es.requests[1]?.query).toEqual({ match_all: {} });
  });

  it('reports nothing stored as nulls, and the lag as unknown when Kafka is not configured', async () => {
    const { call } = testApp(esWith(null));
    const body = freshnessSchema.parse(await (await call('/api/freshness', { token: TOKENS.acme })).json());
    expect(body).toMatchObject({
      newestEventAt: null,
      newestEventAgeMs: null,
      newestIngestedAt: null,
      lag: null,
      stale: false,
    });
    expect(body.lagUnavailable).toMatch(/not configured/);
  });

  it('answers with the lag unknown, and why, when Kafka is unreachable', async () => {
    const { call } = testApp(esWith({ ts: NOW, ingested: NOW }), {
      pipeline: port(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092'))),
    });
    const response = await call('/api/freshness', { token: TOKENS.acme });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      lag: null,
      lagUnavailable: 'cannot read the lag from Kafka: connect ECONNREFUSED 127.0.0.1:9092',
    });
  });

  it('is stale when records are waiting and nothing arrived for two minutes', async () => {
    const { call } = testApp(esWith({ ts: NOW - 600_000, ingested: NOW - 180_000 }), {
      pipeline: port(async () => lagOf(40)),
    });
    const body = freshnessSchema.parse(await (await call('/api/freshness', { token: TOKENS.acme })).json());
    expect(body).toMatchObject({ stale: true, lag: 40, staleAfterMs: 120_000 });
  });

  it('is stale when more records wait than the lagging threshold, even while data still arrives', async () => {
    const { call } = testApp(esWith({ ts: NOW, ingested: NOW - 1_000 }), {
      pipeline: port(async () => lagOf(5_000, 5_001)),
    });
    const body = freshnessSchema.parse(await (await call('/api/freshness', { token: TOKENS.acme })).json());
    expect(body).toMatchObject({ stale: true, lag: 10_001, laggingAboveMessages: 10_000 });
  });

  it('asks Elasticsearch and Kafka once for a burst of polls', async () => {
    const es = esWith({ ts: NOW, ingested: NOW });
    const kafka = port(async () => lagOf(1));
    const { call } = testApp(es, { pipeline: kafka });
    await Promise.all([1, 2, 3].map(() => call('/api/freshness', { token: TOKENS.acme })));
    await call('/api/freshness', { token: TOKENS.acme });
    expect(es.requests).toHaveLength(1);
    expect(kafka.calls).toBe(1);
    await call('/api/freshness', { token: TOKENS.globex });
    expect(es.requests).toHaveLength(2);
    expect(kafka.calls).toBe(1);
  });

  it('refuses parameters it does not take', async () => {
    const { call } = testApp(esWith(null));
    const response = await call('/api/freshness?last=1h', { token: TOKENS.acme });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/last/);
  });

  it('is 503 with Retry-After while Elasticsearch is unavailable', async () => {
    const { errors } = await import('@elastic/elasticsearch');
    const es = esWith(null);
    es.failure = new errors.ConnectionError('down');
    const response = await testApp(es).call('/api/freshness', { token: TOKENS.acme });
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
  });
});

describe('GET /api/pipeline', () => {
  const entries = [
    entry('mysql/sightline_shard_0', 'batcher', '1200', 30_000),
    entry('mysql/sightline_shard_0', 'batcher', '1100', 90_000),
    entry('mysql/sightline_shard_1', 'batcher', '800', 5_000),
    entry(`${TOPIC}/1`, 'sink', '99', 2_000),
    entry(`${TOPIC}/0`, 'sink', '41', 1_000),
  ];

  it('is for admin tokens only', async () => {
    const { call } = testApp(esWith(null));
    expect((await call('/api/pipeline', { token: TOKENS.acme })).status).toBe(403);
    expect((await call('/api/pipeline/metrics', { token: TOKENS.acme })).status).toBe(403);
    expect((await call('/api/pipeline')).status).toBe(401);
  });

  it('lists the sources a quality check paused, and not those resumed since', async () => {
    const es = esWith({ ts: NOW - 1_000, ingested: NOW - 500 }, entries);
    const answer = es.respond;
    const events: PauseEvent[] = [
      {
        '@timestamp': '2026-11-20T09:00:00.000Z',
        source: 'mysql/sightline_shard_1',
        action: 'pause',
        check: 'zero_rows',
        reason: 'rows in the last hour: measured 0, limit 1',
        by: 'quality-watch',
      },
      {
        '@timestamp': '2026-11-20T08:00:00.000Z',
        source: `${TOPIC}/2`,
        action: 'resume',
        reason: 'checked the conflicting copies',
        by: 'ops',
      },
    ];
    es.respond = (request: estypes.SearchRequest) =>
      request.index === PAUSES_INDEX
        ? { took: 1, hits: { hits: events.map((e) => ({ _source: e })) } }
        : answer(request);
    const { call } = testApp(es, { pipeline: port(async () => lagOf(0, 5)) });
    const body = pipelineHealthSchema.parse(
      await (await call('/api/pipeline', { token: TOKENS.admin })).json(),
    );
    expect(body.paused).toEqual([
      {
        source: 'mysql/sightline_shard_1',
        since: '2026-11-20T09:00:00.000Z',
        check: 'zero_rows',
        reason: 'rows in the last hour: measured 0, limit 1',
        by: 'quality-watch',
      },
    ]);
  });

  it('gives per-partition lag, each shard’s cursor and last batch, each partition’s last batch and an ok status', async () => {
    const { call } = testApp(esWith({ ts: NOW - 1_000, ingested: NOW - 500 }, entries), {
      pipeline: port(async () => lagOf(0, 5)),
    });
    const response = await call('/api/pipeline', { token: TOKENS.admin });
    expect(response.status).toBe(200);
    const body = pipelineHealthSchema.parse(await response.json());
    expect(body).toMatchObject({
      status: 'ok',
      reasons: [],
      thresholds: { laggingAboveMessages: 10_000, stalledAfterMs: 60_000 },
      kafka: {
        available: true,
        topic: TOPIC,
        group: 'sightline-indexer',
        totalLag: 5,
        deadLetters: 3,
        partitions: [
          { partition: 0, lag: 0 },
          { partition: 1, lag: 5, committed: 100, end: 105 },
        ],
      },
      shards: [
        { shard: 'sightline_shard_0', cursor: '1200', lastBatch: { ageMs: 30_000, stored: 9, rejected: 0 } },
        { shard: 'sightline_shard_1', cursor: '800' },
      ],
      firehose: [
        { partition: 0, lastBatch: { to: '41', ageMs: 1_000 } },
        { partition: 1, lastBatch: { to: '99', loader: 'sink', durationMs: 40 } },
      ],
      freshness: { customer: null, newestIngestedAgeMs: 500, lag: 5 },
    });
  });

  it('is lagging when the total lag passes the threshold', async () => {
    const { call } = testApp(esWith({ ts: NOW, ingested: NOW }, entries), {
      pipeline: port(async () => lagOf(6_000, 6_000)),
    });
    const body = pipelineHealthSchema.parse(
      await (await call('/api/pipeline', { token: TOKENS.admin })).json(),
    );
    expect(body.status).toBe('lagging');
    expect(body.reasons).toEqual([expect.stringMatching(/12000 messages waiting, above 10000/)]);
  });

  it('is stalled when a partition with messages waiting has committed no batch for a minute', async () => {
    const old = [entry(`${TOPIC}/0`, 'sink', '41', 61_000), entry(`${TOPIC}/1`, 'sink', '99', 1_000)];
    const { call } = testApp(esWith({ ts: NOW, ingested: NOW }, old), {
      pipeline: port(async () => lagOf(3, 2, 0)),
    });
    const body = pipelineHealthSchema.parse(
      await (await call('/api/pipeline', { token: TOKENS.admin })).json(),
    );
    expect(body.status).toBe('stalled');
    expect(body.reasons).toEqual([
      expect.stringMatching(/^partition 0: 3 messages waiting and no batch committed for 61 s/),
    ]);
  });

  it('still answers 200 when Kafka is unreachable, with that part marked unavailable and why', async () => {
    const { call } = testApp(esWith({ ts: NOW, ingested: NOW }, entries), {
      pipeline: port(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092'))),
    });
    const response = await call('/api/pipeline', { token: TOKENS.admin });
    expect(response.status).toBe(200);
    const body = pipelineHealthSchema.parse(await response.json());
    expect(body.kafka).toEqual({
      available: false,
      reason: 'cannot read the lag from Kafka: connect ECONNREFUSED 127.0.0.1:9092',
    });
    expect(body.status).toBe('stalled');
    expect(body.shards).toHaveLength(2);
    expect(body.freshness.lag).toBeNull();
  });

  it('reads the load log alone, and says so, when Kafka is not configured', async () => {
    const { call } = testApp(esWith({ ts: NOW, ingested: NOW }, entries));
    const body = pipelineHealthSchema.parse(
      await (await call('/api/pipeline', { token: TOKENS.admin })).json(),
    );
    expect(body).toMatchObject({
      status: 'ok',
      kafka: { available: false, reason: expect.stringMatching(/not configured/) },
    });
    expect(body.firehose.map((p) => p.partition)).toEqual([0, 1]);
  });

  it('serves the same figures as Prometheus gauges', async () => {
    const { call } = testApp(esWith({ ts: NOW - 1_000, ingested: NOW - 500 }, entries), {
      pipeline: port(async () => lagOf(0, 5)),
    });
    const response = await call('/api/pipeline/metrics', { token: TOKENS.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('sightline_pipeline_status{status="ok"} 1');
    expect(text).toContain(
      'sightline_consumer_lag{topic="sightline.authlog",group="sightline-indexer",partition="1"} 5',
    );
    expect(text).toContain(
      'sightline_consumer_lag_total{topic="sightline.authlog",group="sightline-indexer"} 5',
    );
    expect(text).toContain('sightline_dead_letters{topic="sightline.authlog.dlq"} 3');
    expect(text).toContain('sightline_shard_cursor{shard="sightline_shard_0"} 1200');
    expect(text).toContain('sightline_last_batch_age_seconds{stream="sightline.authlog/0",loader="sink"} 1');
    expect(text).toContain('sightline_newest_ingested_age_seconds 0.5');
  });
});
