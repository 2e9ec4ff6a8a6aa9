import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState, MAX_FILTER_PARAMS, type DashboardState } from './urlState';

const decode = (href: string) => {
  const url = new URL(href, 'http://dashboard.test');
  return decodeState(url.pathname, url.search, 'Europe/Berlin');
};

describe('the URL state codec', () => {
  it('gives the defaults for a bare URL, with no issues', () => {
    expect(decode('/')).toEqual({ state: defaultState('Europe/Berlin'), issues: [] });
  });

  it('round-trips a full state through the URL', () => {
    const state: DashboardState = {
      route: 'log',
      time: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T12:30:00.000Z' },
      timeZone: 'America/New_York',
      filters: [
        { kind: 'is', field: 'result', values: ['denied', 'fraud'] },
        { kind: 'isNot', field: 'factor', values: ['bypass_code'] },
        { kind: 'search', field: 'user.name', text: 'ali, & bob=1' },
        { kind: 'exists', field: 'reason', exists: false },
        { kind: 'is', field: 'access_device.ip_reputation.is_tor', values: ['true'] },
      ],
      refresh: '1m',
      sort: { field: 'user.name', direction: 'asc' },
      pageSize: 1000,
      columns: ['user.name', 'ts', 'access_device.location.geo', 'quality'],
      builder: { view: 'donut', groupBy: 'result', metric: 'count' },
    };
    const href = encodeState(state);
    expect(decode(href)).toEqual({ state, issues: [] });
    // Canonical: encoding what was decoded gives the same URL back.
    expect(encodeState(decode(href).state)).toBe(href);
  });

  it('writes short, readable links', () => {
    const state = {
      ...defaultState('UTC'),
      filters: [{ kind: 'is' as const, field: 'result' as const, values: ['denied'] }],
    };
    expect(encodeState(state)).toBe('/?tz=UTC&f.result=denied');
    expect(
      encodeState({
        ...state,
        route: 'builder',
        builder: { view: 'map', groupBy: 'factor', metric: 'distinct_users' },
      }),
    ).toBe('/builder?tz=UTC&f.result=denied&view=map&by=factor&metric=distinct_users');
  });

  it('keeps page-specific parameters to their page', () => {
    const { state } = decode('/?sort=user.name&view=map');
    expect(state.sort).toEqual({ field: 'ts', direction: 'desc' });
    expect(state.builder.view).toBe('donut');
  });

  it('keeps the log’s columns in the link, in their order, and leaves the default columns out', () => {
    const { state, issues } = decode('/log?columns=result,ts,email,customer_id');
    expect(issues).toEqual([]);
    expect(state.columns).toEqual(['result', 'ts', 'email', 'customer_id']);
    expect(encodeState(state)).toBe(
      `/log?tz=Europe%2FBerlin&columns=${encodeURIComponent('result,ts,email,customer_id')}`,
    );
    expect(encodeState(decode('/log').state)).toBe('/log?tz=Europe%2FBerlin');
    expect(decode('/?columns=email').state.columns).toEqual(defaultState('UTC').columns);
  });

  it('checks a link’s columns against the schema: unknown names are named and left out, repeats merged', () => {
    const { state, issues } = decode('/log?columns=email,nope,email,,ts,__proto__');
    expect(state.columns).toEqual(['email', 'ts']);
    expect(issues).toEqual(['Columns: no field is named "nope", "__proto__"; showing the other columns.']);
    const none = decode(`/log?columns=${Array.from({ length: 8 }, (_, i) => `x${i}`).join(',')}`);
    expect(none.state.columns).toEqual(defaultState('UTC').columns);
    expect(none.issues).toEqual([
      'Columns: no field is named "x0", "x1", "x2", "x3", "x4" and 3 more; showing the default columns.',
    ]);
    expect(decode('/log?columns=').issues).toEqual([
      'Columns: the column list is empty; showing the default columns.',
    ]);
  });

  it('merges repeated values of one field into one pill, without duplicates', () => {
    const { state } = decode('/?f.result=denied&f.factor=sms_passcode&f.result=fraud&f.result=denied');
    expect(state.filters).toEqual([
      { kind: 'is', field: 'result', values: ['denied', 'fraud'] },
      { kind: 'is', field: 'factor', values: ['sms_passcode'] },
    ]);
  });

  it('drops garbage and says what it dropped, keeping everything usable', () => {
    const { state, issues } = decode(
      '/nowhere?last=2y&tz=Mars/Olympus&refresh=1s&f.nope=1&f.result=maybe&q.result=x&has.reason=perhaps' +
        '&f.ts=2026&f.customer_id=other&f.factor=push&zzz=1',
    );
    expect(state).toEqual({
      ...defaultState('Europe/Berlin'),
      filters: [{ kind: 'is', field: 'factor', values: ['push'] }],
    });
    expect(issues).toEqual([
      'There is no page at /nowhere; showing the overview.',
      'Unknown time range "2y"; showing the last 24 hours.',
      'Unknown time zone "Mars/Olympus"; using Europe/Berlin.',
      'Unknown refresh interval "1s"; auto-refresh is off.',
      'Ignored filter f.nope=1: nope is not a filterable field.',
      'Ignored filter f.result=maybe: "maybe" is not a value of result.',
      'Ignored filter q.result=x: result does not support text search.',
      'Ignored filter has.reason=perhaps: expected yes or no.',
      'Ignored filter f.ts=2026: ts cannot be filtered by value.',
      'Ignored filter f.customer_id=other: customer_id is not a filterable field.',
      'Ignored unknown parameter "zzz".',
    ]);
  });

  it('refuses a custom range that is malformed, partial or backwards', () => {
    for (const query of [
      'from=yesterday&to=2026-11-02T00:00:00Z',
      'from=2026-11-01T00:00:00Z',
      'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z',
      'from=2026-13-45T00:00:00Z&to=2026-11-01T00:00:00Z',
    ]) {
      const { state, issues } = decode(`/?${query}`);
      expect(state.time).toEqual({ last: '24h' });
      expect(issues).toHaveLength(1);
    }
  });

  it('accepts offsets in a custom range and normalises them to UTC', () => {
    const { state } = decode('/?from=2026-11-01T02:00:00%2B02:00&to=2026-11-01T03:00:00Z');
    expect(state.time).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T03:00:00.000Z' });
  });

  it('validates the log sort and the builder settings against the schema', () => {
    expect(decode('/log?sort=access_device.location.geo').issues).toEqual([
      'Cannot sort by "access_device.location.geo"; sorting by time, newest first.',
    ]);
    expect(decode('/log?sort=ts').state.sort).toEqual({ field: 'ts', direction: 'asc' });
    expect(decode('/log?size=500').state.pageSize).toBe(500);
    expect(decode('/log?size=5000').issues).toEqual(['Cannot load "5000" rows at a time; loading 100.']);
    const builder = decode('/builder?view=pie&by=txid&metric=sum');
    expect(builder.state.builder).toEqual({ view: 'donut', groupBy: 'result', metric: 'count' });
    expect(builder.issues).toHaveLength(3);
    expect(decode('/builder/?view=stacked-area&by=user.groups&metric=failure_rate').state.builder).toEqual({
      view: 'stacked-area',
      groupBy: 'user.groups',
      metric: 'failure_rate',
    });
  });

  it('caps how many filters one link can create', () => {
    const query = Array.from({ length: MAX_FILTER_PARAMS + 20 }, (_, i) => `f.user.name=u${i}`).join('&');
    const { state, issues } = decode(`/?${query}`);
    expect(state.filters[0]).toMatchObject({ field: 'user.name' });
    expect(state.filters[0]?.kind === 'is' && state.filters[0].values.length).toBe(MAX_FILTER_PARAMS);
    expect(issues).toEqual([`Only the first ${MAX_FILTER_PARAMS} filter values of a link are used.`]);
  });

  it('truncates hostile parameter text in its messages', () => {
    const { issues } = decode(`/?last=${'x'.repeat(500)}`);
    expect(issues[0]!.length).toBeLessThan(120);
  });

  it("asks for the viewer's zone only when the link names none or an unknown one", () => {
    let asked = 0;
    const viewerZone = () => (asked++, 'Asia/Tokyo');
    expect(decodeState('/', '?tz=UTC', viewerZone).state.timeZone).toBe('UTC');
    expect(decodeState('/', '?tz=Europe%2FParis', viewerZone).state.timeZone).toBe('Europe/Paris');
    expect(asked).toBe(0);
    expect(decodeState('/', '', viewerZone).state.timeZone).toBe('Asia/Tokyo');
    expect(decodeState('/', '?tz=Mars%2FOlympus', viewerZone).issues).toEqual([
      'Unknown time zone "Mars/Olympus"; using Asia/Tokyo.',
    ]);
    expect(asked).toBe(2);
  });

  it('refuses a zone the API refuses: one too new for Elasticsearch is unknown here too', () => {
    const viewerZone = () => 'UTC';
    expect(decodeState('/', '?tz=America%2FCoyhaique', viewerZone).issues).toEqual([
      'Unknown time zone "America/Coyhaique"; using UTC.',
    ]);
  });

  it('keeps the customer an admin chose in the link, and names a malformed one', () => {
    const { state } = decode('/log?customer=globex&last=7d');
    expect(state.customer).toBe('globex');
    expect(encodeState(state)).toBe('/log?customer=globex&last=7d&tz=Europe%2FBerlin');
    const bad = decode('/?customer=../etc');
    expect(bad.state.customer).toBeUndefined();
    expect(bad.issues).toEqual(['"../etc" is not a customer id; no customer is chosen.']);
  });

  it('checks a filter value as the API would, and names the part it ignored', () => {
    const { state, issues } = decode('/?f.access_device.ip=999.999.1.1&f.access_device.ip=10.0.0.0/8');
    expect(state.filters).toEqual([{ kind: 'is', field: 'access_device.ip', values: ['10.0.0.0/8'] }]);
    expect(issues).toEqual([
      'Ignored filter f.access_device.ip=999.999.1.1: expected an IP address or CIDR block, got "999.999.1.1".',
    ]);
  });

  it('says which of "last" and a custom range it ignored when a link has both', () => {
    const both = decode('/?last=7d&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z');
    expect(both.state.time).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' });
    expect(both.issues).toEqual([
      'Ignored last=7d: the link also names a custom range, from 2026-11-01T00:00:00.000Z to 2026-11-02T00:00:00.000Z, which is shown.',
    ]);
    const broken = decode('/?last=7d&from=yesterday&to=2026-11-02T00:00:00Z');
    expect(broken.state.time).toEqual({ last: '7d' });
    expect(broken.issues).toEqual([
      'Ignored the custom range: "from" and "to" need ISO 8601 instants, from before to; showing last=7d.',
    ]);
  });
});
