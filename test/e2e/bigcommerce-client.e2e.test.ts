// Acceptance test of issue 15: a real published BigCommerce client, node-bigcommerce (its code unpatched),
// drives a customer integration against a private `wrangler dev` (scripts/private-worker.mjs): customers,
// addresses, attributes and their values, subscribers and V2 customer groups created, listed, updated and
// deleted, and one rate-limited call that waits as the 429's X-Retry-After says and then succeeds.
// The client always calls https://api.bigcommerce.com:443; its one transport option, `agent` (passed to
// https.request), is an https.Agent whose createConnection (Node's documented Agent hook) opens a plain TCP
// connection to the local worker instead. Everything else, including its `Accept-Encoding: gzip, deflate`,
// its gunzipping and its 429 handling, runs as published.
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateWorker } from '../../scripts/private-worker.mjs';

interface BigCommerceConfig {
  clientId: string;
  accessToken: string;
  storeHash: string;
  responseType: 'json';
  apiVersion: 'v2' | 'v3';
  agent: https.Agent;
}
interface BigCommerceClient {
  get(path: string): Promise<any>;
  post(path: string, data: unknown): Promise<any>;
  put(path: string, data: unknown): Promise<any>;
  delete(path: string): Promise<any>;
}
/** node-bigcommerce's error for a 4xx/5xx: the status in `code`, the (gunzipped) body in `responseBody`. */
interface BigCommerceError extends Error {
  code: number;
  responseBody: string;
}

const BigCommerce = createRequire(import.meta.url)('node-bigcommerce') as new (config: BigCommerceConfig) => BigCommerceClient;

/** Every connection the client opens goes to the local worker, in plain HTTP; `connections` counts them (one per request). */
class LocalAgent extends https.Agent {
  connections = 0;
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): net.Socket {
    this.connections += 1;
    return net.connect({ host: '127.0.0.1', port: this.port });
  }
}

let worker: Awaited<ReturnType<typeof startPrivateWorker>>;
let agent: LocalAgent;
let v3: BigCommerceClient;
let v2: BigCommerceClient;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = (name: string) => `${name}.${run}@example.com`;

beforeAll(async () => {
  worker = await startPrivateWorker({
    adminScopes: ['store_v2_customers'],
    keep: Boolean(process.env.E2E_KEEP),
    prefix: 'sfa-e2e-bc-',
  });
  agent = new LocalAgent(Number(new URL(worker.base).port));
  const config = { clientId: 'e2e', accessToken: worker.token!, storeHash: 'demo01', responseType: 'json' as const, agent };
  v3 = new BigCommerce({ ...config, apiVersion: 'v3' });
  v2 = new BigCommerce({ ...config, apiVersion: 'v2' });
});

afterAll(async () => {
  agent?.destroy();
  await worker?.stop();
});

/** The rejection of `call`, as node-bigcommerce reports a failed request. */
async function failure(call: Promise<unknown>): Promise<BigCommerceError> {
  try {
    await call;
  } catch (err) {
    return err as BigCommerceError;
  }
  throw new Error('expected the call to fail');
}

describe('node-bigcommerce against wrangler dev', () => {
  let customerId: number;

  it('customers: create, list, update, delete (the 204 is read without gunzipping nothing)', async () => {
    const created = await v3.post('/customers', [
      {
        email: email('ada'),
        first_name: 'Ada',
        last_name: 'Lovelace',
        authentication: { new_password: 'correct horse battery staple' },
      },
      { email: email('grace'), first_name: 'Grace', last_name: 'Hopper' },
    ]);
    expect(created.data).toHaveLength(2);
    customerId = created.data[0].id;

    const listed = await v3.get(`/customers?email:in=${email('ada')},${email('grace')}&include=addresses,formfields,shopper_profile_id,segment_ids`);
    expect(listed.data.map((c: any) => c.email)).toEqual([email('ada'), email('grace')]);
    expect(listed.data[0]).toMatchObject({ shopper_profile_id: null, segment_ids: [], addresses: [], form_fields: [] });
    expect(listed.meta.pagination.total).toBe(2);

    const updated = await v3.put('/customers', [{ id: customerId, company: 'Analytical Engines' }]);
    expect(updated.data[0]).toMatchObject({ id: customerId, company: 'Analytical Engines' });

    // A 204 to `Accept-Encoding: gzip, deflate`: before issue 15 wrangler dev marked it gzip, and the
    // client's gunzip of the empty body failed ("unexpected end of file").
    expect(await v3.delete(`/customers?id:in=${created.data[1].id}`)).toBe('');
    expect((await v3.get(`/customers?id:in=${created.data[1].id}`)).data).toEqual([]);
  });

  it('addresses: create, list, update, delete', async () => {
    const created = await v3.post('/customers/addresses', [
      {
        customer_id: customerId,
        first_name: 'Ada',
        last_name: 'Lovelace',
        address1: '12 St James Sq',
        city: 'London',
        postal_code: 'SW1Y 4JH',
        country_code: 'GB',
      },
    ]);
    const id = created.data[0].id;
    expect(created.data[0]).toMatchObject({ customer_id: customerId, country: 'United Kingdom' });
    const listed = await v3.get(`/customers/addresses?customer_id:in=${customerId}&include=formfields`);
    expect(listed.data.map((a: any) => a.id)).toEqual([id]);
    expect(listed.data[0].form_fields).toEqual([]);
    const updated = await v3.put('/customers/addresses', [{ id, address2: 'Floor 2' }]);
    expect(updated.data[0]).toMatchObject({ id, address2: 'Floor 2' });
    expect(await v3.delete(`/customers/addresses?id:in=${id}`)).toBe('');
    expect((await v3.get(`/customers/addresses?customer_id:in=${customerId}`)).data).toEqual([]);
  });

  it('attributes and their values: create, list, update, delete', async () => {
    const created = await v3.post('/customers/attributes', [{ name: `Shoe size ${run}`, type: 'number' }]);
    const attributeId = created.data[0].id;
    expect((await v3.get(`/customers/attributes?name:like=${run}`)).data.map((a: any) => a.id)).toEqual([attributeId]);
    const renamed = await v3.put('/customers/attributes', [{ id: attributeId, name: `Shoe size EU ${run}` }]);
    expect(renamed.data[0].name).toBe(`Shoe size EU ${run}`);

    const value = await v3.put('/customers/attribute-values', [{ attribute_id: attributeId, customer_id: customerId, value: '38' }]);
    expect(value.data[0]).toMatchObject({ attribute_id: attributeId, customer_id: customerId, attribute_value: '38' });
    const values = await v3.get(`/customers/attribute-values?customer_id:in=${customerId}`);
    expect(values.data.map((v: any) => v.attribute_value)).toEqual(['38']);
    expect(await v3.delete(`/customers/attribute-values?id:in=${value.data[0].id}`)).toBe('');

    expect(await v3.delete(`/customers/attributes?id:in=${attributeId}`)).toBe('');
    expect((await v3.get(`/customers/attributes?name:like=${run}`)).data).toEqual([]);
  });

  it('subscribers: create, list, update, delete', async () => {
    const created = await v3.post('/customers/subscribers', { email: email('newsletter'), first_name: 'News', last_name: 'Letter' });
    const id = created.data.id;
    const listed = await v3.get(`/customers/subscribers?email=${email('newsletter')}`);
    expect(listed.data.map((s: any) => s.id)).toEqual([id]);
    const updated = await v3.put(`/customers/subscribers/${id}`, { first_name: 'Newer' });
    expect(updated.data).toMatchObject({ id, first_name: 'Newer' });
    expect(await v3.delete(`/customers/subscribers/${id}`)).toBe('');
    const gone = await failure(v3.get(`/customers/subscribers/${id}`));
    expect(gone.code).toBe(404);
  });

  it('V2 customer groups: create, list, update, delete; errors in the V2 shape', async () => {
    const group = await v2.post('/customer_groups', { name: `Wholesale ${run}` });
    expect(group).toMatchObject({ name: `Wholesale ${run}` });
    const listed = await v2.get(`/customer_groups?name=${encodeURIComponent(`Wholesale ${run}`)}`);
    expect(listed.map((g: any) => g.id)).toEqual([group.id]);
    expect(await v2.put(`/customer_groups/${group.id}`, { name: `Trade ${run}` })).toMatchObject({ id: group.id, name: `Trade ${run}` });
    expect(await v2.delete(`/customer_groups/${group.id}`)).toBe('');
    const missing = await failure(v2.get(`/customer_groups/${group.id}`));
    expect(missing.code).toBe(404);
    expect(JSON.parse(missing.responseBody)).toEqual([{ status: 404, message: expect.any(String), code: 'group_not_found' }]);
  });

  it('a rate-limited call waits X-Retry-After seconds, once, and then succeeds', { timeout: 180_000 }, async () => {
    // validate-credentials allows 20 calls a minute per IP (wrangler.toml CREDENTIALS_LIMITER); every call
    // here comes from 127.0.0.1. Fresh emails, so only that limit is met, not the per-email failure lock.
    const probe = () =>
      fetch(`${worker.base}/v3/customers/validate-credentials`, {
        method: 'POST',
        headers: { 'X-Auth-Token': worker.token!, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: email('probe'), password: 'x' }),
      });
    // The local limiter counts in windows aligned to the minute: start with time to spare in one, so the
    // client's first attempt cannot fall into the next window.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 20_000) await new Promise((r) => setTimeout(r, msLeft + 250));
    let refused: Response | undefined;
    // Twice at most: if a window edge passes while the 20 calls run, the count starts over.
    for (let series = 0; series < 2 && refused?.status !== 429; series++) {
      for (let i = 0; i < 20; i++) {
        const res = await v3.post('/customers/validate-credentials', { email: email(`nobody${series}.${i}`), password: 'wrong password' });
        if (res.is_valid !== false) throw new Error(`unexpected answer ${JSON.stringify(res)}`);
      }
      refused = await probe();
    }
    expect(refused!.status).toBe(429);
    const retryAfter = Number(refused!.headers.get('X-Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused!.headers.get('X-Rate-Limit-Requests-Left')).toBe('0');
    expect(refused!.headers.get('X-Rate-Limit-Requests-Quota')).toBe('20');

    const before = agent.connections;
    const started = Date.now();
    const result = await v3.post('/customers/validate-credentials', { email: email('ada'), password: 'correct horse battery staple' });
    const waitedMs = Date.now() - started;
    expect(result).toEqual({ is_valid: true, customer_id: customerId });
    // The client waited (it did not spin): one refused attempt, the wait, one that got through.
    expect(agent.connections - before).toBe(2);
    expect(waitedMs).toBeGreaterThanOrEqual((retryAfter - 1) * 1000);
    expect(waitedMs).toBeLessThan((retryAfter + 5) * 1000);
  });

  it('a 204 to Accept-Encoding: gzip comes back without a content coding (node http)', async () => {
    const created = await v3.post('/customers', [{ email: email('bodiless'), first_name: 'Body', last_name: 'Less' }]);
    const { port } = new URL(worker.base);
    const res = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'DELETE',
          path: `/v3/customers?id:in=${created.data[0].id}`,
          headers: { 'X-Auth-Token': worker.token!, 'Accept-Encoding': 'gzip, deflate' },
        },
        (r) => {
          let bytes = 0;
          r.on('data', (chunk: Buffer) => (bytes += chunk.length));
          r.on('end', () => resolve({ status: r.statusCode!, headers: r.headers, bytes }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(204);
    expect(res.bytes).toBe(0);
    expect(res.headers['content-encoding'] ?? 'identity').toBe('identity');
    expect(res.headers['content-type']).toBeUndefined();
  });
});
