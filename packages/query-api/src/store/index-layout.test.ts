import { describe, expect, it } from 'vitest';
import { indexTemplate } from '../ingest/template';
import { DEFAULT_INDEX_LAYOUT, indexLayoutFromEnv } from './index-layout';

describe('indexLayoutFromEnv', () => {
  it('falls back to one primary and auto replicas when nothing (or blank) is set', () => {
    expect(indexLayoutFromEnv({})).toEqual(DEFAULT_INDEX_LAYOUT);
    expect(indexLayoutFromEnv({ SIGHTLINE_ES_SHARDS: ' ', SIGHTLINE_ES_REPLICAS: '' })).toEqual({
      shards: 1,
      replicas: 'auto',
    });
  });

  it('reads shards and replicas, a number or "auto"', () => {
    expect(indexLayoutFromEnv({ SIGHTLINE_ES_SHARDS: '3', SIGHTLINE_ES_REPLICAS: '1' })).toEqual({
      shards: 3,
      replicas: 1,
    });
    expect(indexLayoutFromEnv({ SIGHTLINE_ES_REPLICAS: '0' }).replicas).toBe(0);
    expect(indexLayoutFromEnv({ SIGHTLINE_ES_REPLICAS: 'auto' }).replicas).toBe('auto');
  });

  it.each([
    ['SIGHTLINE_ES_SHARDS', '0', /SIGHTLINE_ES_SHARDS must be a whole number from 1 to 1024, got "0"/],
    ['SIGHTLINE_ES_SHARDS', '2.5', /SIGHTLINE_ES_SHARDS .* got "2.5"/],
    ['SIGHTLINE_ES_SHARDS', '1025', /from 1 to 1024/],
    ['SIGHTLINE_ES_SHARDS', 'three', /got "three"/],
    [
      'SIGHTLINE_ES_REPLICAS',
      '-1',
      /SIGHTLINE_ES_REPLICAS must be a whole number from 0 to 32 or "auto", got "-1"/,
    ],
    ['SIGHTLINE_ES_REPLICAS', 'AUTO', /got "AUTO"/],
    ['SIGHTLINE_ES_REPLICAS', '1e1', /got "1e1"/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => indexLayoutFromEnv({ [name]: value })).toThrow(message);
  });
});

describe('the auth log template', () => {
  it('carries the layout: a fixed replica count turns auto-expansion off', () => {
    expect(indexTemplate({ shards: 3, replicas: 1 }).template.settings).toMatchObject({
      number_of_shards: 3,
      number_of_replicas: 1,
      auto_expand_replicas: 'false',
    });
  });

  it('asks for a replica only where a second data node can hold it by default', () => {
    const settings = indexTemplate().template.settings;
    expect(settings).toMatchObject({ number_of_shards: 1, auto_expand_replicas: '0-1' });
    expect(settings).not.toHaveProperty('number_of_replicas');
  });
});
