// /v3/customers/settings and /v3/customers/settings/channels/{id} through the worker with real D1: the
// spec's shapes (CustomerSettingsObject, CustomerChannelSettingsObject, read from the spec file) plus our
// `storefront_accounts` policies, null meaning "inherit" per channel, referenced groups that must exist,
// scopes, and the settings taking effect on the storefront: the store's default group for sign-ups, and
// email verification set through the API (store-wide and per channel).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import customersV3 from '../../fixtures/bigcommerce/customers.v3.yml?raw';
import worker from '../../../worker/src/index';
import type { Bindings } from '../../../worker/src/env';
import { adminToken, BASE, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { checkedCall } from '../../helpers/contract';
import { expectSpecShape, specSchema, type SpecSchema } from '../../helpers/spec';
import { PASSWORD, requiredFormFields } from '../../helpers/shopper';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

/** The schema of property `prop` of `components.schemas.<schema>` (an inline object), read as specSchema reads one. */
function nestedSchema(schema: string, prop: string): SpecSchema {
  const lines = customersV3.split('\n');
  const at = lines.findIndex((l) => l === `    ${schema}:`);
  const propAt = lines.findIndex((l, i) => i > at && l === `        ${prop}:`);
  const body: string[] = [];
  for (const line of lines.slice(propAt + 1)) {
    if (line.trim() !== '' && line.length - line.trimStart().length <= 8) break;
    body.push(line.slice(4));
  }
  return specSchema([`    ${prop}:`, ...body].join('\n'), prop);
}

/** A settings object as the spec has it (every level), plus our `storefront_accounts`. */
function expectSettingsShape(data: any, schema: 'CustomerSettingsObject' | 'CustomerChannelSettingsObject') {
  expectSpecShape(data, specSchema(customersV3, schema), ['storefront_accounts']);
  expectSpecShape(data.privacy_settings, nestedSchema(schema, 'privacy_settings'));
  expectSpecShape(data.customer_group_settings, nestedSchema(schema, 'customer_group_settings'));
  expect(Object.keys(data.storefront_accounts).sort()).toEqual(['email_verification', 'newsletter_double_opt_in', 'passkey_rp_id', 'passkey_signup']);
}

let counter = 0;
async function group(body: Record<string, unknown> = {}) {
  counter += 1;
  const res = await call('POST', '/v2/customer_groups', { token, body: { name: `Settings ${Date.now().toString(36)} ${counter}`, ...body } });
  expect(res.status, res.text).toBe(200);
  return res.body.id as number;
}

async function channel(origins: string[] = []) {
  const res = await call('POST', '/v3/channels', { token, body: { name: `Settings channel ${counter++}`, storefront_origins: origins } });
  expect(res.status, res.text).toBe(200);
  return res.body.data.id as number;
}

const freshOrigin = () => `https://settings-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.example`;

async function signUpFrom(origin?: string) {
  const email = uniqueEmail('settings');
  const res = await call('POST', '/storefront/customers', {
    body: { email, password: PASSWORD, first_name: 'Sett', last_name: 'Ings', form_fields: await requiredFormFields() },
    headers: origin ? { Origin: origin } : {},
  });
  expect(res.status, res.text).toBe(201);
  return res;
}

describe('GET /v3/customers/settings', () => {
  it("answers the spec's shape; our policies default to the deployment's vars", async () => {
    const res = await call('GET', '/v3/customers/settings', { token: readOnly });
    expect(res.status, res.text).toBe(200);
    expect(res.body.meta).toEqual({});
    expectSettingsShape(res.body.data, 'CustomerSettingsObject');
    expect(res.body.data.privacy_settings).toEqual({ ask_shopper_for_tracking_consent: false, policy_url: '' });
    expect(res.body.data.storefront_accounts).toEqual({
      email_verification: env.EMAIL_VERIFICATION === 'required' ? 'required' : 'optional',
      newsletter_double_opt_in: env.NEWSLETTER_DOUBLE_OPT_IN !== 'false',
      passkey_signup: env.PASSKEY_SIGNUP === 'true',
      passkey_rp_id: env.RP_ID ?? '',
    });
  });

  it('is not taken for a customer id, and answers under /stores/{hash} too', async () => {
    const res = await call('GET', '/stores/demo01/v3/customers/settings', { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toHaveProperty('customer_group_settings');
  });
});

describe('PUT /v3/customers/settings', () => {
  it('changes what the body names, keeps the rest, and answers the new settings in the spec shape', async () => {
    const before = (await call('GET', '/v3/customers/settings', { token })).body.data;
    const res = await call('PUT', '/v3/customers/settings', {
      token,
      body: { privacy_settings: { ask_shopper_for_tracking_consent: true, policy_url: 'https://shop.example/privacy' } },
    });
    expect(res.status, res.text).toBe(200);
    expectSettingsShape(res.body.data, 'CustomerSettingsObject');
    expect(res.body.data).toEqual({
      ...before,
      privacy_settings: { ask_shopper_for_tracking_consent: true, policy_url: 'https://shop.example/privacy' },
    });
    const partial = await call('PUT', '/v3/customers/settings', { token, body: { privacy_settings: { policy_url: '' } } });
    expect(partial.body.data.privacy_settings).toEqual({ ask_shopper_for_tracking_consent: true, policy_url: '' });
    expect((await call('GET', '/v3/customers/settings', { token })).body.data).toEqual(partial.body.data);
    // null resets to the default.
    const reset = await call('PUT', '/v3/customers/settings', { token, body: { privacy_settings: null } });
    expect(reset.body.data.privacy_settings).toEqual({ ask_shopper_for_tracking_consent: false, policy_url: '' });
  });

  it('the group settings are the groups themselves: V2 shows the same default and guest group', async () => {
    const a = await group();
    const b = await group();
    const res = await call('PUT', '/v3/customers/settings', {
      token,
      body: { customer_group_settings: { default_customer_group_id: a, guest_customer_group_id: b } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.customer_group_settings).toEqual({ default_customer_group_id: a, guest_customer_group_id: b });
    expect((await call('GET', `/v2/customer_groups/${a}`, { token })).body).toMatchObject({ is_default: true, is_group_for_guests: false });
    expect((await call('GET', `/v2/customer_groups/${b}`, { token })).body).toMatchObject({ is_default: false, is_group_for_guests: true });

    // A shopper signing up now joins the default group.
    const signedUp = await signUpFrom();
    expect(signedUp.body.customer.customer_group_id).toBe(a);

    // And the other way round: V2 moves the default; the settings say so. 0 clears a role.
    await call('PUT', `/v2/customer_groups/${b}`, { token, body: { is_default: true } });
    expect((await call('GET', '/v3/customers/settings', { token })).body.data.customer_group_settings.default_customer_group_id).toBe(b);
    const cleared = await call('PUT', '/v3/customers/settings', {
      token,
      body: { customer_group_settings: { default_customer_group_id: 0, guest_customer_group_id: 0 } },
    });
    expect(cleared.body.data.customer_group_settings).toEqual({ default_customer_group_id: 0, guest_customer_group_id: 0 });
    expect((await signUpFrom()).body.customer.customer_group_id).toBe(0);
  });

  it('refuses groups that do not exist (422 naming the field) and writes nothing', async () => {
    const before = (await call('GET', '/v3/customers/settings', { token })).body.data;
    const res = await call('PUT', '/v3/customers/settings', {
      token,
      body: { privacy_settings: { ask_shopper_for_tracking_consent: true }, customer_group_settings: { default_customer_group_id: 999999 } },
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(res.body.codes).toEqual({ 'customer_group_settings.default_customer_group_id': 'not_found' });
    expect((await call('GET', '/v3/customers/settings', { token })).body.data).toEqual(before);
  });

  it('refuses bad values and unknown fields with field errors', async () => {
    const res = await call('PUT', '/v3/customers/settings', {
      token,
      body: {
        privacy_settings: { policy_url: 'javascript:alert(1)', colour: 'red' },
        customer_group_settings: { default_customer_group_id: -1 },
        storefront_accounts: { email_verification: 'sometimes', passkey_signup: 'yes' },
        allow_global_logins: true, // per channel only
      },
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.codes).sort()).toEqual([
      'allow_global_logins',
      'customer_group_settings.default_customer_group_id',
      'privacy_settings.colour',
      'privacy_settings.policy_url',
      'storefront_accounts.email_verification',
      'storefront_accounts.passkey_signup',
    ]);
    expect(res.body.codes).toMatchObject({
      'privacy_settings.policy_url': 'invalid_value',
      'privacy_settings.colour': 'unknown_field',
      'customer_group_settings.default_customer_group_id': 'too_small',
      'storefront_accounts.email_verification': 'invalid_choice',
      allow_global_logins: 'unknown_field',
    });
  });

  it('a read-only token may read, not write (403)', async () => {
    const res = await call('PUT', '/v3/customers/settings', { token: readOnly, body: { privacy_settings: { policy_url: '' } } });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect(res.body.code).toBe('scope_missing');
    expect((await call('PUT', '/v3/customers/settings/channels/1', { token: readOnly, body: { allow_global_logins: false } })).status).toBe(403);
    expect((await call('GET', '/v3/customers/settings')).status).toBe(401);
  });
});

describe('/v3/customers/settings/channels/{channel_id}', () => {
  it('a channel inherits everything at first (null), then keeps its own values; null inherits again', async () => {
    const id = await channel();
    const first = await call('GET', `/v3/customers/settings/channels/${id}`, { token: readOnly });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({
      data: {
        privacy_settings: { ask_shopper_for_tracking_consent: null, policy_url: null },
        customer_group_settings: { guest_customer_group_id: null, default_customer_group_id: null },
        allow_global_logins: null,
        storefront_accounts: { email_verification: null, newsletter_double_opt_in: null, passkey_signup: null, passkey_rp_id: null },
      },
      meta: {},
    });

    const g = await group();
    const all = {
      privacy_settings: { ask_shopper_for_tracking_consent: true, policy_url: 'https://outlet.example/privacy' },
      customer_group_settings: { guest_customer_group_id: g, default_customer_group_id: g },
      allow_global_logins: false,
      storefront_accounts: { email_verification: 'required', newsletter_double_opt_in: false, passkey_signup: true, passkey_rp_id: 'outlet.example' },
    };
    const put = await call('PUT', `/v3/customers/settings/channels/${id}`, { token, body: all });
    expect(put.status, put.text).toBe(200);
    expect(put.body.data).toEqual(all);
    expectSettingsShape(put.body.data, 'CustomerChannelSettingsObject');
    expectSettingsShape((await call('GET', `/v3/customers/settings/channels/${id}`, { token })).body.data, 'CustomerChannelSettingsObject');

    const back = await call('PUT', `/v3/customers/settings/channels/${id}`, {
      token,
      body: { privacy_settings: null, storefront_accounts: { passkey_signup: null }, allow_global_logins: null },
    });
    expect(back.body.data).toEqual({
      ...all,
      privacy_settings: { ask_shopper_for_tracking_consent: null, policy_url: null },
      allow_global_logins: null,
      storefront_accounts: { email_verification: 'required', newsletter_double_opt_in: false, passkey_signup: null, passkey_rp_id: 'outlet.example' },
    });
    // Another channel is untouched.
    expect((await call('GET', '/v3/customers/settings/channels/1', { token })).body.data.storefront_accounts.email_verification).toBeNull();
  });

  it('answers 404 for a channel that does not exist, writing nothing; 422 for a group that does not', async () => {
    const get = await call('GET', '/v3/customers/settings/channels/999999', { token });
    expect(get.status).toBe(404);
    expectErrorShape(get.body, 404);
    expect(get.body.code).toBe('channel_not_found');
    const put = await call('PUT', '/v3/customers/settings/channels/999999', { token, body: { allow_global_logins: false } });
    expect(put.status).toBe(404);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE '%999999'").first<{ n: number }>();
    expect(count!.n).toBe(0);
    const bad = await call('PUT', '/v3/customers/settings/channels/1', {
      token,
      body: { customer_group_settings: { guest_customer_group_id: 999999 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.codes).toEqual({ 'customer_group_settings.guest_customer_group_id': 'not_found' });
  });
});

describe('the settings take effect on the storefront at once', () => {
  it("email_verification 'required' store-wide: sign-up answers without tokens; null brings the deployment's default back", async () => {
    const put = await call('PUT', '/v3/customers/settings', { token, body: { storefront_accounts: { email_verification: 'required' } } });
    expect(put.status, put.text).toBe(200);
    try {
      const res = await signUpFrom();
      expect(res.body).toMatchObject({ verification: 'required', customer: { email_verified: false } });
      expect(res.body.access_token).toBeUndefined();
      expect(res.headers.getSetCookie().some((c) => c.startsWith('sfa_refresh='))).toBe(false);
      // Log-in waits for the code too.
      const login = await call('POST', '/storefront/session', { body: { email: res.body.customer.email, password: PASSWORD } });
      expect(login.status).toBe(403);
      expect(login.body.code).toBe('email_unverified');
    } finally {
      await call('PUT', '/v3/customers/settings', { token, body: { storefront_accounts: { email_verification: null } } });
    }
    if (env.EMAIL_VERIFICATION !== 'required') expect((await signUpFrom()).body.access_token).toEqual(expect.any(String));
  });

  it("a channel's own policy wins for requests from its storefront origins; other storefronts keep the store's", async () => {
    const origin = freshOrigin();
    const id = await channel([origin]);
    const put = await call('PUT', `/v3/customers/settings/channels/${id}`, {
      token,
      body: { storefront_accounts: { email_verification: 'required' } },
    });
    expect(put.status, put.text).toBe(200);
    const there = await signUpFrom(origin);
    expect(there.body.access_token).toBeUndefined();
    expect(there.body.verification).toBe('required');
    if (env.EMAIL_VERIFICATION !== 'required') expect((await signUpFrom()).body.access_token).toEqual(expect.any(String));
    // Back to inheriting: the next sign-up there starts a session.
    await call('PUT', `/v3/customers/settings/channels/${id}`, { token, body: { storefront_accounts: { email_verification: null } } });
    if (env.EMAIL_VERIFICATION !== 'required') expect((await signUpFrom(origin)).body.access_token).toEqual(expect.any(String));
  });

  it("a channel's default group wins over the store's for its sign-ups", async () => {
    const storeDefault = await group({ is_default: true });
    const outletGroup = await group();
    const origin = freshOrigin();
    const id = await channel([origin]);
    await call('PUT', `/v3/customers/settings/channels/${id}`, {
      token,
      body: { customer_group_settings: { default_customer_group_id: outletGroup } },
    });
    expect((await signUpFrom(origin)).body.customer.customer_group_id).toBe(outletGroup);
    expect((await signUpFrom()).body.customer.customer_group_id).toBe(storeDefault);
    // 0: the channel's sign-ups join no group, whatever the store's default.
    await call('PUT', `/v3/customers/settings/channels/${id}`, { token, body: { customer_group_settings: { default_customer_group_id: 0 } } });
    expect((await signUpFrom(origin)).body.customer.customer_group_id).toBe(0);
    // A deleted group stops applying: the store's default again.
    await call('PUT', `/v3/customers/settings/channels/${id}`, {
      token,
      body: { customer_group_settings: { default_customer_group_id: outletGroup } },
    });
    expect((await call('DELETE', `/v2/customer_groups/${outletGroup}`, { token })).status).toBe(204);
    expect((await signUpFrom(origin)).body.customer.customer_group_id).toBe(storeDefault);
  });

  it('passkey sign-up per channel: the sign-up form learns it, and sign-up without a password follows it', async () => {
    const on = freshOrigin();
    const off = freshOrigin();
    const onId = await channel([on]);
    const offId = await channel([off]);
    await call('PUT', `/v3/customers/settings/channels/${onId}`, { token, body: { storefront_accounts: { passkey_signup: true } } });
    await call('PUT', `/v3/customers/settings/channels/${offId}`, { token, body: { storefront_accounts: { passkey_signup: false } } });
    const formFields = (origin: string) => call('GET', '/storefront/form-fields', { headers: { Origin: origin } });
    expect((await formFields(on)).body.sign_up).toMatchObject({ passkey: true });
    expect((await formFields(off)).body.sign_up).toMatchObject({ passkey: false });

    const withoutPassword = async (origin: string) =>
      call('POST', '/storefront/customers', {
        body: { email: uniqueEmail('nopw'), first_name: 'No', last_name: 'Password', form_fields: await requiredFormFields() },
        headers: { Origin: origin },
      });
    const allowed = await withoutPassword(on);
    expect(allowed.status, allowed.text).toBe(201);
    expect(allowed.body.access_token).toBeUndefined();
    const refused = await withoutPassword(off);
    expect(refused.status).toBe(422);
    expect(refused.body.codes).toMatchObject({ password: 'required' });
  });

  it('newsletter double opt-in per channel: off, consents given at sign-up subscribe at once', async () => {
    const origin = freshOrigin();
    const id = await channel([origin]);
    await call('PUT', `/v3/customers/settings/channels/${id}`, { token, body: { storefront_accounts: { newsletter_double_opt_in: false } } });
    const email = uniqueEmail('single-opt-in');
    const res = await call('POST', '/storefront/customers', {
      body: {
        email,
        password: PASSWORD,
        first_name: 'Single',
        last_name: 'Opt',
        form_fields: await requiredFormFields(),
        consents: ['marketing_newsletter'],
      },
      headers: { Origin: origin },
    });
    expect(res.status, res.text).toBe(201);
    const row = await env.DB.prepare('SELECT consents FROM subscribers WHERE email = ?1').bind(email).first<{ consents: string }>();
    expect(row?.consents).toBe('["marketing_newsletter"]');

    const guest = uniqueEmail('guest-single');
    expect((await call('POST', '/storefront/subscribers', { body: { email: guest }, headers: { Origin: origin } })).status).toBe(202);
    const guestRow = await env.DB.prepare('SELECT consents FROM subscribers WHERE email = ?1').bind(guest).first<{ consents: string }>();
    expect(guestRow?.consents).toBe('["marketing_newsletter"]');
  });
});

describe("the data centre's cached sign-up offer is per channel, and a settings change shows at once", () => {
  /** Calls the worker as deployed (the data centre cache on: ENVIRONMENT other than test). */
  async function asDeployed(method: string, path: string, options: { token?: string; body?: unknown; origin?: string } = {}) {
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
    const headers: Record<string, string> = { 'CF-Connecting-IP': '198.51.100.10' };
    if (options.token) headers['X-Auth-Token'] = options.token;
    if (options.origin) headers.Origin = options.origin;
    if (options.body) headers['Content-Type'] = 'application/json';
    const res = await checkedCall(
      new Request(`${BASE}${path}`, { method, headers, body: options.body ? JSON.stringify(options.body) : undefined }),
      (r) => worker.fetch(r, { ...(env as Bindings), ENVIRONMENT: 'production' }, ctx),
    );
    await Promise.all(pending);
    return { status: res.status, body: (await res.json()) as any };
  }

  it('two storefronts with different passkey policies each get their own; a PUT replaces the cached copy', async () => {
    const a = freshOrigin();
    const b = freshOrigin();
    const aId = await channel([a]);
    const bId = await channel([b]);
    await call('PUT', `/v3/customers/settings/channels/${aId}`, { token, body: { storefront_accounts: { passkey_signup: true } } });
    await call('PUT', `/v3/customers/settings/channels/${bId}`, { token, body: { storefront_accounts: { passkey_signup: false } } });
    const offer = async (origin: string) => (await asDeployed('GET', '/storefront/form-fields', { origin })).body.sign_up.passkey;
    // Twice each: the second answer comes from the cache.
    expect([await offer(a), await offer(b), await offer(a), await offer(b)]).toEqual([true, false, true, false]);
    const put = await asDeployed('PUT', `/v3/customers/settings/channels/${bId}`, { token, body: { storefront_accounts: { passkey_signup: true } } });
    expect(put.status).toBe(200);
    expect(await offer(b)).toBe(true);
  });
});
