// Per-IP limits key an IPv6 address by its /64 (accounts/rate-limits.ts ipKey): one subscriber gets a
// whole /64, so rotating addresses within it must not buy more attempts. Through the real LOGIN_LIMITER
// binding (10 per minute per key); each series has its own /64 and runs inOneWindow.
import { describe, expect, it } from 'vitest';
import { ipKey } from '../../../worker/src/accounts/rate-limits';
import { call, inOneWindow, uniqueEmail } from '../../helpers/api';

const hex = () => crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16);
/** A fresh /64 inside 2001:db8::/32 (documentation prefix). */
const fresh64 = () => `2001:db8:${hex()}:${hex()}`;
/** A random address of `prefix` (::/64): another interface id each call. */
const inside = (prefix: string) => `${prefix}:${hex()}:${hex()}:${hex()}:${hex()}`;

describe('IPv6 per-IP limits', () => {
  it('keys an IPv6 address by its /64, however it is written; IPv4 and IPv4-mapped IPv6 by the address', () => {
    expect(ipKey('2001:db8:a:b:1:2:3:4')).toBe(ipKey('2001:0DB8:000a:b::ffff'));
    expect(ipKey('2001:db8:a:b::1')).toBe('ip:2001:db8:a:b::/64');
    expect(ipKey('2001:db8:a:c::1')).not.toBe(ipKey('2001:db8:a:b::1'));
    expect(ipKey('fe80::1%eth0')).toBe(ipKey('fe80::2'));
    expect(ipKey('::ffff:203.0.113.7')).toBe(ipKey('203.0.113.7'));
    expect(ipKey('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipKey('203.0.113.8')).not.toBe(ipKey('203.0.113.7'));
    expect(ipKey(undefined)).toBe('ip:unknown');
  });

  it('log-in: rotating addresses within one /64 does not buy more than 10 attempts a minute', () =>
    inOneWindow(async () => {
      const prefix = fresh64();
      for (let i = 0; i < 10; i++) {
        const res = await call('POST', '/storefront/session', {
          body: { email: uniqueEmail('v6rotate'), password: `wrong-${crypto.randomUUID()}` },
          headers: { 'CF-Connecting-IP': inside(prefix) },
        });
        expect(res.status, res.text).toBe(401);
      }
      const refused = await call('POST', '/storefront/session', {
        body: { email: uniqueEmail('v6rotate'), password: `wrong-${crypto.randomUUID()}` },
        headers: { 'CF-Connecting-IP': inside(prefix) },
      });
      expect(refused.status, refused.text).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(refused.headers.get('Retry-After')).toBeTruthy();
      // Another /64 is another subscriber.
      const other = await call('POST', '/storefront/session', {
        body: { email: uniqueEmail('v6rotate'), password: `wrong-${crypto.randomUUID()}` },
        headers: { 'CF-Connecting-IP': inside(fresh64()) },
      });
      expect(other.status, other.text).toBe(401);
    }));

  it('password reset: rotating addresses within one /64 does not buy more than 5 requests a minute', () =>
    inOneWindow(async () => {
      const prefix = fresh64();
      for (let i = 0; i < 5; i++) {
        const res = await call('POST', '/storefront/password-reset', {
          body: { email: uniqueEmail('v6reset') },
          headers: { 'CF-Connecting-IP': inside(prefix) },
        });
        expect(res.status, res.text).toBe(202);
      }
      const refused = await call('POST', '/storefront/password-reset', {
        body: { email: uniqueEmail('v6reset') },
        headers: { 'CF-Connecting-IP': inside(prefix) },
      });
      expect(refused.status, refused.text).toBe(429);
    }));
});
