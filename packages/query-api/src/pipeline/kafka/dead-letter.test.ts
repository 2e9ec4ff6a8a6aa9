import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS, deadLetterMessage } from './dead-letter';

describe('deadLetterMessage', () => {
  it('keeps key, value and the original headers and adds reason, detail and the source position', () => {
    const message = deadLetterMessage('fh.dlq', {
      reason: 'no_txid',
      detail: 'txid is missing or empty',
      topic: 'fh',
      partition: 3,
      offset: 42n,
      key: Buffer.from('acme'),
      value: Buffer.from('{"ts":1}'),
      headers: new Map([[Buffer.from('sightline-source'), Buffer.from('mysql/shard_0')]]),
    });
    const headers = Object.fromEntries([...message.headers].map(([k, v]) => [k.toString(), v.toString()]));
    expect(message).toMatchObject({
      topic: 'fh.dlq',
      key: Buffer.from('acme'),
      value: Buffer.from('{"ts":1}'),
    });
    expect(headers).toEqual({
      'sightline-source': 'mysql/shard_0',
      [DEAD_LETTER_HEADERS.reason]: 'no_txid',
      [DEAD_LETTER_HEADERS.detail]: 'txid is missing or empty',
      [DEAD_LETTER_HEADERS.topic]: 'fh',
      [DEAD_LETTER_HEADERS.partition]: '3',
      [DEAD_LETTER_HEADERS.offset]: '42',
    });
  });
});
