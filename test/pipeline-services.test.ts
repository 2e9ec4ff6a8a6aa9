import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { createConnection } from 'mysql2/promise';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { brokersFrom } from '../packages/query-api/src/pipeline/config';

// The live pipeline's local services, as scripts/kafka.sh and scripts/mariadb.sh provision them.
const RUN = `svc${Date.now().toString(36)}`;

describe('the local Kafka broker', () => {
  const bootstrapBrokers = brokersFrom(inject('kafkaBrokers'));
  const topic = `sightline.test.${RUN}`;
  const admin = new Admin({ clientId: RUN, bootstrapBrokers });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.close();
  });

  it('takes keyed records on a topic the project created and gives them back in order', async () => {
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    const producer = new Producer({
      clientId: RUN,
      bootstrapBrokers,
      serializers: stringSerializers,
    });
    const sent = ['first', 'second', 'third'];
    await producer.send({ messages: sent.map((value) => ({ topic, key: 'customer-1', value })) });
    await producer.close();

    const consumer = new Consumer({
      groupId: `${RUN}-group`,
      clientId: RUN,
      bootstrapBrokers,
      deserializers: stringDeserializers,
    });
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest' });
    const received: string[] = [];
    for await (const message of stream) {
      received.push(message.value);
      if (received.length === sent.length) break;
    }
    await stream.close();
    await consumer.close();
    expect(received).toEqual(sent);
  });

  it('refuses a write to a topic nobody created instead of creating it', async () => {
    const missing = `sightline.test.${RUN}.missing`;
    const producer = new Producer({
      clientId: RUN,
      bootstrapBrokers,
      serializers: stringSerializers,
      retries: 0,
    });
    await expect(producer.send({ messages: [{ topic: missing, value: 'x' }] })).rejects.toThrow();
    await producer.close();
    expect(await admin.listTopics()).not.toContain(missing);
  });
});

describe('the local MariaDB server', () => {
  const schema = `sightline_${RUN}`;

  it('lets the sightline account create and use the shard schemas, and no other schema', async () => {
    const db = await createConnection(inject('mysqlUrl'));
    try {
      await db.query(`CREATE DATABASE \`${schema}\``);
      await db.query(`CREATE TABLE \`${schema}\`.attempts (id BIGINT AUTO_INCREMENT PRIMARY KEY)`);
      await db.query(`INSERT INTO \`${schema}\`.attempts () VALUES (), ()`);
      const [rows] = await db.query(`SELECT id FROM \`${schema}\`.attempts ORDER BY id`);
      expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
      await expect(db.query(`CREATE DATABASE \`other_${RUN}\``)).rejects.toThrow(/denied/i);
    } finally {
      await db.query(`DROP DATABASE IF EXISTS \`${schema}\``);
      await db.end();
    }
  });
});

describe('the provisioning scripts, pointed at a service that is not there', () => {
  function start(script: string, env: Record<string, string>) {
    const path = fileURLToPath(new URL(`../scripts/${script}`, import.meta.url));
    return spawnSync('bash', [path, 'start'], { encoding: 'utf8', env: { ...process.env, ...env } });
  }

  it('kafka.sh exits 2 naming the brokers in KAFKA_BROKERS, and provisions nothing', () => {
    const result = start('kafka.sh', { KAFKA_BROKERS: '127.0.0.1:1' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'sightline-kafka: KAFKA_BROKERS is set to 127.0.0.1:1 but no Kafka broker answers there.',
    );
  });

  it('mariadb.sh exits 2 naming SIGHTLINE_MYSQL_URL without its password', () => {
    const result = start('mariadb.sh', { SIGHTLINE_MYSQL_URL: 'mysql://app:secret@127.0.0.1:1' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'sightline-mariadb: SIGHTLINE_MYSQL_URL is set to mysql://app:***@127.0.0.1:1 but no MySQL/MariaDB server accepts it.',
    );
  });
});
