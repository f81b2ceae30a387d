// accounts/email-ownership.ts directly: hashes bound to purpose + email, the per-email caps checked in the INSERT.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { emailCodeHash, issueEmailCode, withinEmailLimits } from '../../../worker/src/accounts/email-ownership';
import { uniqueEmail } from '../../helpers/api';

describe('email codes', () => {
  it('hash a code bound to its purpose and address (any case)', async () => {
    const a = await emailCodeHash('sign_in', 'A@Example.com', '123456');
    expect(a).toBe(await emailCodeHash('sign_in', 'a@example.com', '123456'));
    expect(a).not.toBe(await emailCodeHash('verify', 'a@example.com', '123456'));
    expect(a).not.toBe(await emailCodeHash('sign_in', 'b@example.com', '123456'));
  });

  it('issue at most 5 per email per hour; the sixth stores and mails nothing', async () => {
    const email = uniqueEmail('caps');
    const request = { purpose: 'verify' as const, email, customerId: null, locale: 'de' as const, accountUrl: 'https://shop.test/' };
    for (let i = 0; i < 5; i++) {
      const issued = await issueEmailCode(env, request);
      expect(issued).not.toBeNull();
      await issued!.mail;
    }
    expect(await withinEmailLimits(env.DB, email)).toBe(false);
    expect(await issueEmailCode(env, request)).toBeNull();
    const rows = await env.DB.prepare('SELECT count(*) AS n, sum(used_at IS NULL) AS live FROM email_codes WHERE email = ?1').bind(email).first();
    // Each new code replaced the one before.
    expect(rows).toEqual({ n: 5, live: 1 });
  });
});
