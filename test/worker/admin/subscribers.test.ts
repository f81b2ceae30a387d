// /v3/customers/subscribers through the worker with real D1: BigCommerce's shape, every filter, paging,
// duplicate emails, delete by filter (never without one), scopes, and bad input as 422 with field paths.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';

const PATH = '/v3/customers/subscribers';
/** wrangler.toml's STORE_HASH. */
const STORE_HASH = 'demo01';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers', 'store_v2_orders'], 'Subscriber tester');
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

let markers = 0;
/** A value no other test uses, to scope lists to this test's rows. */
function marker(prefix = 'M'): string {
  markers += 1;
  return `${prefix}${Date.now().toString(36)}${markers}${Math.random().toString(36).slice(2, 6)}`;
}

async function create(over: Record<string, unknown> = {}) {
  const res = await call('POST', PATH, { token, body: { email: uniqueEmail('sub'), ...over } });
  expect(res.status, res.text).toBe(200);
  return res.body.data as Subscriber;
}

async function list(query: string) {
  const res = await call('GET', `${PATH}?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body as { data: Subscriber[]; meta: any };
}

async function idsOf(query: string): Promise<number[]> {
  return (await list(query)).data.map((s) => s.id);
}

/** Puts fixed dates on rows so date filters can be checked exactly. */
async function setDates(id: number, created: string, modified: string) {
  await env.DB.prepare('UPDATE subscribers SET date_created = ?2, date_modified = ?3 WHERE id = ?1').bind(id, created, modified).run();
}

async function timelineOf(customerId: number) {
  const { results } = await env.DB.prepare('SELECT type, actor_type, actor_name, detail FROM timeline_events WHERE customer_id = ?1 ORDER BY id')
    .bind(customerId)
    .all<{ type: string; actor_type: string; actor_name: string; detail: string }>();
  return results.filter((e) => e.type === 'consents_changed').map((e) => ({ ...e, detail: JSON.parse(e.detail) }));
}

async function createCustomer(email: string) {
  const res = await call('POST', '/v3/customers', { token, body: [{ email, first_name: 'Ada', last_name: 'Lovelace' }] });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0] as { id: number };
}

async function createOrder(email: string) {
  const res = await call('POST', '/v3/orders', {
    token,
    body: [{ email, currency_code: 'USD', subtotal: '10.00', total: '10.00', items: [{ name: 'Tea', quantity: 1, price: '10.00' }] }],
  });
  expect(res.status, res.text).toBeLessThan(300);
  return res.body.data[0] as { id: number };
}

interface Subscriber {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  source: string;
  order_id: number | null;
  channel_id: number;
  consents: string[];
  date_modified: string;
  date_created: string;
}

const SUBSCRIBER_KEYS = ['channel_id', 'consents', 'date_created', 'date_modified', 'email', 'first_name', 'id', 'last_name', 'order_id', 'source'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** subscriber_Full of the spec: exactly these fields with these JS types. */
function expectSubscriberShape(s: any) {
  expect(Object.keys(s).sort()).toEqual(SUBSCRIBER_KEYS);
  expect(typeof s.id).toBe('number');
  expect(Number.isInteger(s.id)).toBe(true);
  for (const key of ['email', 'first_name', 'last_name', 'source', 'date_created', 'date_modified']) expect(typeof s[key], key).toBe('string');
  expect(s.order_id === null || Number.isInteger(s.order_id)).toBe(true);
  expect(Number.isInteger(s.channel_id)).toBe(true);
  expect(Array.isArray(s.consents)).toBe(true);
  for (const consent of s.consents) expect(['marketing_newsletter', 'abandoned_cart']).toContain(consent);
  expect(s.date_created).toMatch(DATE_TIME);
  expect(s.date_modified).toMatch(DATE_TIME);
}

describe('POST /v3/customers/subscribers', () => {
  it('creates one subscriber and answers {data, meta} in the spec shape, with our defaults', async () => {
    const email = uniqueEmail('new');
    const res = await call('POST', PATH, { token, body: { email } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expect(res.body.meta).toEqual({});
    expectSubscriberShape(res.body.data);
    expect(res.body.data).toMatchObject({
      email,
      first_name: '',
      last_name: '',
      source: 'custom',
      order_id: null,
      channel_id: 1,
      consents: ['marketing_newsletter'],
    });
    expect(res.body.data.date_modified).toBe(res.body.data.date_created);
  });

  it('stores every field of subscriber_Post, consents once each', async () => {
    const email = uniqueEmail('full');
    const order = await createOrder(email);
    const s = await create({
      email,
      first_name: 'Grace',
      last_name: 'Hopper',
      source: 'order',
      order_id: order.id,
      channel_id: 2,
      consents: ['marketing_newsletter', 'abandoned_cart', 'abandoned_cart'],
    });
    expect(s).toMatchObject({ email, first_name: 'Grace', last_name: 'Hopper', source: 'order', order_id: order.id, channel_id: 2 });
    expect(s.consents.sort()).toEqual(['abandoned_cart', 'marketing_newsletter']);
    const again = await call('GET', `${PATH}/${s.id}`, { token });
    expect(again.body.data).toEqual(s);
  });

  it('records an unsubscribed subscriber when consents is []', async () => {
    const s = await create({ consents: [] });
    expect(s.consents).toEqual([]);
  });

  it('refuses an email that is already a subscriber, in any case (409), and writes nothing', async () => {
    const email = uniqueEmail('dup');
    await create({ email, first_name: 'First' });
    for (const other of [email, email.toUpperCase()]) {
      const res = await call('POST', PATH, { token, body: { email: other, first_name: 'Second' } });
      expect(res.status).toBe(409);
      expectErrorShape(res.body, 409);
      expect(res.body.errors).toHaveProperty('email');
    }
    const { data } = await list(`email=${encodeURIComponent(email)}`);
    expect(data).toHaveLength(1);
    expect(data[0]!.first_name).toBe('First');
  });

  it('answers bad input with 422 and field paths, never 500', async () => {
    const cases: [unknown, string[]][] = [
      [{}, ['email']],
      [{ email: 'not-an-email' }, ['email']],
      [{ email: uniqueEmail(), consents: ['sms'] }, ['consents.0']],
      [{ email: uniqueEmail(), consents: 'marketing_newsletter' }, ['consents']],
      [{ email: uniqueEmail(), nickname: 'x' }, ['nickname']],
      [{ email: uniqueEmail(), first_name: 42 }, ['first_name']],
      [{ email: uniqueEmail(), last_name: 'x'.repeat(256) }, ['last_name']],
      [{ email: uniqueEmail(), source: 'x'.repeat(256) }, ['source']],
      [{ email: uniqueEmail(), order_id: 0 }, ['order_id']],
      [{ email: uniqueEmail(), order_id: 1.5 }, ['order_id']],
      [{ email: uniqueEmail(), order_id: 2_147_483_648 }, ['order_id']],
      [{ email: uniqueEmail(), channel_id: 0 }, ['channel_id']],
      [{ email: uniqueEmail(), channel_id: null }, ['channel_id']],
      [{ email: uniqueEmail(), id: 5 }, ['id']],
      [[{ email: uniqueEmail() }], ['_']],
    ];
    for (const [body, paths] of cases) {
      const res = await call('POST', PATH, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors), JSON.stringify(body)).toEqual(paths);
      expect(res.text).not.toMatch(/ZodError|at \w+ \(|SQLITE|SELECT/);
    }
  });

  it('refuses an order_id that is not an order (422) and writes nothing', async () => {
    const email = uniqueEmail('noorder');
    const res = await call('POST', PATH, { token, body: { email, source: 'order', order_id: 2_000_000_000 } });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['order_id']);
    expect((await list(`email=${encodeURIComponent(email)}`)).data).toHaveLength(0);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await call('POST', PATH, { token, rawBody: '{"email":', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400);
  });

  it("puts the consent on a registered customer's timeline, with the staff token's name", async () => {
    const email = uniqueEmail('registered');
    const customer = await createCustomer(email);
    await create({ email: email.toUpperCase(), consents: ['abandoned_cart'] });
    expect(await timelineOf(customer.id)).toEqual([
      { type: 'consents_changed', actor_type: 'staff', actor_name: 'Subscriber tester', detail: { from: [], to: ['abandoned_cart'] } },
    ]);
  });
});

describe('GET /v3/customers/subscribers/{subscriber_id}', () => {
  it('answers one subscriber as {data, meta}', async () => {
    const s = await create({ first_name: 'One' });
    const res = await call('GET', `${PATH}/${s.id}`, { token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expectSubscriberShape(res.body.data);
    expect(res.body.data).toEqual(s);
  });

  it('answers 404 for an unknown id and 422 for one that is not a positive integer', async () => {
    const missing = await call('GET', `${PATH}/2000000000`, { token });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.body, 404);
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      const res = await call('GET', `${PATH}/${bad}`, { token });
      expect(res.status, bad).toBe(422);
      expect(Object.keys(res.body.errors)).toEqual(['subscriber_id']);
    }
  });
});

describe('PUT /v3/customers/subscribers/{subscriber_id}', () => {
  it('changes the given fields only and answers the subscriber', async () => {
    const email = uniqueEmail('put');
    const order = await createOrder(email);
    const s = await create({ email, first_name: 'Old', last_name: 'Name', source: 'storefront', channel_id: 3 });
    const res = await call('PUT', `${PATH}/${s.id}`, {
      token,
      body: { first_name: 'New', order_id: order.id, source: 'order', consents: ['abandoned_cart'] },
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expectSubscriberShape(res.body.data);
    expect(res.body.data).toMatchObject({
      id: s.id,
      email,
      first_name: 'New',
      last_name: 'Name',
      source: 'order',
      order_id: order.id,
      channel_id: 3,
      consents: ['abandoned_cart'],
    });
    expect(res.body.data.date_created).toBe(s.date_created);
    expect(res.body.data.date_modified >= s.date_modified).toBe(true);

    const cleared = await call('PUT', `${PATH}/${s.id}`, { token, body: { order_id: null, consents: [] } });
    expect(cleared.body.data).toMatchObject({ order_id: null, consents: [], first_name: 'New' });
  });

  it('accepts the id of the same subscriber in the body, and an empty body changes nothing', async () => {
    const s = await create();
    const same = await call('PUT', `${PATH}/${s.id}`, { token, body: { id: s.id, last_name: 'Same' } });
    expect(same.status).toBe(200);
    expect(same.body.data.last_name).toBe('Same');
    const empty = await call('PUT', `${PATH}/${s.id}`, { token, body: {} });
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual(same.body.data);
  });

  it("refuses another subscriber's email in any case (409); its own email in another case is fine", async () => {
    const taken = await create();
    const s = await create();
    for (const email of [taken.email, taken.email.toUpperCase()]) {
      const res = await call('PUT', `${PATH}/${s.id}`, { token, body: { email, first_name: 'Changed' } });
      expect(res.status).toBe(409);
      expectErrorShape(res.body, 409);
      expect(res.body.errors).toHaveProperty('email');
    }
    expect((await call('GET', `${PATH}/${s.id}`, { token })).body.data).toEqual(s);
    const own = await call('PUT', `${PATH}/${s.id}`, { token, body: { email: s.email.toUpperCase() } });
    expect(own.status).toBe(200);
    expect(own.body.data.email).toBe(s.email.toUpperCase());
  });

  it('answers 404 for an unknown subscriber and 422 for bad input, changing nothing', async () => {
    expect((await call('PUT', `${PATH}/2000000000`, { token, body: { first_name: 'X' } })).status).toBe(404);
    const s = await create();
    const cases: [unknown, string[]][] = [
      [{ email: 'nope' }, ['email']],
      [{ consents: ['newsletter'] }, ['consents.0']],
      [{ channel_id: -1 }, ['channel_id']],
      [{ first_name: null }, ['first_name']],
      [{ date_created: '2020-01-01T00:00:00Z' }, ['date_created']],
      [{ id: s.id + 1 }, ['id']],
      [{ order_id: 2_000_000_000 }, ['order_id']],
    ];
    for (const [body, paths] of cases) {
      const res = await call('PUT', `${PATH}/${s.id}`, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors)).toEqual(paths);
    }
    expect((await call('PUT', `${PATH}/abc`, { token, body: {} })).status).toBe(422);
    expect((await call('GET', `${PATH}/${s.id}`, { token })).body.data).toEqual(s);
  });

  it('puts consent changes on the timeline of the customers whose email it is', async () => {
    const first = uniqueEmail('tl1');
    const second = uniqueEmail('tl2');
    const a = await createCustomer(first);
    const b = await createCustomer(second);
    const s = await create({ email: first, consents: ['marketing_newsletter'] });
    await call('PUT', `${PATH}/${s.id}`, { token, body: { consents: ['abandoned_cart', 'marketing_newsletter'] } });
    await call('PUT', `${PATH}/${s.id}`, { token, body: { first_name: 'No consent change' } });
    await call('PUT', `${PATH}/${s.id}`, { token, body: { email: second } });
    const details = (await timelineOf(a.id)).map((e) => e.detail);
    expect(details).toEqual([
      { from: [], to: ['marketing_newsletter'] },
      { from: ['marketing_newsletter'], to: ['abandoned_cart', 'marketing_newsletter'] },
      { from: ['abandoned_cart', 'marketing_newsletter'], to: [] },
    ]);
    expect(await timelineOf(b.id)).toEqual([
      {
        type: 'consents_changed',
        actor_type: 'staff',
        actor_name: 'Subscriber tester',
        detail: { from: [], to: ['abandoned_cart', 'marketing_newsletter'] },
      },
    ]);
  });
});

describe('GET /v3/customers/subscribers', () => {
  it('answers {data, meta} with meta.pagination as the spec has it', async () => {
    const source = marker('shape');
    await create({ source });
    const body = await list(`source=${source}`);
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    expect(body.data).toHaveLength(1);
    expectSubscriberShape(body.data[0]);
    const p = body.meta.pagination;
    expect(Object.keys(p).sort()).toEqual(['count', 'current_page', 'links', 'per_page', 'total', 'total_pages']);
    expect(p).toMatchObject({ total: 1, count: 1, per_page: 50, current_page: 1, total_pages: 1 });
    expect(p.links).toEqual({ current: '?page=1&limit=50' });
    for (const key of ['total', 'count', 'per_page', 'current_page', 'total_pages']) expect(Number.isInteger(p[key])).toBe(true);
  });

  it('filters by every field the spec lists, plus channel_id', async () => {
    const source = marker('filter');
    const email = uniqueEmail('filter');
    const order = await createOrder(email);
    const a = await create({ email, first_name: 'Alan', last_name: 'Turing', source, order_id: order.id, channel_id: 7 });
    const b = await create({ first_name: 'Alan', last_name: 'Kay', source, channel_id: 1 });
    const c = await create({ first_name: 'Barbara', last_name: 'Turing', source: `${source}x`, channel_id: 7 });
    const own = `&source=${source}`;

    expect(await idsOf(`id=${a.id}`)).toEqual([a.id]);
    expect(await idsOf(`id:in=${a.id},${c.id}`)).toEqual([a.id, c.id]);
    expect(await idsOf(`id:in=${a.id},${b.id}&id=${b.id}`)).toEqual([b.id]);
    expect(await idsOf(`email=${encodeURIComponent(email.toUpperCase())}`)).toEqual([a.id]);
    expect(await idsOf(`first_name=alan${own}`)).toEqual([a.id, b.id]);
    expect(await idsOf(`last_name=Turing&id:in=${a.id},${b.id},${c.id}`)).toEqual([a.id, c.id]);
    expect(await idsOf(`source=${source}`)).toEqual([a.id, b.id]);
    expect(await idsOf(`order_id=${order.id}`)).toEqual([a.id]);
    expect(await idsOf(`channel_id=7&id:in=${a.id},${b.id},${c.id}`)).toEqual([a.id, c.id]);
    expect(await idsOf(`first_name=Alan&last_name=Kay${own}`)).toEqual([b.id]);
    expect(await idsOf(`first_name=Nobody${own}`)).toEqual([]);
  });

  it('filters by date_created and date_modified, exact days and :min/:max', async () => {
    const source = marker('dates');
    const a = await create({ source });
    const b = await create({ source });
    const c = await create({ source });
    await setDates(a.id, '2020-01-01T10:00:00Z', '2020-03-01T10:00:00Z');
    await setDates(b.id, '2020-01-02T10:00:00Z', '2020-03-02T10:00:00Z');
    await setDates(c.id, '2020-01-03T23:59:59Z', '2020-03-03T00:00:00Z');
    const own = `&source=${source}`;

    expect(await idsOf(`date_created=2020-01-02${own}`)).toEqual([b.id]);
    expect(await idsOf(`date_created=2020-01-02T10:00:00Z${own}`)).toEqual([b.id]);
    expect(await idsOf(`date_created:min=2020-01-02${own}`)).toEqual([b.id, c.id]);
    expect(await idsOf(`date_created:max=2020-01-02${own}`)).toEqual([a.id, b.id]);
    expect(await idsOf(`date_created:min=2020-01-01T10:00:01Z&date_created:max=2020-01-03${own}`)).toEqual([b.id, c.id]);
    expect(await idsOf(`date_modified=2020-03-03${own}`)).toEqual([c.id]);
    expect(await idsOf(`date_modified:min=2020-03-02${own}`)).toEqual([b.id, c.id]);
    expect(await idsOf(`date_modified:max=2020-03-01T23:59:59Z${own}`)).toEqual([a.id]);
    expect(await idsOf(`date_created:min=2020-01-02&date_modified:max=2020-03-02${own}`)).toEqual([b.id]);
  });

  it('pages with page/limit and meta.pagination links', async () => {
    const source = marker('pages');
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push((await create({ source })).id);
    const first = await list(`source=${source}&limit=2`);
    expect(first.data.map((s) => s.id)).toEqual(made.slice(0, 2));
    expect(first.meta.pagination).toMatchObject({ total: 5, count: 2, per_page: 2, current_page: 1, total_pages: 3 });
    expect(first.meta.pagination.links).toEqual({ current: '?page=1&limit=2', next: '?page=2&limit=2' });
    const second = await list(`source=${source}&limit=2&page=2`);
    expect(second.data.map((s) => s.id)).toEqual(made.slice(2, 4));
    expect(second.meta.pagination.links).toEqual({ previous: '?page=1&limit=2', current: '?page=2&limit=2', next: '?page=3&limit=2' });
    const last = await list(`source=${source}&limit=2&page=3`);
    expect(last.data.map((s) => s.id)).toEqual(made.slice(4));
    expect(last.meta.pagination).toMatchObject({ count: 1, current_page: 3 });
    const beyond = await list(`source=${source}&limit=2&page=9`);
    expect(beyond.data).toEqual([]);
    expect(beyond.meta.pagination).toMatchObject({ total: 5, count: 0 });
  });

  it('pages with after/before cursors', async () => {
    const source = marker('cursor');
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push((await create({ source })).id);
    const first = await list(`source=${source}&limit=2`);
    const seen: number[] = [];
    let cursor = first.meta.cursor_pagination.end_cursor as string;
    seen.push(...first.data.map((s) => s.id));
    for (;;) {
      const page = await list(`source=${source}&limit=2&after=${cursor}`);
      expect(page.meta.pagination).toBeUndefined();
      seen.push(...page.data.map((s) => s.id));
      if (!page.meta.cursor_pagination.links.next) break;
      cursor = page.meta.cursor_pagination.end_cursor;
    }
    expect(seen).toEqual(made);
    // `cursor` is now the end of the second page (made[3]): the two before it.
    const back = await list(`source=${source}&limit=2&before=${cursor}`);
    expect(back.data.map((s) => s.id)).toEqual(made.slice(1, 3));
    expect(back.meta.cursor_pagination.links.previous).toBeDefined();
  });

  it('answers bad query parameters with 422 naming them', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=251', 'limit'],
      ['page=abc', 'page'],
      ['id=abc', 'id'],
      ['id:in=1,x', 'id:in'],
      ['order_id=-3', 'order_id'],
      ['channel_id=1.5', 'channel_id'],
      ['date_created=yesterday', 'date_created'],
      ['date_modified:min=2020-13-45', 'date_modified:min'],
      ['after=notacursor', 'after'],
      ['colour=red', 'colour'],
      ['email=', 'email'],
    ];
    for (const [query, key] of cases) {
      const res = await call('GET', `${PATH}?${query}`, { token });
      expect(res.status, query).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors), query).toContain(key);
    }
  });
});

describe('DELETE /v3/customers/subscribers', () => {
  it('deletes only the subscribers matching the filter', async () => {
    const source = marker('del');
    const a = await create({ source, first_name: 'Gone' });
    const b = await create({ source, first_name: 'Gone' });
    const keep = await create({ source, first_name: 'Kept' });
    const res = await call('DELETE', `${PATH}?source=${source}&first_name=Gone`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await idsOf(`source=${source}`)).toEqual([keep.id]);
    expect((await call('GET', `${PATH}/${a.id}`, { token })).status).toBe(404);
    expect((await call('GET', `${PATH}/${b.id}`, { token })).status).toBe(404);
  });

  it('deletes by email, id:in, order_id and dates too', async () => {
    const source = marker('delby');
    const email = uniqueEmail('delby');
    const order = await createOrder(email);
    const byEmail = await create({ source, email });
    const byIds = [await create({ source }), await create({ source })];
    const byOrder = await create({ source, order_id: order.id });
    const byDate = await create({ source });
    await setDates(byDate.id, '2019-06-01T12:00:00Z', '2019-06-01T12:00:00Z');
    const keep = await create({ source });

    expect((await call('DELETE', `${PATH}?email=${encodeURIComponent(email.toUpperCase())}`, { token })).status).toBe(204);
    expect((await call('DELETE', `${PATH}?id:in=${byIds.map((s) => s.id).join(',')}`, { token })).status).toBe(204);
    expect((await call('DELETE', `${PATH}?order_id=${order.id}`, { token })).status).toBe(204);
    expect((await call('DELETE', `${PATH}?date_created=2019-06-01&source=${source}`, { token })).status).toBe(204);
    expect(await idsOf(`source=${source}`)).toEqual([keep.id]);
    expect(await idsOf(`id:in=${byEmail.id},${byOrder.id},${byDate.id}`)).toEqual([]);
  });

  it('deletes nothing without a filter: 422 (BigCommerce would delete every subscriber)', async () => {
    const s = await create();
    const before = (await list('limit=1')).meta.pagination.total as number;
    for (const query of ['', '?', '?id:in=', '?limit=5', '?first_name=&last_name=', '?source=']) {
      const res = await call('DELETE', `${PATH}${query}`, { token });
      expect(res.status, query).toBe(422);
      expectErrorShape(res.body, 422);
    }
    expect((await call('GET', `${PATH}/${s.id}`, { token })).status).toBe(200);
    expect((await list('limit=1')).meta.pagination.total).toBeGreaterThanOrEqual(before);
  });

  it('answers bad filters with 422 and deletes nothing', async () => {
    const source = marker('delbad');
    const s = await create({ source });
    for (const query of ['id:in=x', 'order_id=abc', 'date_created=soon', 'nickname=x', `source=${source}&page=abc`]) {
      const res = await call('DELETE', `${PATH}?${query}`, { token });
      expect(res.status, query).toBe(422);
      expectErrorShape(res.body, 422);
    }
    expect(await idsOf(`source=${source}`)).toEqual([s.id]);
  });

  it('takes the consents off the timeline of a registered customer', async () => {
    const email = uniqueEmail('delcust');
    const customer = await createCustomer(email);
    await create({ email, consents: ['marketing_newsletter'] });
    await call('DELETE', `${PATH}?email=${encodeURIComponent(email)}`, { token });
    expect((await timelineOf(customer.id)).map((e) => e.detail)).toEqual([
      { from: [], to: ['marketing_newsletter'] },
      { from: ['marketing_newsletter'], to: [] },
    ]);
  });
});

describe('DELETE /v3/customers/subscribers/{subscriber_id}', () => {
  it('deletes one subscriber (204), then answers 404', async () => {
    const email = uniqueEmail('delone');
    const customer = await createCustomer(email);
    const s = await create({ email, consents: ['abandoned_cart'] });
    const other = await create();
    const res = await call('DELETE', `${PATH}/${s.id}`, { token });
    expect(res.status).toBe(204);
    expect((await call('GET', `${PATH}/${s.id}`, { token })).status).toBe(404);
    expect((await call('DELETE', `${PATH}/${s.id}`, { token })).status).toBe(404);
    expect((await call('GET', `${PATH}/${other.id}`, { token })).status).toBe(200);
    expect((await timelineOf(customer.id)).at(-1)!.detail).toEqual({ from: ['abandoned_cart'], to: [] });
    expect((await call('DELETE', `${PATH}/abc`, { token })).status).toBe(422);
  });
});

describe('scopes', () => {
  it('lets a read-only token read and refuses it every write (403), changing nothing', async () => {
    const s = await create({ first_name: 'Readable' });
    expect((await call('GET', PATH, { token: readOnly })).status).toBe(200);
    expect((await call('GET', `${PATH}/${s.id}`, { token: readOnly })).status).toBe(200);
    const writes: [string, string, unknown?][] = [
      ['POST', PATH, { email: uniqueEmail('ro') }],
      ['PUT', `${PATH}/${s.id}`, { first_name: 'Changed' }],
      ['DELETE', `${PATH}?id:in=${s.id}`],
      ['DELETE', `${PATH}/${s.id}`],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(method, path, { token: readOnly, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expectErrorShape(res.body, 403);
    }
    expect((await call('GET', `${PATH}/${s.id}`, { token })).body.data).toEqual(s);
  });

  it('refuses a request without a token (401) and an orders-only token (403)', async () => {
    expect((await call('GET', PATH)).status).toBe(401);
    const ordersOnly = await adminToken(['store_v2_orders']);
    expect((await call('GET', PATH, { token: ordersOnly })).status).toBe(403);
    expect((await call('POST', PATH, { token: ordersOnly, body: { email: uniqueEmail() } })).status).toBe(403);
  });

  it('answers under /stores/{store_hash}/v3 too', async () => {
    const s = await create();
    const res = await call('GET', `/stores/${STORE_HASH}/v3/customers/subscribers/${s.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(s.id);
  });
});
