import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEsClient } from '../server/es';
import { esNodesFrom } from './es-nodes';

describe('esNodesFrom', () => {
  it('reads one URL or a comma-separated list, ignoring blanks around the commas', () => {
    expect(esNodesFrom('http://127.0.0.1:9200')).toEqual(['http://127.0.0.1:9200']);
    expect(esNodesFrom(' http://a:9250 , https://b:9251,,http://c:9252 ')).toEqual([
      'http://a:9250',
      'https://b:9251',
      'http://c:9252',
    ]);
  });

  it.each([
    ['', /ES_URL names no Elasticsearch node/],
    [' , ', /ES_URL names no Elasticsearch node/],
    ['127.0.0.1:9200', /ES_URL: "127.0.0.1:9200" is not a URL \(expected http:\/\/host:port\)/],
    ['http://a:9200,nonsense', /ES_URL: "nonsense" is not a URL/],
    ['ftp://a:21', /"ftp:\/\/a:21" is not an http/],
    ['http://a:9200,http://a:9200/', /ES_URL names http:\/\/a:9200\/ twice/],
  ])('refuses %j with an error naming the setting', (value, message) => {
    expect(() => esNodesFrom(value)).toThrow(message);
  });

  it('names the setting it was given', () => {
    expect(() => esNodesFrom('x', '--es-url')).toThrow(/^--es-url: "x"/);
  });
});

describe('the API client on several nodes', () => {
  let server: Server;
  const paths: string[] = [];
  let live: string;
  const dead: string[] = [];

  beforeAll(async () => {
    // Stands in for the one node still answering: enough of Elasticsearch's reply for the client.
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      res.end(JSON.stringify({ cluster_name: 'test', status: 'yellow' }));
    });
    live = await listen(server);
    // Ports that refuse connections, as a killed node's do.
    for (let i = 0; i < 2; i++) {
      const closed = createServer();
      dead.push(await listen(closed));
      await new Promise((resolve) => closed.close(resolve));
    }
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers every request while two of three nodes refuse connections, and never sniffs', async () => {
    const client = createEsClient([dead[0], dead[1], live].join(','));
    try {
      for (let i = 0; i < 6; i++) expect((await client.cluster.health()).status).toBe('yellow');
    } finally {
      await client.close();
    }
    expect(paths.every((p) => p.startsWith('/_cluster/health'))).toBe(true);
  });

  it('refuses a bad list before any request', () => {
    expect(() => createEsClient('http://127.0.0.1:9200,localhost')).toThrow(/"localhost" is not/);
  });
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}
