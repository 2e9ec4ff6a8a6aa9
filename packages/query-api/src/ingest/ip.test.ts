import { describe, expect, it } from 'vitest';
import { parseIp } from './ip';

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4', false, false],
    ['  10.0.0.1 ', '10.0.0.1', false, false],
    ['2001:db8::1', '2001:db8::1', false, false],
    ['1.2.3.4:1234', '1.2.3.4', true, false],
    ['[2001:db8::1]:443', '2001:db8::1', true, false],
    ['[2001:db8::1]', '2001:db8::1', false, false],
    ['999.1.1.1', '999.1.1.1', false, true],
    ['999.1.1.1:80', '999.1.1.1:80', false, true],
    ['not-an-ip', 'not-an-ip', false, true],
    ['[1.2.3.4]:80', '[1.2.3.4]:80', false, true],
  ])('%s → %s (port %s, malformed %s)', (raw, value, withPort, malformed) => {
    expect(parseIp(raw)).toEqual({ value, withPort, malformed });
  });
});
