// @vitest-environment node
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SOURCE_CONDITION } from '../../../../scripts/source-condition';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every module a browser bundle of `entry` reads, the schema's included (an import in dist). */
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
  it('reads the schema at run time, and no server code: not the query API, no Elasticsearch client', async () => {
    const inputs = await browserInputs('src/connected/index.ts');
    expect(inputs.some((i) => i.startsWith('../schema/src/'))).toBe(true);
    expect(inputs.filter((i) => i.includes('query-api'))).toEqual([]);
    expect(inputs.filter((i) => /@elastic|hono|node:|commander|csv-|mysql2|@platformatic/.test(i))).toEqual(
      [],
    );
  });
});
