import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './signature';

const secret = 'whsec_test-secret';
const body = '{"id":"abc","event":"finding.created"}';
const t = 1_793_000_000;
const now = t * 1000;

describe('webhook signatures', () => {
  it('are t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> keyed with the secret string', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verify the body, as a string or as the raw bytes received', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature({ secret, body, header, now })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature({ secret, body: Buffer.from(body), header, now }).ok).toBe(true);
  });

  it('accept any matching v1 among several, and ignore unknown schemes', () => {
    const good = signWebhook(secret, body, t).split(',')[1]!;
    const header = `t=${t},v0=zzz,v1=${'0'.repeat(64)},${good}`;
    expect(verifyWebhookSignature({ secret, body, header, now }).ok).toBe(true);
  });

  it.each([
    ['another body', { body: `${body} ` }, 'no signature matches the body'],
    ['another secret', { secret: 'whsec_other' }, 'no signature matches the body'],
    ['no header', { header: undefined }, 'no X-Sightline-Signature header'],
    ['no timestamp', { header: `v1=${'a'.repeat(64)}` }, 'the signature header has no timestamp (t=)'],
    ['no signature', { header: `t=${t}` }, 'the signature header has no v1 signature'],
    [
      'an old timestamp',
      { now: now + 301_000 },
      'the timestamp is 301 s from now, beyond the 300 s tolerance',
    ],
    [
      'a timestamp from the future',
      { now: now - 301_000 },
      'the timestamp is -301 s from now, beyond the 300 s tolerance',
    ],
  ])('refuse %s, saying why', (_, change, reason) => {
    const input = { secret, body, header: signWebhook(secret, body, t), now, ...change };
    expect(verifyWebhookSignature(input)).toEqual({ ok: false, reason });
  });

  it('refuse a timestamp swapped into a valid signature (the time is signed with the body)', () => {
    const v1 = signWebhook(secret, body, t).split(',')[1]!;
    expect(verifyWebhookSignature({ secret, body, header: `t=${t + 60},${v1}`, now }).ok).toBe(false);
  });

  it('take a tolerance of the receiver’s choice', () => {
    const header = signWebhook(secret, body, t);
    expect(
      verifyWebhookSignature({ secret, body, header, now: now + 600_000, toleranceSeconds: 900 }).ok,
    ).toBe(true);
  });

  it('use fresh random secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
