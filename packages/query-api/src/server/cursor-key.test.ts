import { describe, expect, it } from 'vitest';
import { cursorKeyFromEnv, hmacCursorKey } from './cursor-key';

const SECRET = 'a shared secret of at least 32 characters';

describe('the cursor key', () => {
  it('verifies what it signed, and nothing else', () => {
    const key = hmacCursorKey(SECRET);
    const mac = key.sign('payload');
    expect(key.verify('payload', mac)).toBe(true);
    expect(key.verify('payloaD', mac)).toBe(false);
    expect(key.verify('payload', `${mac}A`)).toBe(false);
    expect(key.verify('payload', '')).toBe(false);
  });

  it('is the same on every instance given the same SIGHTLINE_CURSOR_SECRET', () => {
    const quiet = () => {};
    const one = cursorKeyFromEnv({ SIGHTLINE_CURSOR_SECRET: SECRET }, quiet);
    const two = cursorKeyFromEnv({ SIGHTLINE_CURSOR_SECRET: SECRET }, quiet);
    const other = cursorKeyFromEnv({ SIGHTLINE_CURSOR_SECRET: `${SECRET}!` }, quiet);
    expect(two.verify('page', one.sign('page'))).toBe(true);
    expect(other.verify('page', one.sign('page'))).toBe(false);
  });

  it('without a secret, makes a random one and says in one line what that costs', () => {
    const notices: string[] = [];
    const one = cursorKeyFromEnv({}, (line) => notices.push(line));
    const two = cursorKeyFromEnv({ SIGHTLINE_CURSOR_SECRET: '' }, (line) => notices.push(line));
    expect(two.verify('page', one.sign('page'))).toBe(false);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/SIGHTLINE_CURSOR_SECRET is not set.*restart.*instances/);
    expect(notices[0]).not.toContain('\n');
  });

  it('refuses a secret too short to be one, rather than starting with it', () => {
    expect(() => cursorKeyFromEnv({ SIGHTLINE_CURSOR_SECRET: 'hunter2' })).toThrow(/at least 32 characters/);
  });
});
