// /v3/channels through the worker with real D1: BigCommerce's channel shape plus our storefront_origins,
// exact-origin validation with field errors, scopes, and the allow-list taking effect: an origin added
// through the API is allowed by CORS on the very next request, a removed one (or one of a channel taken
// offline) refused, with no cache to clear by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape } from '../../helpers/api';
import { openedSessions } from '../../helpers/d1-sessions';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
let counter = 0;
/** A host no other test uses. */
function host(prefix = 'shop'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}.example`;
}

async function create(body: Record<string, unknown>) {
  const res = await call('POST', '/v3/channels', { token, body: { name: `Storefront ${host()}`, ...body } });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

/** BigCommerce's channel fields (Channels V3) and ours, with their JS types. */
function expectChannelShape(ch: any) {
  expect(Object.keys(ch).sort()).toEqual(
    [
      'date_created',
      'date_modified',
      'external_id',
      'id',
      'is_listable_from_ui',
      'is_visible',
      'name',
      'platform',
      'status',
      'storefront_origins',
      'type',
    ].sort(),
  );
  expect(typeof ch.id).toBe('number');
  expect(typeof ch.name).toBe('string');
  expect(ch.type).toBe('storefront');
  expect(['prelaunch', 'active', 'inactive', 'archived']).toContain(ch.status);
  expect(typeof ch.is_listable_from_ui).toBe('boolean');
  expect(typeof ch.is_visible).toBe('boolean');
  expect(ch.date_created).toMatch(ISO);
  expect(ch.date_modified).toMatch(ISO);
  expect(Array.isArray(ch.storefront_origins)).toBe(true);
}

/** The CORS answer to a preflight from `origin` (what a browser checks before the widget's POST). */
async function preflight(origin: string) {
  const res = await call('OPTIONS', '/storefront/session', {
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  return res.headers.get('Access-Control-Allow-Origin');
}

describe('GET /v3/channels', () => {
  it('lists the default storefront (channel 1) in the {data, meta} envelope with pagination', async () => {
    const res = await call('GET', '/v3/channels', { token });
    expect(res.status, res.text).toBe(200);
    const first = res.body.data.find((c: any) => c.id === 1);
    expectChannelShape(first);
    expect(first).toMatchObject({ type: 'storefront', platform: 'custom', status: 'active' });
    expect(res.body.meta.pagination).toMatchObject({ current_page: 1, per_page: 50 });
  });

  it('filters by status:in, id:in and available', async () => {
    const live = await create({ status: 'active' });
    const off = await create({ status: 'inactive' });
    const ids = `${live.id},${off.id}`;
    const inactive = await call('GET', `/v3/channels?id:in=${ids}&status:in=inactive`, { token });
    expect(inactive.body.data.map((c: any) => c.id)).toEqual([off.id]);
    const available = await call('GET', `/v3/channels?id:in=${ids}&available=true`, { token });
    expect(available.body.data.map((c: any) => c.id)).toEqual([live.id]);
    const unavailable = await call('GET', `/v3/channels?id:in=${ids}&available=false`, { token });
    expect(unavailable.body.data.map((c: any) => c.id)).toEqual([off.id]);
    const none = await call('GET', `/v3/channels?id:in=${ids}&available=true&status:in=inactive`, { token });
    expect(none.body.data).toEqual([]);
  });

  it('refuses unknown parameters and bad values naming the parameter', async () => {
    const res = await call('GET', '/v3/channels?status:in=paused&color=red', { token });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['color', 'status:in']);
  });
});

describe('POST and PUT /v3/channels', () => {
  it('creates a storefront with defaults and normalised origins, reads it back, updates it', async () => {
    const h = host();
    const res = await call('POST', '/v3/channels', {
      token,
      body: {
        name: 'Outlet store',
        type: 'storefront',
        platform: 'custom',
        storefront_origins: [`https://${h.toUpperCase()}`, `https://www.${h}:443`, 'http://localhost:5173', 'http://127.0.0.1:8080'],
      },
    });
    expect(res.status, res.text).toBe(200);
    const ch = res.body.data;
    expectChannelShape(ch);
    expect(ch).toMatchObject({
      name: 'Outlet store',
      status: 'active',
      external_id: '',
      is_listable_from_ui: true,
      is_visible: true,
      // As browsers send Origin: lowercase, no default port.
      storefront_origins: [`https://${h}`, `https://www.${h}`, 'http://localhost:5173', 'http://127.0.0.1:8080'],
    });

    const got = await call('GET', `/v3/channels/${ch.id}`, { token: readOnly });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ data: ch, meta: {} });

    const put = await call('PUT', `/v3/channels/${ch.id}`, {
      token,
      body: { name: 'Outlet', status: 'prelaunch', storefront_origins: [`https://${h}`] },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.data).toMatchObject({
      id: ch.id,
      name: 'Outlet',
      status: 'prelaunch',
      storefront_origins: [`https://${h}`],
      date_created: ch.date_created,
    });
    expect((await call('GET', `/v3/channels/${ch.id}`, { token })).body.data.name).toBe('Outlet');
  });

  it('answers 404 channel_not_found for an unknown channel and 422 for a bad id', async () => {
    const get = await call('GET', '/v3/channels/999999', { token });
    expect(get.status).toBe(404);
    expectErrorShape(get.body, 404);
    expect(get.body.code).toBe('channel_not_found');
    const put = await call('PUT', '/v3/channels/999999', { token, body: { name: 'Nobody' } });
    expect(put.status).toBe(404);
    expect((await call('GET', '/v3/channels/abc', { token })).status).toBe(422);
  });

  it('refuses a missing name, another type, unknown fields and a bad status with field errors', async () => {
    const res = await call('POST', '/v3/channels', { token, body: { type: 'marketplace', status: 'paused', colour: 'red' } });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(res.body.codes).toMatchObject({ name: 'required', type: 'invalid_choice', status: 'invalid_choice', colour: 'unknown_field' });
  });
});

describe('storefront_origins validation', () => {
  it('refuses what is not an exact https origin, naming each bad item', async () => {
    const h = host();
    const res = await call('POST', '/v3/channels', {
      token,
      body: {
        name: 'Bad origins',
        storefront_origins: [
          `http://${h}`, // http only for localhost
          `https://${h}/`, // trailing slash
          `https://${h}/shop`, // path
          `https://${h}?a=1`, // query
          `https://*.${h}`, // wildcard
          'shop.example', // no scheme
          `https://user@${h}`, // credentials
          `ftp://${h}`,
          `https://ok.${h}`,
        ],
      },
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(res.body.codes).toEqual(Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [`storefront_origins.${i}`, 'invalid_format'])));
    expect(res.body.errors['storefront_origins.0']).toMatch(/https/);
  });

  it('refuses duplicates (after normalising), more than 20, and an origin another channel lists', async () => {
    const h = host();
    const dup = await call('POST', '/v3/channels', {
      token,
      body: { name: 'Dup', storefront_origins: [`https://${h}`, `https://${h.toUpperCase()}:443`] },
    });
    expect(dup.status).toBe(422);
    expect(dup.body.codes).toEqual({ 'storefront_origins.1': 'duplicate' });

    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.${h}`);
    const tooMany = await call('POST', '/v3/channels', { token, body: { name: 'Many', storefront_origins: many } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.codes).toEqual({ storefront_origins: 'too_long' });

    const owner = await create({ storefront_origins: [`https://${h}`] });
    const other = await create({});
    const taken = await call('PUT', `/v3/channels/${other.id}`, { token, body: { storefront_origins: [`https://new.${h}`, `https://${h}`] } });
    expect(taken.status).toBe(422);
    expect(taken.body.codes).toEqual({ 'storefront_origins.1': 'taken' });
    // Nothing was written; the owner may list its own origin again.
    expect((await call('GET', `/v3/channels/${other.id}`, { token })).body.data.storefront_origins).toEqual([]);
    const again = await call('PUT', `/v3/channels/${owner.id}`, { token, body: { storefront_origins: [`https://${h}`] } });
    expect(again.status, again.text).toBe(200);
  });
});

describe('scopes', () => {
  it('a read-only token may list and get, not create or update (403); no token is 401', async () => {
    expect((await call('GET', '/v3/channels', { token: readOnly })).status).toBe(200);
    expect((await call('GET', '/v3/channels/1', { token: readOnly })).status).toBe(200);
    const post = await call('POST', '/v3/channels', { token: readOnly, body: { name: 'Nope' } });
    expect(post.status).toBe(403);
    expectErrorShape(post.body, 403);
    expect(post.body.code).toBe('scope_missing');
    const put = await call('PUT', '/v3/channels/1', { token: readOnly, body: { name: 'Nope' } });
    expect(put.status).toBe(403);
    expect((await call('GET', '/v3/channels/1', { token })).body.data.name).not.toBe('Nope');
    expect((await call('GET', '/v3/channels')).status).toBe(401);
    expect((await call('GET', '/v3/channels', { token: await adminToken(['store_v2_orders']) })).status).toBe(403);
  });

  it('answers under /stores/{store_hash}/v3/channels too', async () => {
    const res = await call('GET', '/stores/demo01/v3/channels/1', { token });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(1);
  });
});

describe('the allow-list takes effect on the next request', () => {
  it('an origin added through the API is allowed by CORS at once; a removed one is refused at once', async () => {
    const origin = `https://${host('cors')}`;
    // Refused first (and the store configuration is now cached in this isolate).
    expect(await preflight(origin)).toBeNull();
    const ch = await create({ storefront_origins: [origin] });
    expect(await preflight(origin)).toBe(origin);
    const get = await call('GET', '/storefront/form-fields', { headers: { Origin: origin } });
    expect(get.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(get.headers.get('Access-Control-Allow-Credentials')).toBe('true');

    const removed = await call('PUT', `/v3/channels/${ch.id}`, { token, body: { storefront_origins: [] } });
    expect(removed.status).toBe(200);
    expect(await preflight(origin)).toBeNull();
    expect((await call('GET', '/storefront/form-fields', { headers: { Origin: origin } })).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('a channel taken offline (inactive) lends its origins nothing; prelaunch and active do', async () => {
    const origin = `https://${host('status')}`;
    const ch = await create({ storefront_origins: [origin], status: 'prelaunch' });
    expect(await preflight(origin)).toBe(origin);
    await call('PUT', `/v3/channels/${ch.id}`, { token, body: { status: 'inactive' } });
    expect(await preflight(origin)).toBeNull();
    await call('PUT', `/v3/channels/${ch.id}`, { token, body: { status: 'active' } });
    expect(await preflight(origin)).toBe(origin);
  });

  it('a refused write changes nothing: the origin stays allowed', async () => {
    const origin = `https://${host('keep')}`;
    const ch = await create({ storefront_origins: [origin] });
    const bad = await call('PUT', `/v3/channels/${ch.id}`, { token, body: { storefront_origins: ['http://insecure.example'] } });
    expect(bad.status).toBe(422);
    expect(await preflight(origin)).toBe(origin);
  });
});

describe('read replicas', () => {
  /** The constraints of the D1 sessions a request opens, and whom CORS answered. */
  async function constraintsOf(path: string, headers: Record<string, string> = {}) {
    const { status, opened, headers: answered } = await openedSessions('GET', path, { headers, ip: '198.51.100.8' });
    return { status, opened, allowOrigin: answered.get('Access-Control-Allow-Origin') };
  }

  it("after a channel write, this isolate's guest configuration reads start no older than the write", async () => {
    const origin = `https://${host('replica')}`;
    const created = await call('POST', '/v3/channels', { token, body: { name: 'Replica', storefront_origins: [origin] } });
    expect(created.status).toBe(200);
    const bookmark = created.headers.get('X-D1-Bookmark');
    expect(bookmark).toBeTruthy();
    // The widget's first request on the shop's page: its CORS check refills the configuration from a replica at least that new.
    expect(await constraintsOf('/storefront/form-fields', { Origin: origin })).toEqual({ status: 200, opened: [bookmark], allowOrigin: origin });
  });
});
