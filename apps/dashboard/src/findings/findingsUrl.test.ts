import { describe, expect, it } from 'vitest';
import { decodeState } from '../state/urlState';
import { decodeFindingsView, findingsHref, isFindingsPath, sharedSearch } from './findingsUrl';

describe('the Findings page address', () => {
  it('keeps type, status and minimum severity beside the shared state, and reads them back', () => {
    const { state } = decodeState('/', '?customer=acme&last=7d&tz=UTC', 'UTC');
    const href = findingsHref(state, {
      types: ['push_fatigue', 'brute_force'],
      statuses: ['open'],
      minSeverity: 'high',
    });
    expect(href).toBe(
      '/findings?customer=acme&last=7d&tz=UTC&type=push_fatigue&type=brute_force&status=open&severity=high',
    );
    const url = new URL(href, 'http://x');
    expect(isFindingsPath(url.pathname)).toBe(true);
    expect(decodeFindingsView(url.search)).toEqual({
      view: { types: ['push_fatigue', 'brute_force'], statuses: ['open'], minSeverity: 'high' },
      issues: [],
    });
    // urlState reads the rest as it reads any page's, with nothing to complain about.
    const shared = decodeState('/', sharedSearch(url.search), 'UTC');
    expect(shared.issues).toEqual([]);
    expect(shared.state).toEqual(state);
  });

  it('keeps the sort in the address, leaving out the default order', () => {
    const { state } = decodeState('/', '?customer=acme&last=7d&tz=UTC', 'UTC');
    const view = { types: [], statuses: [], minSeverity: undefined };
    const href = findingsHref(state, { ...view, sort: 'severity' });
    expect(href).toBe('/findings?customer=acme&last=7d&tz=UTC&sort=severity');
    expect(decodeFindingsView(new URL(href, 'http://x').search)).toEqual({
      view: { ...view, sort: 'severity' },
      issues: [],
    });
    expect(findingsHref(state, { ...view, sort: 'last_seen' })).toBe(
      '/findings?customer=acme&last=7d&tz=UTC',
    );
    expect(decodeFindingsView('?sort=last_seen').view).not.toHaveProperty('sort');
    // Only the page's own parameter is taken out before urlState reads the rest.
    expect(sharedSearch('?customer=acme&sort=first_seen')).toBe('?customer=acme');
  });

  it('drops an unknown sort, and a second one, with a notice', () => {
    expect(decodeFindingsView('?sort=score')).toEqual({
      view: { types: [], statuses: [], minSeverity: undefined },
      issues: ['Unknown finding sort "score"; ignored.'],
    });
    expect(decodeFindingsView('?sort=first_seen&sort=severity')).toEqual({
      view: { types: [], statuses: [], minSeverity: undefined, sort: 'first_seen' },
      issues: ['Only the first sort of a link is used.'],
    });
  });

  it('drops an unknown value with a notice instead of refusing the link', () => {
    expect(decodeFindingsView('?type=teleport&status=open&severity=extreme')).toEqual({
      view: { types: [], statuses: ['open'], minSeverity: undefined },
      issues: ['Unknown finding type "teleport"; ignored.', 'Unknown finding severity "extreme"; ignored.'],
    });
  });

  it('answers /findings and /findings/ only', () => {
    expect(isFindingsPath('/findings/')).toBe(true);
    expect(isFindingsPath('/log')).toBe(false);
    expect(isFindingsPath('/findingsx')).toBe(false);
  });
});
