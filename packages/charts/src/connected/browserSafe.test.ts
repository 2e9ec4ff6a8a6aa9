// @vitest-environment node
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SOURCE_CONDITION } from '../../../../scripts/source-condition.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every module a browser bundle of `entry` reads, the query API's included (it is a peer in dist). */
async function browserInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    conditions: [SOURCE_CONDITION],
    external: ['react', 'react-dom', 'react/*', '@tanstack/react-query'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the connected entry in a browser', () => {
  it('takes from the query API nothing at run time but its schema: no server code, no Elasticsearch client', async () => {
    const inputs = await browserInputs('src/connected/index.ts');
    const queryApi = inputs.filter((i) => i.includes('query-api/src/'));
    expect(queryApi.length).toBeGreaterThan(0);
    expect(queryApi.filter((i) => !/query-api\/src\/schema\//.test(i))).toEqual([]);
    expect(inputs.filter((i) => /@elastic|hono|node:|commander|csv-/.test(i))).toEqual([]);
  });
});
