import type { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { LAST_READ_MAX_AGE_MS, summaryCoverageReader } from './coverage';
import type { SummaryCoverage } from './plan';

const NO_ES = {} as Client;
const HOUR = 3_600_000;

function setup(answers: (SummaryCoverage | undefined | Error)[]) {
  let now = 0;
  const reads: string[] = [];
  const reader = summaryCoverageReader(
    NO_ES,
    async (customer) => {
      reads.push(customer);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return answer;
    },
    () => now,
  );
  return { reader, reads, advance: (ms: number) => (now += ms) };
}

describe("the API's reader of how far summaries reach", () => {
  it('reads once per customer and second, however many reports ask', async () => {
    const { reader, reads, advance } = setup([{ through: HOUR }, { through: 2 * HOUR }]);
    await Promise.all([reader('acme'), reader('acme')]);
    expect(await reader('acme')).toEqual({ through: HOUR });
    advance(1_000);
    expect(await reader('acme')).toEqual({ through: 2 * HOUR });
    expect(reads).toEqual(['acme', 'acme']);
  });

  it('remembers the last answer per customer, "not summarised" included, for a few minutes', async () => {
    const { reader, advance } = setup([{ through: HOUR }, undefined]);
    expect(reader.lastRead?.('acme')).toBeUndefined();
    await reader('acme');
    await reader('globex');
    expect(reader.lastRead?.('acme')).toEqual({ coverage: { through: HOUR } });
    expect(reader.lastRead?.('globex')).toEqual({ coverage: undefined });
    advance(LAST_READ_MAX_AGE_MS - 1);
    expect(reader.lastRead?.('acme')).toEqual({ coverage: { through: HOUR } });
    advance(1);
    expect(reader.lastRead?.('acme')).toBeUndefined();
  });

  it('keeps the last answer when a read fails', async () => {
    const { reader, advance } = setup([{ through: HOUR }, new Error('unreachable')]);
    await reader('acme');
    advance(1_000);
    await expect(reader('acme')).rejects.toThrow('unreachable');
    expect(reader.lastRead?.('acme')).toEqual({ coverage: { through: HOUR } });
  });

  it('keeps the answer of the read begun last when an older, slower read answers after it', async () => {
    let now = 0;
    const answers: ((coverage: SummaryCoverage) => void)[] = [];
    const reader = summaryCoverageReader(
      NO_ES,
      () => new Promise<SummaryCoverage>((resolve) => answers.push(resolve)),
      () => now,
    );
    const slow = reader('acme');
    now += 1_000;
    const quick = reader('acme');
    answers[1]!({ through: 2 * HOUR });
    await quick;
    answers[0]!({ through: HOUR });
    await slow;
    expect(reader.lastRead?.('acme')).toEqual({ coverage: { through: 2 * HOUR } });
  });
});
