// The shopper's address book through the real worker and D1: create, list, update, delete; no limit;
// one default of each kind; duplicates not stored twice; postal codes and states checked per country;
// the store's address form fields; another shopper and a revoked token get nothing.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectErrorShape } from '../../helpers/api';
import { bearer, defineField, type SignedUp, signUp, validValueFor } from '../../helpers/shopper';

const tag = Date.now().toString(36);
const f = (n: string) => `${n}_${tag}`;
const PATH = '/storefront/customer/addresses';

/** Values for every required address field other test files may have defined. */
let requiredValues: { name: string; value: unknown }[] = [];

function home(over: Record<string, unknown> = {}) {
  return {
    first_name: 'Ada',
    last_name: 'Lovelace',
    address1: '12 Example Street',
    city: 'Berlin',
    postal_code: '10115',
    country_code: 'DE',
    ...over,
    form_fields: [...requiredValues, ...((over.form_fields as unknown[]) ?? [])],
  };
}

const add = (s: SignedUp, body: unknown) => call('POST', PATH, { headers: bearer(s.accessToken), body });
const list = (s: SignedUp) => call('GET', PATH, { headers: bearer(s.accessToken) });
const patch = (s: SignedUp, id: number, body: unknown) => call('PATCH', `${PATH}/${id}`, { headers: bearer(s.accessToken), body });
const remove = (s: SignedUp, id: number) => call('DELETE', `${PATH}/${id}`, { headers: bearer(s.accessToken) });

async function timeline(customerId: number) {
  const { results } = await env.DB.prepare('SELECT type, detail, actor_type, actor_name FROM timeline_events WHERE customer_id = ?1 ORDER BY id')
    .bind(customerId)
    .all<{ type: string; detail: string; actor_type: string; actor_name: string }>();
  return results;
}

beforeAll(async () => {
  await defineField({ name: f('gate'), label: 'Gate code', type: 'text', max_length: 6, applies_to: 'address' });
  await defineField({ name: f('floor'), label: 'Floor', type: 'number', min: 0, max: 200, applies_to: 'address' });
  await defineField({ name: f('dock'), label: 'Loading dock', type: 'picklist', options: ['North', 'South'], applies_to: 'address' });
  const defs = await call('GET', '/storefront/form-fields');
  requiredValues = defs.body.address.filter((d: any) => d.required).map((d: any) => ({ name: d.name, value: validValueFor(d) }));
});

describe('address book CRUD', () => {
  it('creates, lists, updates and deletes an address, each on the timeline as the shopper', async () => {
    const s = await signUp();
    const created = await add(
      s,
      home({
        company: 'Analytical Engines',
        address2: 'Hinterhaus, 3. OG',
        phone: '+49 30 1234567',
        address_type: 'commercial',
        label: 'Office',
        delivery_instructions: 'Ring twice.\nLeave with the porter.',
        is_default_shipping: true,
        form_fields: [
          { name: f('gate'), value: '4711' },
          { name: f('floor'), value: '3' },
        ],
      }),
    );
    expect(created.status, created.text).toBe(201);
    const a = created.body.data;
    expect(a).toMatchObject({
      customer_id: s.id,
      first_name: 'Ada',
      company: 'Analytical Engines',
      address2: 'Hinterhaus, 3. OG',
      country: 'Germany',
      country_code: 'DE',
      postal_code: '10115',
      phone: '+49 30 1234567',
      address_type: 'commercial',
      label: 'Office',
      delivery_instructions: 'Ring twice.\nLeave with the porter.',
      is_default_shipping: true,
      is_default_billing: false,
    });
    expect(a.form_fields).toEqual(
      expect.arrayContaining([
        { name: f('gate'), value: '4711' },
        { name: f('floor'), value: 3 },
      ]),
    );

    const listed = await list(s);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([a]);

    const updated = await patch(s, a.id, { label: 'Work', city: 'Potsdam', postal_code: '14467', form_fields: [{ name: f('floor'), value: 4 }] });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.data).toMatchObject({
      id: a.id,
      label: 'Work',
      city: 'Potsdam',
      postal_code: '14467',
      company: 'Analytical Engines',
      is_default_shipping: true,
    });
    // Given form field values replace those of the same name; the others stay.
    expect(updated.body.data.form_fields).toEqual(
      expect.arrayContaining([
        { name: f('gate'), value: '4711' },
        { name: f('floor'), value: 4 },
      ]),
    );

    expect((await remove(s, a.id)).status).toBe(204);
    expect((await list(s)).body.data).toEqual([]);
    expect((await remove(s, a.id)).status).toBe(404);

    const events = (await timeline(s.id)).filter((e) => e.type.startsWith('address_'));
    expect(events.map((e) => e.type)).toEqual(['address_added', 'address_updated', 'address_deleted']);
    for (const e of events) expect(e).toMatchObject({ actor_type: 'shopper', actor_name: s.email });
    expect(JSON.parse(events[1]!.detail)).toMatchObject({
      address_id: a.id,
      fields: expect.arrayContaining(['label', 'city', 'postal_code', 'form_fields']),
    });
    expect(JSON.parse(events[2]!.detail)).toMatchObject({ address_id: a.id });
  });

  it('keeps an unlimited number of addresses, defaults first, then newest', async () => {
    const s = await signUp();
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await add(s, home({ address1: `${i + 1} Long Road` }));
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.data.id);
    }
    await patch(s, ids[4]!, { is_default_billing: true });
    await patch(s, ids[9]!, { is_default_shipping: true });
    const listed = await list(s);
    expect(listed.body.data).toHaveLength(30);
    const newestFirst = [...ids].reverse().filter((id) => id !== ids[4] && id !== ids[9]);
    expect(listed.body.data.map((a: any) => a.id)).toEqual([ids[9], ids[4], ...newestFirst]);
  });

  it('answers a PATCH with nothing in it with the address unchanged', async () => {
    const s = await signUp();
    const a = (await add(s, home())).body.data;
    const res = await patch(s, a.id, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(a);
  });
});

describe('default addresses', () => {
  it('keeps one default shipping and one default billing address; setting one moves it', async () => {
    const s = await signUp();
    const a = (await add(s, home({ label: 'Home', is_default_shipping: true, is_default_billing: true }))).body.data;
    const b = (await add(s, home({ label: 'Office', address1: '1 Office Park', is_default_shipping: true }))).body.data;
    expect(b).toMatchObject({ is_default_shipping: true, is_default_billing: false });
    let byId = new Map((await list(s)).body.data.map((x: any) => [x.id, x]));
    expect(byId.get(a.id)).toMatchObject({ is_default_shipping: false, is_default_billing: true });

    const moved = await patch(s, b.id, { is_default_billing: true });
    expect(moved.body.data).toMatchObject({ is_default_shipping: true, is_default_billing: true });
    const c = (await add(s, home({ address1: '3 Third Way', is_default_shipping: true }))).body.data;
    byId = new Map((await list(s)).body.data.map((x: any) => [x.id, x]));
    expect(byId.get(a.id)).toMatchObject({ is_default_shipping: false, is_default_billing: false });
    expect(byId.get(b.id)).toMatchObject({ is_default_shipping: false, is_default_billing: true });
    expect(byId.get(c.id)).toMatchObject({ is_default_shipping: true, is_default_billing: false });
    const all = [...byId.values()] as any[];
    expect(all.filter((x) => x.is_default_shipping)).toHaveLength(1);
    expect(all.filter((x) => x.is_default_billing)).toHaveLength(1);

    // Unsetting leaves no default; deleting the default leaves none either.
    expect((await patch(s, c.id, { is_default_shipping: false })).body.data.is_default_shipping).toBe(false);
    expect((await remove(s, b.id)).status).toBe(204);
    expect((await list(s)).body.data.some((x: any) => x.is_default_shipping || x.is_default_billing)).toBe(false);
  });

  it("never touches another shopper's defaults", async () => {
    const me = await signUp();
    const other = await signUp();
    const theirs = (await add(other, home({ is_default_shipping: true, is_default_billing: true }))).body.data;
    await add(me, home({ is_default_shipping: true, is_default_billing: true }));
    expect((await list(other)).body.data[0]).toMatchObject({ id: theirs.id, is_default_shipping: true, is_default_billing: true });
  });
});

describe('duplicates', () => {
  it('does not store an exact duplicate twice: 200 with the existing address', async () => {
    const s = await signUp();
    const first = await add(s, home({ state_or_province: 'Berlin', form_fields: [{ name: f('gate'), value: '12' }] }));
    expect(first.status).toBe(201);
    const again = await add(
      s,
      home({
        first_name: ' ada ',
        address1: '12  EXAMPLE street ',
        state_or_province: 'berlin',
        country_code: 'de',
        form_fields: [{ name: f('gate'), value: '12' }],
      }),
    );
    expect(again.status, again.text).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    expect((await list(s)).body.data).toHaveLength(1);

    // A different label or form field value is a different entry.
    expect((await add(s, home({ state_or_province: 'Berlin', label: 'Home', form_fields: [{ name: f('gate'), value: '12' }] }))).status).toBe(201);
    expect((await add(s, home({ state_or_province: 'Berlin', form_fields: [{ name: f('gate'), value: '13' }] }))).status).toBe(201);
    expect((await list(s)).body.data).toHaveLength(3);
    expect((await timeline(s.id)).filter((e) => e.type === 'address_added')).toHaveLength(3);
  });

  it('applies default flags asked for in a duplicate POST to the existing address', async () => {
    const s = await signUp();
    const a = (await add(s, home())).body.data;
    const b = (await add(s, home({ address1: '2 Other Road', is_default_billing: true }))).body.data;
    const again = await add(s, home({ is_default_billing: true }));
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: a.id, is_default_billing: true });
    const byId = new Map((await list(s)).body.data.map((x: any) => [x.id, x]));
    expect(byId.get(b.id)).toMatchObject({ is_default_billing: false });
    expect(byId.size).toBe(2);
  });

  it('refuses a PATCH that would make one address a copy of another (409), changing nothing', async () => {
    const s = await signUp();
    const a = (await add(s, home())).body.data;
    const b = (await add(s, home({ address1: '99 Elsewhere' }))).body.data;
    const res = await patch(s, b.id, { address1: '12 Example Street' });
    expect(res.status).toBe(409);
    expectErrorShape(res.body, 409);
    const byId = new Map((await list(s)).body.data.map((x: any) => [x.id, x]));
    expect(byId.get(b.id)).toMatchObject({ address1: '99 Elsewhere' });
    expect(byId.get(a.id)).toEqual(a);
  });

  it('the same address of two different shoppers is stored for each', async () => {
    const one = await signUp();
    const two = await signUp();
    expect((await add(one, home())).status).toBe(201);
    expect((await add(two, home())).status).toBe(201);
  });
});

describe('postal codes and states', () => {
  let s: SignedUp;
  beforeAll(async () => {
    s = await signUp();
  });

  it.each([
    ['US', '94105', 'CA', '94105'],
    ['US', '941051234', 'New York', '94105-1234'],
    ['CA', 'k1a0b1', 'ON', 'K1A 0B1'],
    ['GB', 'sw1a1aa', '', 'SW1A 1AA'],
    ['NL', '1012ab', '', '1012 AB'],
    ['IE', 'd02x285', '', 'D02 X285'],
    ['PT', '1000001', '', '1000-001'],
    ['JP', '1000001', '', '100-0001'],
    ['BR', '01310100', 'SP', '01310-100'],
    ['AU', '2000', 'nsw', '2000'],
    ['AR', 'C1002AAP', 'Buenos Aires', 'C1002AAP'],
  ])('%s accepts %s (stored as %s %s)', async (country, postal, state, stored) => {
    const res = await add(s, home({ country_code: country, postal_code: postal, state_or_province: state, address1: `${country} ${postal} Street` }));
    expect(res.status, res.text).toBe(201);
    expect(res.body.data.postal_code).toBe(stored);
  });

  it('stores the state code whether the shopper gave the code or the name', async () => {
    const byName = await add(s, home({ country_code: 'US', postal_code: '90001', state_or_province: 'california', address1: '1 Sunset Blvd' }));
    expect(byName.body.data.state_or_province).toBe('CA');
    const au = await add(s, home({ country_code: 'AU', postal_code: '3000', state_or_province: 'Victoria', address1: '1 Flinders St' }));
    expect(au.body.data.state_or_province).toBe('VIC');
    const free = await add(s, home({ country_code: 'DE', postal_code: '80331', state_or_province: 'Bayern', address1: '1 Marienplatz' }));
    expect(free.body.data.state_or_province).toBe('Bayern');
  });

  it.each([
    ['DE', '1011', '', { postal_code: 'Enter a valid postal code for Germany (e.g. 10115)' }],
    ['US', '9410', 'CA', { postal_code: 'Enter a valid ZIP code for the United States (e.g. 94105)' }],
    ['US', '94105', 'XX', { state_or_province: 'Choose a state of the United States (e.g. AL or Alabama)' }],
    ['US', '94105', '', { state_or_province: 'Choose a state' }],
    ['CA', '123456', 'Ontario', { postal_code: 'Enter a valid postal code for Canada (e.g. K1A 0B1)' }],
    ['GB', '12345', '', { postal_code: 'Enter a valid postcode for the United Kingdom (e.g. SW1A 1AA)' }],
    ['FR', '', '', { postal_code: 'Enter a postal code' }],
    ['XX', '12345', '', { country_code: 'Choose a country from the list' }],
    ['DEU', '10115', '', { country_code: 'Choose a country from the list' }],
  ])('%s refuses postal code %s / state %s', async (country, postal, state, errors) => {
    const res = await add(s, home({ country_code: country, postal_code: postal, state_or_province: state }));
    expect(res.status, res.text).toBe(422);
    expectErrorShape(res.body, 422);
    expect(res.body.errors).toEqual(errors);
  });

  it('re-checks postal code and state when an update changes the country', async () => {
    const a = (await add(s, home({ address1: '5 Moving Lane' }))).body.data;
    // 10115 happens to be a valid ZIP code too, so the United States only miss a state; Canada refuses both.
    const us = await patch(s, a.id, { country_code: 'US' });
    expect(us.status).toBe(422);
    expect(us.body.errors).toEqual({ state_or_province: 'Choose a state' });
    const res = await patch(s, a.id, { country_code: 'CA' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      postal_code: 'Enter a valid postal code for Canada (e.g. K1A 0B1)',
      state_or_province: 'Choose a province or territory',
    });
    const ok = await patch(s, a.id, { country_code: 'us', postal_code: '10001', state_or_province: 'new york' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.data).toMatchObject({ country_code: 'US', country: 'United States', postal_code: '10001', state_or_province: 'NY' });
    const bad = await patch(s, a.id, { postal_code: 'ABC' });
    expect(bad.body.errors).toEqual({ postal_code: 'Enter a valid ZIP code for the United States (e.g. 94105)' });
  });
});

describe('address form fields', () => {
  it("validates the store's address fields and refuses unknown ones", async () => {
    const s = await signUp();
    const res = await add(
      s,
      home({
        form_fields: [
          { name: f('gate'), value: 'far too long' },
          { name: f('floor'), value: 500 },
          { name: f('dock'), value: 'East' },
          { name: 'no_such_field', value: 'x' },
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      [`form_fields.${f('gate')}`]: 'Gate code must be at most 6 characters',
      [`form_fields.${f('floor')}`]: 'Floor must be at most 200',
      [`form_fields.${f('dock')}`]: 'Loading dock must be one of: North, South',
      'form_fields.no_such_field': 'Unknown field',
    });
    expect((await list(s)).body.data).toEqual([]);

    const ok = await add(s, home({ form_fields: [{ name: f('DOCK'), value: 'North' }] }));
    expect(ok.status).toBe(201);
    expect(ok.body.data.form_fields).toContainEqual({ name: f('dock'), value: 'North' });
    const bad = await patch(s, ok.body.data.id, { form_fields: [{ name: f('floor'), value: 'ground' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual({ [`form_fields.${f('floor')}`]: 'Floor must be a number' });
  });

  it("requires the store's required address fields on POST", async () => {
    await defineField({ name: f('required'), label: 'Access code', type: 'text', required: true, applies_to: 'address' });
    try {
      const s = await signUp();
      const res = await add(s, home());
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual({ [`form_fields.${f('required')}`]: 'Access code is required' });
      const ok = await add(s, home({ form_fields: [{ name: f('required'), value: '1234' }] }));
      expect(ok.status, ok.text).toBe(201);
      // An update need not repeat it, but cannot empty it.
      expect((await patch(s, ok.body.data.id, { label: 'Home' })).status).toBe(200);
      const emptied = await patch(s, ok.body.data.id, { form_fields: [{ name: f('required'), value: '' }] });
      expect(emptied.status).toBe(422);
    } finally {
      await env.DB.prepare('DELETE FROM form_fields WHERE name = ?1').bind(f('required')).run();
    }
  });
});

describe('another shopper and revoked tokens', () => {
  it('another shopper can never read, change or delete my address (404, as for a missing one)', async () => {
    const me = await signUp();
    const other = await signUp();
    const mine = (await add(me, home({ label: 'Home' }))).body.data;
    expect((await list(other)).body.data).toEqual([]);
    const patched = await patch(other, mine.id, { label: 'Stolen' });
    expect(patched.status).toBe(404);
    expectErrorShape(patched.body, 404);
    expect((await patch(other, 99_999_999, { label: 'Nope' })).status).toBe(404);
    expect((await remove(other, mine.id)).status).toBe(404);
    expect((await list(me)).body.data).toEqual([mine]);
    expect((await timeline(other.id)).some((e) => e.type.startsWith('address_'))).toBe(false);
  });

  it('a token from before log-out-everywhere gets 401 on every route', async () => {
    const s = await signUp();
    const a = (await add(s, home())).body.data;
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) })).status).toBe(204);
    for (const res of [
      await list(s),
      await add(s, home({ address1: '7 New Street' })),
      await patch(s, a.id, { label: 'X' }),
      await remove(s, a.id),
    ]) {
      expect(res.status).toBe(401);
      expectErrorShape(res.body, 401);
    }
    const row = await env.DB.prepare(
      'SELECT label, (SELECT COUNT(*) FROM customer_addresses WHERE customer_id = ?1) AS n FROM customer_addresses WHERE id = ?2',
    )
      .bind(s.id, a.id)
      .first<{ label: string; n: number }>();
    expect(row).toEqual({ label: '', n: 1 });
  });

  it('needs a signed-in shopper', async () => {
    const res = await call('GET', PATH);
    expect(res.status).toBe(401);
    expect((await call('POST', PATH, { body: home(), headers: { Authorization: 'Bearer not-a-token' } })).status).toBe(401);
  });
});

describe('bad input', () => {
  let s: SignedUp;
  let id: number;
  beforeAll(async () => {
    s = await signUp();
    id = (await add(s, home())).body.data.id;
  });

  it('names every missing required field', async () => {
    const res = await add(s, {});
    expect(res.status).toBe(422);
    expect(res.body.errors).toMatchObject({
      first_name: 'Enter a first name',
      last_name: 'Enter a last name',
      address1: 'Enter a street address',
      city: 'Enter a city',
      country_code: 'Choose a country',
    });
  });

  it('answers wrong types, unknown fields and over-long values with 422 and field paths', async () => {
    const res = await add(s, { ...home({ city: 42, is_default_shipping: 'yes', address_type: 'castle', nickname: 'x' }), form_fields: 'nope' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['address_type', 'city', 'form_fields', 'is_default_shipping', 'nickname']);
    expect(res.body.errors.nickname).toBe('Unknown field');
    const long = await add(s, home({ label: 'L'.repeat(51), delivery_instructions: 'D'.repeat(501), phone: 'call me maybe' }));
    expect(long.status).toBe(422);
    expect(long.body.errors).toEqual({
      label: 'Use at most 50 characters',
      delivery_instructions: 'Use at most 500 characters',
      phone: 'Enter a valid phone number',
    });
    const patched = await patch(s, id, { first_name: '  ', id: 5 });
    expect(patched.status).toBe(422);
    expect(patched.body.errors).toEqual({ id: 'Unknown field' });
    const blank = await patch(s, id, { first_name: '  ' });
    expect(blank.body.errors).toEqual({ first_name: 'Enter a first name' });
  });

  it('never answers with a 500', async () => {
    const attempts = [
      await call('POST', PATH, { headers: { ...bearer(s.accessToken), 'Content-Type': 'application/json' }, rawBody: '{"first_name":' }),
      await call('POST', PATH, { headers: bearer(s.accessToken), body: [home()] }),
      await call('POST', PATH, { headers: bearer(s.accessToken), body: null }),
      await call('PATCH', `${PATH}/abc`, { headers: bearer(s.accessToken), body: {} }),
      await call('PATCH', `${PATH}/99999999999999999999999`, { headers: bearer(s.accessToken), body: {} }),
      await call('DELETE', `${PATH}/0`, { headers: bearer(s.accessToken) }),
      await call('PATCH', `${PATH}/${id}`, { headers: bearer(s.accessToken), body: { form_fields: [{ name: f('gate'), value: ['a'] }] } }),
      await call('PUT', `${PATH}/${id}`, { headers: bearer(s.accessToken), body: home() }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([400, 422, 422, 404, 404, 404, 422, 404]);
    for (const r of attempts) expectErrorShape(r.body, r.status);
  });
});
