import { describe, expect, it } from 'vitest';
import { ipOrdinal } from './ip-order';

describe('ipOrdinal', () => {
  it('places IPv4 addresses where Elasticsearch does: as IPv4-mapped IPv6 addresses', () => {
    expect(ipOrdinal('10.0.0.1')).toBe(ipOrdinal('::ffff:10.0.0.1'));
    expect(ipOrdinal('10.0.0.1')).toBe(ipOrdinal('0:0:0:0:0:ffff:a00:1'));
    expect(ipOrdinal('0.0.0.0')! > ipOrdinal('::1')!).toBe(true);
    expect(ipOrdinal('255.255.255.255')! < ipOrdinal('2001:db8::')!).toBe(true);
  });

  it('orders addresses numerically, not as text', () => {
    expect(ipOrdinal('10.0.0.9')! < ipOrdinal('10.0.0.10')!).toBe(true);
    expect(ipOrdinal('2001:db8::9')! < ipOrdinal('2001:db8::a')!).toBe(true);
    expect(ipOrdinal('::')).toBe(0n);
    expect(ipOrdinal('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe((1n << 128n) - 1n);
  });

  it('is null for text that is not an address', () => {
    for (const text of ['10.0.0.256', '10.0.0', '1::2::3', '1:2:3:4:5:6:7', '1.2.3.4::', '10.0.0.0/8', 'x'])
      expect(ipOrdinal(text)).toBeNull();
  });
});
