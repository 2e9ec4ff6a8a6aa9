// @vitest-environment node
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SOURCE_CONDITION } from '../../../scripts/source-condition';

const root = fileURLToPath(new URL('..', import.meta.url));
const peers = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  '@sightline/schema',
  '@sightline/client',
];

/** Source files and packages that end up in the entry's own chunk (not lazy chunks). */
async function staticInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    write: false,
    metafile: true,
    conditions: [SOURCE_CONDITION],
    external: peers.flatMap((p) => [p, `${p}/*`]),
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const entryOutput = outputs.find((o) => o.entryPoint === entry)!;
  const inputs = new Set(Object.keys(entryOutput.inputs));
  // Static imports of shared chunks count too; dynamic imports (lazy chunks) do not.
  for (const imported of entryOutput.imports.filter((i) => i.kind === 'import-statement')) {
    const chunk = result.metafile.outputs[imported.path.replace(/^.*?out\//, 'out/')];
    for (const input of Object.keys(chunk?.inputs ?? {})) inputs.add(input);
  }
  return [...inputs];
}

// TanStack Table 9 brings table-core and TanStack Store; TanStack Virtual brings virtual-core.
const mapOrTable =
  /d3-geo|topojson|world-atlas|@tanstack\/(react-)?(table|virtual|store)|@tanstack\/(table|virtual)-core|src\/geo\/|src\/table\//;

describe('entry points stay independent', () => {
  it('the donut entry pulls in neither the map nor the table', async () => {
    const inputs = await staticInputs('src/donut/index.ts');
    expect(inputs.some((i) => i.includes('src/donut/DonutChart.tsx'))).toBe(true);
    expect(inputs.filter((i) => mapOrTable.test(i))).toEqual([]);
  });

  it('the stacked-area entry pulls in neither the map nor the table', async () => {
    const inputs = await staticInputs('src/stacked-area/index.ts');
    expect(inputs.some((i) => i.includes('src/stacked-area/StackedAreaChart.tsx'))).toBe(true);
    expect(inputs.filter((i) => mapOrTable.test(i))).toEqual([]);
  });

  it('the connected entry loads the map and table only on demand', async () => {
    const inputs = await staticInputs('src/connected/index.ts');
    expect(inputs.some((i) => i.includes('src/connected/Report.tsx'))).toBe(true);
    expect(inputs.filter((i) => mapOrTable.test(i))).toEqual([]);
  });

  it('the index entry does include them (the check above can see them)', async () => {
    const inputs = await staticInputs('src/index.ts');
    expect(inputs.some((i) => /src\/geo\//.test(i))).toBe(true);
    expect(inputs.some((i) => /@tanstack\/table-core/.test(i))).toBe(true);
    expect(inputs.some((i) => /@tanstack\/virtual-core/.test(i))).toBe(true);
  });
});
