// accounts/customers.ts against real D1: one createCustomers for the admin API, sign-up and a first
// OpenID Connect sign-in (the default group, email_taken when a concurrent write wins, all or nothing),
// and one updateCustomers for the admin API and the shopper's profile.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createCustomers, eraseCustomer, updateCustomers, validateCredentials } from '../../../worker/src/accounts/customers';
import { findLiveShopper } from '../../../worker/src/accounts/shoppers';
import { ApiError } from '../../../worker/src/errors';
import { randomIp, uniqueEmail } from '../../helpers/api';
import { PASSWORD, requiredFormFields } from '../../helpers/shopper';

const staff = { kind: 'admin', actor: { type: 'staff', name: 'accounts test' } } as const;
const person = (email = uniqueEmail('domain')) => ({ email, first_name: 'Dora', last_name: 'Domain' });
const row = (id: number) =>
  env.DB.prepare(
    'SELECT customer_group_id, registration_ip_address, origin_channel_id, channel_ids, password_hash IS NOT NULL AS has_password FROM customers WHERE id = ?1',
  )
    .bind(id)
    .first<{
      customer_group_id: number | null;
      registration_ip_address: string;
      origin_channel_id: number;
      channel_ids: string;
      has_password: number;
    }>();
const countByEmail = async (email: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM customers WHERE email = ?1').bind(email).first<{ n: number }>())!.n;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('createCustomers', () => {
  it('puts sign-ups and OIDC customers in the default group with the request IP and channel; the admin API decides itself', async () => {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await env.DB.prepare('UPDATE customer_groups SET is_default = 0 WHERE is_default = 1').run();
    const group = await env.DB.prepare(
      'INSERT INTO customer_groups (name, is_default, date_created, date_modified) VALUES (?1, 1, ?2, ?2) RETURNING id',
    )
      .bind(`Domain default ${crypto.randomUUID()}`, now)
      .first<{ id: number }>();
    try {
      const [signedUp] = await createCustomers(env, [{ ...person(), password: PASSWORD, form_fields: (await requiredFormFields()) as never }], {
        kind: 'sign-up',
        ip: '198.51.100.23',
        channelId: 1,
      });
      expect(signedUp).toMatchObject({ customer_group_id: group!.id, token_version: 0 });
      expect(await row(signedUp!.id)).toEqual({
        customer_group_id: group!.id,
        registration_ip_address: '198.51.100.23',
        origin_channel_id: 1,
        channel_ids: '[1]',
        has_password: 1,
      });

      const [viaOidc] = await createCustomers(env, [person()], {
        kind: 'oidc',
        channelId: 1,
        identity: { provider: 'domain-idp', issuer: 'https://idp.test', subject: crypto.randomUUID() },
      });
      // No IP known: stored as empty, never as "unknown".
      expect(await row(viaOidc!.id)).toMatchObject({ customer_group_id: group!.id, registration_ip_address: '', has_password: 0 });

      const [byStaff] = await createCustomers(env, [person()], staff);
      expect((await row(byStaff!.id))!.customer_group_id).toBeNull();
    } finally {
      await env.DB.prepare('DELETE FROM customer_groups WHERE id = ?1').bind(group!.id).run();
    }
  });

  it('answers the ids in the order given, with the timeline event and the identity in the same batch', async () => {
    const emails = [uniqueEmail('order'), uniqueEmail('order'), uniqueEmail('order')];
    const created = await createCustomers(env, emails.map(person), staff);
    const stored = await env.DB.prepare('SELECT id, email FROM customers WHERE email IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(emails))
      .all<{ id: number; email: string }>();
    expect(created.map((c) => c.id)).toEqual(emails.map((e) => stored.results.find((r) => r.email === e)!.id));
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM timeline_events WHERE type = 'account_created' AND customer_id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(created.map((c) => c.id)))
      .first<{ n: number }>();
    expect(events!.n).toBe(3);

    const subject = crypto.randomUUID();
    const [linked] = await createCustomers(env, [person()], {
      kind: 'oidc',
      channelId: 1,
      identity: { provider: 'domain-idp', issuer: 'https://idp.test', subject },
    });
    const identity = await env.DB.prepare('SELECT customer_id FROM customer_identities WHERE provider = ?1 AND subject = ?2')
      .bind('domain-idp', subject)
      .first<{ customer_id: number }>();
    expect(identity!.customer_id).toBe(linked!.id);
  });

  it('answers email_taken with the email field for a shopper, and names the items for the admin API', async () => {
    const email = uniqueEmail('taken');
    await createCustomers(env, [person(email)], staff);
    const shopper = await rejection(
      createCustomers(env, [{ ...person(email.toUpperCase()), password: PASSWORD }], { kind: 'sign-up', channelId: 1 }),
    );
    expect(shopper.toBody()).toMatchObject({ status: 409, code: 'email_taken', codes: { email: 'email_taken' } });
    const admin = await rejection(createCustomers(env, [person(uniqueEmail('fresh')), person(email)], staff));
    expect(admin.toBody()).toMatchObject({ status: 409, code: 'email_taken', codes: { '1.email': 'email_taken' } });
  });

  it('lets exactly one of concurrent sign-ups with one email through: the others get email_taken', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        createCustomers(env, [{ ...person(email), password: PASSWORD }], { kind: 'sign-up', ip: randomIp(), channelId: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as ApiError).code).toBe('email_taken');
    expect(await countByEmail(email)).toBe(1);
  });

  it('is all or nothing: a batch that loses one email to a concurrent write writes none of its customers', async () => {
    let lost = 0;
    for (let round = 0; round < 5; round++) {
      const [first, contested] = [uniqueEmail('atomic'), uniqueEmail('contested')];
      // The batch hashes a password after its email check: the competitor lands in between.
      const [batch] = await Promise.allSettled([
        createCustomers(env, [{ ...person(first), password: PASSWORD }, person(contested)], staff),
        createCustomers(env, [person(contested)], {
          kind: 'oidc',
          channelId: 1,
          identity: { provider: 'domain-idp', issuer: 'https://idp.test', subject: crypto.randomUUID() },
        }),
      ]);
      // Whoever won the contested email, the batch's other customer exists exactly when the batch succeeded.
      expect(await countByEmail(first), `round ${round}`).toBe(batch.status === 'fulfilled' ? 1 : 0);
      if (batch.status === 'rejected') {
        expect((batch.reason as ApiError).code).toBe('email_taken');
        lost++;
      }
      expect(await countByEmail(contested)).toBe(1);
    }
    expect(lost, 'the competitor never won: the race was not exercised').toBeGreaterThan(0);
  });

  it('checks the password policy and custom fields before hashing or writing, keyed by mode', async () => {
    const email = uniqueEmail('policy');
    const signUpErr = await rejection(
      createCustomers(env, [{ ...person(email), password: email, form_fields: [{ name: 'no_such_field', value: 'x' }] }], {
        kind: 'sign-up',
        channelId: 1,
      }),
    );
    expect(signUpErr.code).toBe('validation_failed');
    expect(signUpErr.toBody().codes).toMatchObject({ password: 'password_is_email', 'form_fields.no_such_field': 'unknown_field' });
    const adminErr = await rejection(createCustomers(env, [person(), { ...person(), password: 'password1', customer_group_id: 987_654 }], staff));
    expect(adminErr.toBody().codes).toEqual({ '1.authentication.new_password': 'password_too_common', '1.customer_group_id': 'not_found' });
    expect(await countByEmail(email)).toBe(0);
  });
});

describe('updateCustomers', () => {
  it('the profile mode needs the current password to ask for an email change, which waits for its code; answers the profile read in the same batch', async () => {
    const email = uniqueEmail('profile');
    const [created] = await createCustomers(env, [{ ...person(email), password: PASSWORD }], { kind: 'sign-up', channelId: 1 });
    const shopper = (await findLiveShopper(env.DB, created!.id, 0))!;
    const moved = uniqueEmail('moved');
    const without = await rejection(updateCustomers(env, [{ id: shopper.id, email: moved }], { kind: 'profile', shopper }));
    expect(without.toBody()).toMatchObject({ code: 'wrong_current_password', codes: { current_password: 'wrong_current_password' } });
    const { profile, mail } = await updateCustomers(env, [{ id: shopper.id, email: moved, first_name: 'Moved' }], {
      kind: 'profile',
      shopper,
      currentPassword: PASSWORD,
    });
    await mail;
    expect(profile).toMatchObject({ id: shopper.id, email, pending_email: moved, email_verified: false, first_name: 'Moved', has_password: true });
  });

  it('an account without a password cannot move its email (password_required)', async () => {
    const [created] = await createCustomers(env, [person()], {
      kind: 'oidc',
      channelId: 1,
      identity: { provider: 'domain-idp', issuer: 'https://idp.test', subject: crypto.randomUUID() },
    });
    const shopper = (await findLiveShopper(env.DB, created!.id, 0))!;
    const err = await rejection(updateCustomers(env, [{ id: shopper.id, email: uniqueEmail('nope') }], { kind: 'profile', shopper }));
    expect(err.toBody()).toMatchObject({ status: 422, code: 'password_required', codes: { email: 'password_required' } });
  });

  it('the admin mode refuses unknown and repeated ids, and a new password ends the sessions', async () => {
    const [a] = await createCustomers(env, [person()], staff);
    const err = await rejection(updateCustomers(env, [{ id: a!.id }, { id: a!.id }, { id: 99_999_999 }], staff));
    expect(err.toBody().codes).toEqual({ '1.id': 'duplicate', '2.id': 'not_found' });
    await updateCustomers(env, [{ id: a!.id, password: 'a-brand-new-secret' }], staff);
    expect(await findLiveShopper(env.DB, a!.id, 0)).toBeNull();
    expect(await findLiveShopper(env.DB, a!.id, 1)).not.toBeNull();
  });
});

describe('eraseCustomer and validateCredentials', () => {
  it('erases only with the right password, and credentials stop validating', async () => {
    const email = uniqueEmail('erase');
    const [created] = await createCustomers(env, [{ ...person(email), password: PASSWORD }], { kind: 'sign-up', channelId: 1 });
    expect(await validateCredentials(env, { email, password: PASSWORD })).toEqual({ is_valid: true, customer_id: created!.id });
    expect(await validateCredentials(env, { email, password: PASSWORD, channel_id: 2 })).toEqual({ is_valid: false, customer_id: null });
    const shopper = (await findLiveShopper(env.DB, created!.id, 0))!;
    expect((await rejection(eraseCustomer(env, shopper, 'wrong-password'))).code).toBe('wrong_current_password');
    await eraseCustomer(env, shopper, PASSWORD);
    expect(await countByEmail(email)).toBe(0);
    expect(await validateCredentials(env, { email, password: PASSWORD })).toEqual({ is_valid: false, customer_id: null });
  });
});
