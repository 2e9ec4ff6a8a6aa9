import { describe, expect, it } from 'vitest';
import { MAX_VIEW_NAME_LENGTH, MAX_VIEW_URL_LENGTH } from '@sightline/schema/api';
import { addressProblem, newViewSchema, viewIdSchema } from './params';
import { nameKey, viewId } from './store';

const messages = (input: unknown) => {
  const result = newViewSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a new saved view', () => {
  it('trims the name and keeps the address as given', () => {
    expect(newViewSchema.parse({ name: '  Denied today ', url: '/log?last=24h&f.result=denied' })).toEqual({
      name: 'Denied today',
      url: '/log?last=24h&f.result=denied',
    });
  });

  it('bounds the name', () => {
    expect(messages({ name: '   ', url: '/' })).toEqual(['name: a view needs a name']);
    expect(messages({ name: 'x'.repeat(MAX_VIEW_NAME_LENGTH), url: '/' })).toEqual([]);
    expect(messages({ name: 'x'.repeat(MAX_VIEW_NAME_LENGTH + 1), url: '/' })).toEqual([
      `name: a view's name is at most ${MAX_VIEW_NAME_LENGTH} characters`,
    ]);
    expect(messages({ name: 'a\u0007b', url: '/' })).toEqual([
      'name: a view’s name cannot hold control characters',
    ]);
  });

  it('bounds the address and says the limit', () => {
    const long = `/log?q=${'a'.repeat(MAX_VIEW_URL_LENGTH)}`;
    expect(messages({ name: 'a', url: long })).toEqual([
      `url: a view's address is at most ${MAX_VIEW_URL_LENGTH} characters`,
    ]);
  });

  it('refuses unknown keys', () => {
    expect(messages({ name: 'a', url: '/', customer: 'x' })).toEqual([': Unrecognized key: "customer"']);
  });
});

describe('a dashboard address', () => {
  it('accepts paths of the dashboard with their query', () => {
    for (const url of [
      '/',
      '/log?last=7d&columns=ts,user.name',
      '/user?name=a%40b.c&from=2026-01-01T00:00:00Z',
    ])
      expect(addressProblem(url)).toBeUndefined();
  });

  it('refuses other sites, so a shared view cannot send anyone elsewhere', () => {
    for (const url of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'log',
      'javascript:alert(1)',
    ])
      expect(addressProblem(url)).toMatch(/single "\/"/);
  });

  it('refuses spaces, control characters and a customer', () => {
    expect(addressProblem('/log?q=a b')).toMatch(/spaces or control characters/);
    expect(addressProblem('/log\n')).toMatch(/spaces or control characters/);
    expect(addressProblem('/log?customer=acme')).toBe(
      'a view cannot name a customer: it belongs to the customer it is saved for',
    );
  });
});

describe('view ids', () => {
  it('are one per customer and name, whatever its case', () => {
    expect(viewId('acme', 'Failures')).toBe(viewId('acme', 'failures'));
    expect(viewId('acme', 'Failures')).not.toBe(viewId('globex', 'Failures'));
    expect(viewId('acme', 'a')).toMatch(/^[0-9a-f]{32}$/);
    expect(viewIdSchema.safeParse({ id: viewId('acme', 'a') }).success).toBe(true);
    expect(viewIdSchema.safeParse({ id: 'nope' }).success).toBe(false);
    expect(nameKey('Ca\u0301fe')).toBe(nameKey('Cáfe'));
  });
});
