import { MAX_VIEW_URL_LENGTH } from '@sightline/client';
import { describe, expect, it } from 'vitest';
import { viewAddress, viewHref } from './viewAddress';

describe('a saved view’s address', () => {
  it('keeps the page, range, filters and columns, and leaves out the customer', () => {
    expect(viewAddress('/log', '?customer=acme&last=7d&f.result=denied&columns=ts,user.name')).toEqual({
      url: '/log?last=7d&f.result=denied&columns=ts%2Cuser.name',
    });
    expect(viewAddress('/', '')).toEqual({ url: '/' });
    expect(viewAddress('/user', '?customer=acme&name=alice')).toEqual({ url: '/user?name=alice' });
  });

  it('says the limit when the address is too long to keep', () => {
    const { problem } = viewAddress('/log', `?q=${'a'.repeat(MAX_VIEW_URL_LENGTH)}`);
    expect(problem).toMatch(/a saved view keeps at most 4,000\. Remove some filters/);
  });
});

describe('opening a saved view', () => {
  it('reads the customer the page is showing', () => {
    expect(viewHref('/log?last=7d', 'globex')).toBe('/log?customer=globex&last=7d');
    expect(viewHref('/', 'globex')).toBe('/?customer=globex');
    expect(viewHref('/log?customer=old&last=7d', 'globex')).toBe('/log?customer=globex&last=7d');
  });

  it('is the stored address for a customer token', () => {
    expect(viewHref('/log?last=7d', undefined)).toBe('/log?last=7d');
  });
});
