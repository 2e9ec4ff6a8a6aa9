import { Admin, Consumer, stringDeserializers } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { brokersFrom } from '../packages/query-api/src/pipeline/config';
import { POSITION_HEADER, SOURCE_HEADER } from '../packages/query-api/src/pipeline/firehose';
import { ensureTopics } from '../packages/query-api/src/pipeline/kafka/topics';

/** Two shard schemas and a firehose topic of this test's own, named after a random run id. */
export interface SourceFixture {
  run: string;
  shardUrls: string[];
  databases: string[];
  topic: string;
  brokers: string[];
}

export async function sourceFixture(mysqlUrl: string, kafkaBrokers: string): Promise<SourceFixture> {
  const run = randomBytes(4).toString('hex');
  const databases = [0, 1].map((i) => `sightline_test_${run}_${i}`);
  const base = mysqlUrl.replace(/\/+$/, '');
  const brokers = brokersFrom(kafkaBrokers);
  const topic = `sightline.test.source.${run}`;
  await ensureTopics({ brokers, firehoseTopic: topic, deadLetterTopic: `${topic}.dlq` }, { partitions: 3 });
  await untilLed(brokers, topic);
  return { run, shardUrls: databases.map((db) => `${base}/${db}`), databases, topic, brokers };
}

/** A new topic answers "unknown topic" until every partition has a leader; wait for that (at most 60 s). */
async function untilLed(brokers: string[], topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'sightline-test-admin', bootstrapBrokers: brokers });
  try {
    for (let attempt = 0; attempt < 120; attempt++) {
      const metadata = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => null);
      const partitions = metadata?.topics.get(topic)?.partitions ?? [];
      if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
      await sleep(500);
    }
    throw new Error(`topic ${topic} has no leader after 60 s`);
  } finally {
    await admin.close();
  }
}

export async function dropFixture(mysqlUrl: string, fixture: SourceFixture): Promise<void> {
  const db = await createConnection(mysqlUrl);
  try {
    for (const name of fixture.databases) await db.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await db.end();
  }
  const admin = new Admin({ clientId: 'sightline-test-admin', bootstrapBrokers: fixture.brokers });
  await admin.deleteTopics({ topics: [fixture.topic, `${fixture.topic}.dlq`] }).catch(() => undefined);
  await admin.close();
}

async function query<T extends RowDataPacket>(url: string, sql: string): Promise<T[]> {
  const db = await createConnection({ uri: url, supportBigNumbers: true, bigNumberStrings: true });
  try {
    const [rows] = await db.query<T[]>(sql);
    return rows;
  } finally {
    await db.end();
  }
}

/** Every row of a shard: id (as a string), customer and record text. */
export function shardRows(url: string) {
  return query<RowDataPacket & { id: string; customer_id: string; record: string }>(
    url,
    'SELECT id, customer_id, CAST(record AS CHAR) AS record FROM authlog ORDER BY id',
  );
}

/** The shard's stored cursor of that name, '0' when none was stored yet. */
export async function storedCursor(url: string, name: string): Promise<string> {
  const rows = await query<RowDataPacket & { last_id: string }>(
    url,
    `SELECT last_id FROM batcher_cursor WHERE name = ${JSON.stringify(name)}`,
  ).catch(() => []);
  return rows[0]?.last_id ?? '0';
}

export interface TopicMessage {
  partition: number;
  key: string;
  value: string;
  source: string;
  position: string;
}

/** Every message on the topic, in partition order: reads until the end offsets the brokers report. */
export async function readTopic(brokers: string[], topic: string): Promise<TopicMessage[]> {
  const consumer = new Consumer({
    groupId: `${topic}.reader.${randomBytes(4).toString('hex')}`,
    clientId: 'sightline-test-reader',
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
  });
  try {
    const ends = await consumer.listOffsets({ topics: [topic] });
    const total = (ends.get(topic) ?? []).reduce((sum, end) => sum + Number(end), 0);
    const messages: TopicMessage[] = [];
    if (total === 0) return messages;
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    for await (const message of stream) {
      const header = (name: string) => {
        for (const [k, v] of message.headers) if (String(k) === name) return String(v);
        return '';
      };
      messages.push({
        partition: message.partition,
        key: message.key,
        value: message.value,
        source: header(SOURCE_HEADER),
        position: header(POSITION_HEADER),
      });
      if (messages.length === total) break;
    }
    await stream.close();
    return messages;
  } finally {
    await consumer.close();
  }
}
