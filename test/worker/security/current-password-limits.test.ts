// Guessing the current password with a stolen access token is rate limited like log-in; oversized
// bodies are refused before parsing.
import { describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, inOneWindow } from '../../helpers/api';
import { bearer, signUp } from '../../helpers/shopper';

describe('current-password checks', () => {
  it('the 11th wrong current password within a minute gets 429, even from fresh IPs', () =>
    inOneWindow(async () => {
      const s = await signUp();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await call('POST', '/storefront/customer/password', {
          headers: bearer(s.accessToken),
          body: { current_password: `guess-number-${i}`, new_password: 'whatever-new-secret' },
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 10).every((st) => st === 422)).toBe(true);
      expect(statuses[10]).toBe(429);
    }));
});

describe('request size', () => {
  it('refuses bodies over 1 MB with 413 in the error shape', async () => {
    const token = await adminToken(['store_v2_customers']);
    const res = await call('POST', '/v3/customers', {
      token,
      rawBody: JSON.stringify([{ email: 'big@example.com', first_name: 'B', last_name: 'x'.repeat(1_100_000) }]),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413);
  });
});
