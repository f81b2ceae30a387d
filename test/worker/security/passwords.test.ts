// Password storage: PBKDF2-HMAC-SHA-256 with ≥ 600,000 iterations in total, in WebCrypto calls of
// ≤ 100,000 each (production Workers refuse more; local workerd does not, so our own cap must hold),
// parameters in the stored string, and old hashes upgraded at the next successful log-in.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, hashPassword, MAX_ITERATIONS_PER_CALL, parseHash, verifyPassword } from '../../../worker/src/auth/passwords';
import { adminToken, call } from '../../helpers/api';
import { signUp } from '../../helpers/shopper';
import { type Pbkdf2Spy, spyOnPbkdf2 } from './pbkdf2-spy';

const OLD_PARAMS = { version: 1, iterations: 200_000, perCall: 100_000 };

let spy: Pbkdf2Spy | undefined;
afterEach(() => {
  spy?.restore();
  spy = undefined;
});

const storedHash = async (id: number) =>
  (await env.DB.prepare('SELECT password_hash FROM customers WHERE id = ?1').bind(id).first<{ password_hash: string | null }>())!.password_hash;

describe('parameters', () => {
  it('the current parameters and a fresh hash say ≥ 600,000 iterations in total and ≤ 100,000 per call', async () => {
    expect(MAX_ITERATIONS_PER_CALL).toBeLessThanOrEqual(100_000);
    expect(CURRENT_PARAMS.iterations).toBeGreaterThanOrEqual(600_000);
    expect(CURRENT_PARAMS.perCall).toBeLessThanOrEqual(100_000);
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^pbkdf2-sha256\$v=\d+\$i=\d+,c=\d+\$[\w-]+\$[\w-]+$/);
    const parsed = parseHash(stored)!;
    expect(parsed.iterations).toBeGreaterThanOrEqual(600_000);
    expect(parsed.perCall).toBeLessThanOrEqual(100_000);
    expect(parsed.salt.length).toBeGreaterThanOrEqual(16);
    expect(parsed.hash.length).toBe(32);
    // Salted: the same password never hashes to the same string twice.
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
  });

  it('really runs the iterations: every WebCrypto call ≤ 100,000, their sum ≥ 600,000 (hash and verify)', async () => {
    spy = spyOnPbkdf2();
    const stored = await hashPassword('spy-on-me-please');
    const hashing = [...spy.iterations];
    expect(hashing.length).toBeGreaterThanOrEqual(6);
    for (const n of hashing) expect(n).toBeLessThanOrEqual(100_000);
    expect(hashing.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600_000);

    const before = spy.iterations.length;
    expect((await verifyPassword('spy-on-me-please', stored)).valid).toBe(true);
    const verifying = spy.iterations.slice(before);
    for (const n of verifying) expect(n).toBeLessThanOrEqual(100_000);
    expect(verifying.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600_000);
  });

  it('refuses a single call above the Workers limit with a RangeError, before it reaches WebCrypto', async () => {
    spy = spyOnPbkdf2();
    await expect(hashPassword('x-password-x', { version: 1, iterations: 600_000, perCall: 200_000 })).rejects.toBeInstanceOf(RangeError);
    await expect(hashPassword('x-password-x', { version: 1, iterations: 100_001, perCall: 100_001 })).rejects.toBeInstanceOf(RangeError);
    // No oversized call reached WebCrypto (filtered: other tests may hash in this isolate meanwhile).
    expect(spy.iterations.filter((n) => n > 100_000)).toEqual([]);
    // A stored hash claiming larger calls is not verified by one big call either.
    const big = (await hashPassword('x-password-x')).replace(/c=\d+/, 'c=600000');
    await expect(verifyPassword('x-password-x', big)).rejects.toBeInstanceOf(RangeError);
    for (const n of spy.iterations) expect(n).toBeLessThanOrEqual(100_000);
  });

  it('chains the rounds: the parameters in the string matter, so a tampered count does not verify', async () => {
    const stored = await hashPassword('chained-rounds-1');
    expect((await verifyPassword('chained-rounds-1', stored)).valid).toBe(true);
    expect((await verifyPassword('chained-rounds-2', stored)).valid).toBe(false);
    expect((await verifyPassword('chained-rounds-1', stored.replace('i=600000', 'i=500000'))).valid).toBe(false);
    expect((await verifyPassword('chained-rounds-1', stored.replace('c=100000', 'c=50000'))).valid).toBe(false);
  });

  it('treats a missing or malformed hash as a failed verification that still costs a full hash', async () => {
    spy = spyOnPbkdf2();
    for (const stored of [null, '', 'plaintext', 'pbkdf2-sha256$v=1$i=600000$abc$def']) {
      const before = spy.iterations.length;
      expect(await verifyPassword('anything-at-all', stored)).toEqual({ valid: false, needsUpgrade: false });
      expect(spy.iterations.slice(before).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600_000);
    }
  });
});

describe('upgrade of old hashes', () => {
  it('an old-parameter hash verifies with needsUpgrade; a current one does not need it; a wrong password never does', async () => {
    const old = await hashPassword('upgrade-me-please', OLD_PARAMS);
    expect(parseHash(old)).toMatchObject(OLD_PARAMS);
    expect(await verifyPassword('upgrade-me-please', old)).toEqual({ valid: true, needsUpgrade: true });
    expect(await verifyPassword('not-the-password', old)).toEqual({ valid: false, needsUpgrade: false });
    expect(await verifyPassword('upgrade-me-please', await hashPassword('upgrade-me-please'))).toEqual({ valid: true, needsUpgrade: false });
  });

  it('log-in through the real route upgrades an old hash in D1 to the current parameters', async () => {
    const password = `old-params-${crypto.randomUUID()}`;
    const shopper = await signUp({ password });
    const signedUpHash = parseHash((await storedHash(shopper.id))!)!;
    expect(signedUpHash.iterations).toBe(CURRENT_PARAMS.iterations);

    const old = await hashPassword(password, OLD_PARAMS);
    await env.DB.prepare('UPDATE customers SET password_hash = ?2 WHERE id = ?1').bind(shopper.id, old).run();

    // A wrong password leaves the old hash alone.
    expect((await call('POST', '/storefront/session', { body: { email: shopper.email, password: 'wrong-password-123' } })).status).toBe(401);
    expect(await storedHash(shopper.id)).toBe(old);

    const res = await call('POST', '/storefront/session', { body: { email: shopper.email, password } });
    expect(res.status, res.text).toBe(200);
    const upgraded = (await storedHash(shopper.id))!;
    expect(upgraded).not.toBe(old);
    expect(parseHash(upgraded)).toMatchObject({ version: CURRENT_PARAMS.version, iterations: 600_000, perCall: 100_000 });
    expect(upgraded).toMatch(/\$i=600000,c=100000\$/);
    expect(await verifyPassword(password, upgraded)).toEqual({ valid: true, needsUpgrade: false });

    // Once upgraded, a further log-in leaves it as it is.
    expect((await call('POST', '/storefront/session', { body: { email: shopper.email, password } })).status).toBe(200);
    expect(await storedHash(shopper.id)).toBe(upgraded);
  });

  it('admin validate-credentials accepts an old-parameter hash', async () => {
    const password = `old-params-${crypto.randomUUID()}`;
    const shopper = await signUp({ password });
    await env.DB.prepare('UPDATE customers SET password_hash = ?2 WHERE id = ?1')
      .bind(shopper.id, await hashPassword(password, OLD_PARAMS))
      .run();
    const admin = await adminToken(['store_v2_customers']);
    const res = await call('POST', '/v3/customers/validate-credentials', { token: admin, body: { email: shopper.email, password } });
    expect(res.body).toEqual({ is_valid: true, customer_id: shopper.id });
  });
});
