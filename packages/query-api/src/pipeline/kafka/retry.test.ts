import { describe, expect, it } from 'vitest';
import { within } from './retry';

describe('within', () => {
  it('passes on what settles in time', async () => {
    await expect(within(Promise.resolve('closed'), 1_000, 'closing')).resolves.toBe('closed');
    await expect(within(Promise.reject(new Error('refused')), 1_000, 'closing')).rejects.toThrow('refused');
  });

  it('fails naming what did not finish, when it never settles (a client that lost its broker)', async () => {
    await expect(within(new Promise(() => undefined), 20, 'leaving the group')).rejects.toThrow(
      'leaving the group did not finish within 0.02 s',
    );
  });
});
