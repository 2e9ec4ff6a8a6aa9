import { describe, expect, it } from 'vitest';
import { createProgram } from './program';
import { COMMANDS } from './registry';

const names = (argv: string[]) =>
  createProgram(['node', 'sightline', ...argv]).then((p) => p.commands.map((c) => c.name()));

describe('the sightline program', () => {
  it('loads only the command it is asked to run, global options before it included', async () => {
    expect(await names(['consume', '--batch', '10'])).toEqual(['consume']);
    expect(await names(['--es-url', 'http://127.0.0.1:9200', 'source', 'mysql'])).toEqual(['source']);
  });

  it('loads every command for help or an unknown one, in the order of the registry', async () => {
    expect(await names(['--help'])).toEqual(Object.keys(COMMANDS));
    expect(await names(['consme'])).toEqual(Object.keys(COMMANDS));
  });
});
