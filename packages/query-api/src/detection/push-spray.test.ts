import { describe, expect, it } from 'vitest';
import { networkOf } from './network';
import { PUSH_SPRAY } from './thresholds';
import { ofType, refused, run } from './test-support';

const spray = (users: number, ip: (i: number) => string, minutes = 1) =>
  Array.from({ length: users }, (_, i) =>
    refused({ txid: `s${i}`, at: i * minutes, user: `user${i}`, ip: ip(i) }),
  );

describe('push spray', () => {
  it('finds refused pushes to many users from one network, at the threshold and not below', () => {
    const n = PUSH_SPRAY.minUsers;
    expect(ofType(run(spray(n - 1, (i) => `203.0.113.${10 + i}`)), 'push_spray')).toEqual([]);
    const [finding] = ofType(run(spray(n, (i) => `203.0.113.${10 + i}`)), 'push_spray');
    expect(finding?.details.network).toBe('203.0.113.0/24');
    expect(finding?.details.users).toHaveLength(n);
    expect(finding?.reason).toBe(
      `${n} refused or unanswered pushes to ${n} users from ${n} addresses in 203.0.113.0/24 in ${n - 1} minutes`,
    );
  });

  it('names the single address when it is one', () => {
    const [finding] = ofType(run(spray(6, () => '198.51.100.99')), 'push_spray');
    expect(finding?.address).toBe('198.51.100.99');
    expect(finding?.user).toBeNull();
  });

  it('does not join neighbouring networks, nor pushes spread wider than the window', () => {
    expect(ofType(run(spray(6, (i) => `203.0.${113 + (i % 2)}.7`)), 'push_spray')).toEqual([]);
    const wide = (PUSH_SPRAY.windowMs / 60_000) * 1.2;
    expect(ofType(run(spray(6, () => '203.0.113.7', wide)), 'push_spray')).toEqual([]);
  });

  it('groups IPv6 addresses by /64 and ignores what is not an address', () => {
    expect(networkOf('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('not-an-ip')).toBeNull();
    expect(ofType(run(spray(6, (i) => `2001:db8:1:2::${i + 1}`)), 'push_spray')).toHaveLength(1);
  });
});
