import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo';
import { CLOCK_SKEW_MS, IMPOSSIBLE_TRAVEL } from './thresholds';
import { ofType, PLACES, run, type Crafted } from './test-support';

const DAY_MINUTES = 24 * 60;
const km = distanceKm(PLACES.newYork, PLACES.london);
/** The gap in minutes at which New York to London is exactly the threshold speed, skew included. */
const atThreshold = (km / IMPOSSIBLE_TRAVEL.minSpeedKmh) * 60 - CLOCK_SKEW_MS / 60_000;

const hop = (minutes: number, extra: Partial<Crafted> = {}): Crafted[] => [
  { txid: 'ny', at: 0, place: 'newYork' },
  { txid: 'ldn', at: minutes, place: 'london', ...extra },
];

describe('impossible travel', () => {
  it('names both places, the distance, the time and the speed', () => {
    const [finding] = ofType(run(hop(60)), 'impossible_travel');
    expect(finding?.reason).toBe(
      'New York, United States then London, United Kingdom, 5,570 km in 60 minutes (5,391 km/h)',
    );
    expect(finding?.details).toMatchObject({
      distanceKm: 5570,
      speedKmh: 5391,
      likelyCause: null,
      countries: ['US', 'GB'],
    });
    expect(finding?.evidence).toEqual(['ny', 'ldn']);
    expect(finding?.severity).toBe('high');
  });

  it("mentions the source's concurring verdict where the hop's records carry one, and only then", () => {
    const [finding] = ofType(
      run(hop(60, { attacks: ['NOVEL_ASN', 'UNREALISTIC_TRAVEL'], velocity: 3360 })),
      'impossible_travel',
    );
    expect(finding?.reason).toBe(
      'New York, United States then London, United Kingdom, 5,570 km in 60 minutes (5,391 km/h); Duo concurs: NOVEL_ASN, UNREALISTIC_TRAVEL, unrealistic travel (3,360)',
    );
    expect(finding?.details.sourceConcurs).toEqual([
      { txid: 'ldn', attacks: ['NOVEL_ASN', 'UNREALISTIC_TRAVEL'], trustLevel: 'LOW', velocity: 3360 },
    ]);
    // The same hop without a verdict: Sightline's own words only, and no field at all.
    const [plain] = ofType(run(hop(60, { trust: 'NORMAL' })), 'impossible_travel');
    expect(plain?.reason).not.toMatch(/Duo/);
    expect(plain?.details).not.toHaveProperty('sourceConcurs');
  });

  it('is raised just above the speed threshold and not at it, the clock skew allowance included', () => {
    expect(ofType(run(hop(atThreshold * 0.99)), 'impossible_travel')).toHaveLength(1);
    expect(ofType(run(hop(atThreshold * 1.01)), 'impossible_travel')).toEqual([]);
  });

  it('ignores hops shorter than the distance threshold, however fast', () => {
    expect(distanceKm(PLACES.newYork, PLACES.boston)).toBeLessThan(IMPOSSIBLE_TRAVEL.minDistanceKm);
    const records: Crafted[] = [
      { txid: 'ny', at: 0, place: 'newYork' },
      { txid: 'bos', at: 1, place: 'boston' },
    ];
    expect(ofType(run(records), 'impossible_travel')).toEqual([]);
  });

  it('tolerates clock skew: the same place a minute "earlier" is no journey, London a minute earlier is one', () => {
    const skewed: Crafted[] = [
      { txid: 'a', at: 10, place: 'newYork' },
      { txid: 'b', at: 9, place: 'newYork' },
    ];
    expect(ofType(run(skewed), 'impossible_travel')).toEqual([]);
    expect(ofType(run(hop(-1)), 'impossible_travel')).toHaveLength(1);
  });

  it('finds the hop whichever record arrives first', () => {
    const late = run([...hop(60)].reverse());
    expect(ofType(late, 'impossible_travel')).toHaveLength(1);
    expect(ofType(late, 'impossible_travel')[0]?.details.speedKmh).toBe(5391);
  });

  it('names a VPN or Tor address as the likely cause and lowers the severity', () => {
    const plain = ofType(run(hop(60)), 'impossible_travel')[0]!;
    const vpn = ofType(run(hop(60, { vpn: true })), 'impossible_travel')[0]!;
    expect(vpn.details.likelyCause).toBe('anonymising address');
    expect(vpn.reason).toContain('likely a VPN or Tor address');
    expect(vpn.score).toBeLessThan(plain.score);
    expect(['low', 'medium']).toContain(vpn.severity);
  });

  it('stays quiet when both places are familiar: the user was in London last week, or a colleague this month', () => {
    const ownTrip: Crafted[] = [
      { txid: 'trip', at: -7 * DAY_MINUTES, place: 'london' },
      { txid: 'home', at: -6 * DAY_MINUTES, place: 'newYork' },
      ...hop(60),
    ];
    expect(ofType(run(ownTrip), 'impossible_travel')).toEqual([]);
    const colleague: Crafted[] = [
      { txid: 'ben-ny', at: -3 * DAY_MINUTES, place: 'newYork', user: 'ben' },
      { txid: 'ben-ldn', at: -2 * DAY_MINUTES, place: 'london', user: 'ben' },
      ...hop(60),
    ];
    expect(ofType(run(colleague), 'impossible_travel')).toEqual([]);
  });

  it('on a user first day, needs no baseline: physics is enough', () => {
    expect(ofType(run(hop(30)), 'impossible_travel')[0]?.details.minutes).toBe(30);
  });

  it('in an organisation whose people hop all the time, needs a malicious or Tor address at the strange end', () => {
    // 600 users, each signing in from New York and, now and then, from London minutes later.
    const noisy: Crafted[] = [];
    for (let i = 0; i < 600; i++) {
      noisy.push({ txid: `n${i}`, at: -DAY_MINUTES + i, user: `u${i}`, place: 'newYork' });
      if (i % 50 === 0)
        noisy.push({ txid: `l${i}`, at: -DAY_MINUTES + i + 5, user: `u${i}`, place: 'london' });
    }
    const toMoscow = (extra: Partial<Crafted>): Crafted[] => [
      ...noisy,
      { txid: 'ny', at: 0, place: 'newYork' },
      { txid: 'mow', at: 60, place: 'moscow', ...extra },
    ];
    const plain = ofType(run(toMoscow({})), 'impossible_travel').filter((f) => f.user === 'ana');
    expect(plain).toEqual([]);
    const tor = ofType(run(toMoscow({ tor: true, malicious: true })), 'impossible_travel').filter(
      (f) => f.user === 'ana',
    );
    expect(tor).toHaveLength(1);
  });
});
