import { describe, expect, it } from 'vitest';
import { parseIp } from './ip';

const bare = (value: string) => ({ value, withPort: false, malformed: false });
const ported = (value: string) => ({ value, withPort: true, malformed: false });
const malformed = (value: string) => ({ value, withPort: false, malformed: true });

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['  10.0.0.1 ', '10.0.0.1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::1', '::1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['[2001:db8::1]', '2001:db8::1'],
  ])('keeps the address %s as it is, with no port', (raw, value) => {
    expect(parseIp(raw)).toEqual(bare(value));
  });

  it.each([
    ['1.2.3.4:1234', '1.2.3.4'],
    ['1.2.3.4:0', '1.2.3.4'],
    ['1.2.3.4:65535', '1.2.3.4'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[::ffff:192.0.2.1]:443', '::ffff:192.0.2.1'],
  ])('strips the colon port of %s', (raw, value) => {
    expect(parseIp(raw)).toEqual(ported(value));
  });

  describe("Duo's v6 forms", () => {
    it.each([
      ['2001:db8::1#443', '2001:db8::1'],
      ['2001:db8::1p443', '2001:db8::1'],
      ['2001:db8::1P443', '2001:db8::1'],
      ['2001:db8::1 port 443', '2001:db8::1'],
      ['2001:db8::1  PORT\t443', '2001:db8::1'],
      ['2001:db8::1.443', '2001:db8::1'],
      ['fe80::abcd.8080', 'fe80::abcd'],
      ['::1#0', '::1'],
      ['2001:db8:0:0:0:0:0:1#65535', '2001:db8:0:0:0:0:0:1'],
    ])('reads %s as %s with a port', (raw, value) => {
      expect(parseIp(raw)).toEqual(ported(value));
    });

    it('reads a v4-mapped address followed by each form', () => {
      for (const raw of ['::ffff:1.2.3.4#80', '::ffff:1.2.3.4p80', '::ffff:1.2.3.4 port 80']) {
        expect(parseIp(raw)).toEqual(ported('::ffff:1.2.3.4'));
      }
      // Its dotted tail is the address's own; only a fifth number is a port.
      expect(parseIp('::ffff:1.2.3.4.80')).toEqual(ported('::ffff:1.2.3.4'));
    });
  });

  it.each([
    ['1.2.3.4#80', '1.2.3.4'],
    ['1.2.3.4p80', '1.2.3.4'],
    ['1.2.3.4 port 80', '1.2.3.4'],
  ])('accepts the unambiguous separators after v4 too: %s', (raw, value) => {
    expect(parseIp(raw)).toEqual(ported(value));
  });

  describe('ambiguous text is decided by validity', () => {
    it('reads a v6 address whose last group looks like a port as that address', () => {
      // A valid address as written: `443` is its last group, not a port.
      expect(parseIp('2001:db8::1:443')).toEqual(bare('2001:db8::1:443'));
      expect(parseIp('2001:db8:1:2:3:4:5:443')).toEqual(bare('2001:db8:1:2:3:4:5:443'));
    });

    it('reads a ninth group after eight as a port, since no address has nine', () => {
      expect(parseIp('2001:db8:1:2:3:4:5:6:443')).toEqual(ported('2001:db8:1:2:3:4:5:6'));
    });

    it('reads a compressed v6 with a colon port as the longer address, never as a port', () => {
      // `::1:8080` is a valid address, so there is nothing to strip.
      expect(parseIp('::1:8080')).toEqual(bare('::1:8080'));
    });

    it('never reads a fifth dotted number after v4 as a port', () => {
      expect(parseIp('1.2.3.4.80')).toEqual(malformed('1.2.3.4.80'));
    });
  });

  it.each([
    ['999.1.1.1'],
    ['999.1.1.1:80'],
    ['not-an-ip'],
    ['[1.2.3.4]:80'],
    ['1.2.3.4:65536'],
    ['2001:db8::1#65536'],
    ['2001:db8::1p99999'],
    ['2001:db8::1#'],
    ['2001:db8::1#-1'],
    ['2001:db8::1 port'],
    ['2001:db8::1 port x'],
    ['2001:db8::1#443#443'],
    ['2001:db8::1.0x1bb'],
    ['2001:db8::g#443'],
    ['2001:db8::1:2:3:4:5:6:7:443'],
    ['[2001:db8::1]#443'],
    ['port 443'],
    ['#443'],
  ])('keeps %s raw and flags it malformed', (raw) => {
    expect(parseIp(raw)).toEqual(malformed(raw));
  });
});
