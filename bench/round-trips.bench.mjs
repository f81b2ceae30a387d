// D1 round trips per request (issue 11): what decides latency in production, where every sequential D1
// call crosses the distance between the worker (near the shopper) and D1's primary (one region).
//
// Part 1 — count: a private worker whose D1 binding is wrapped (bench/lib/round-trips-worker.ts) answers
// every request with X-Bench-D1-Round-Trips. One row per storefront route and the main admin routes;
// budgets from the issue: authenticated reads 1, log-in ≤ 2, refresh ≤ 2, sign-up ≤ 3, a signed-in page
// load (as the widget does it: the refresh, plus GET /storefront/customer only when the refresh does not
// answer the profile) ≤ 2 in total, an admin list with include ≤ 2.
//
// Part 2 — latency at distance: a second private worker that waits D1_RTT_MS (80) before each D1 call.
// Medians of log-in, refresh, the authenticated read and the signed-in page load; budgets: log-in within
// the hash time (POST /dev/bench/password-hash, measured alongside) + 2 × 80 ms + 20 ms, page load within
// 2 × 80 ms + 20 ms.
import { percentile, round, startWorker, writeResults } from './lib/worker.mjs';

const ENTRY = 'bench/lib/round-trips-worker.ts';
const RTT_MS = Number(process.env.D1_RTT_MS ?? 80);
const SAMPLES = Number(process.env.BENCH_RTT_SAMPLES ?? 15);
const PASSWORD = 'bench-password-2026';

/** A tiny cookie jar: the refresh cookie and the code-proof cookie, as a browser would keep them. */
function client(base, adminToken) {
  const jar = new Map();
  let bearer;
  const send = async (method, path, { body, admin = false, auth = true, headers = {} } = {}) => {
    const h = { ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (admin) h['X-Auth-Token'] = adminToken;
    else if (auth && bearer) h.Authorization = `Bearer ${bearer}`;
    if (jar.size) h.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - t0;
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === '' || /max-age=0/i.test(c)) jar.delete(k);
      else jar.set(k, v);
    }
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (json?.access_token) bearer = json.access_token;
    const trips = Number(res.headers.get('X-Bench-D1-Round-Trips'));
    if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return { status: res.status, json, trips, ms };
  };
  return { send, setBearer: (t) => (bearer = t), bearer: () => bearer };
}

/** The code mailed to `email`: mails go out after the response (worker/src/time.ts afterTheResponse), so wait for it. */
async function latestCode(c, email) {
  for (let waited = 0; waited < 5000; waited += 50) {
    const { json } = await c.send('GET', '/dev/outbox', { auth: false });
    const mail = json.data.find((m) => m.to === email && /\b\d{6}\b/.test(m.text ?? ''));
    if (mail) return /\b(\d{6})\b/.exec(mail.text)[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no code mailed to ${email}`);
}

/** A signed-in page load as the widget does it: the refresh; the profile read only when the refresh lacks it. */
async function pageLoad(c) {
  const refresh = await c.send('POST', '/storefront/session/refresh');
  if (refresh.status !== 200) throw new Error(`refresh answered ${refresh.status}`);
  if (refresh.json.customer) return { trips: refresh.trips, ms: refresh.ms, requests: 1 };
  const profile = await c.send('GET', '/storefront/customer');
  return { trips: refresh.trips + profile.trips, ms: refresh.ms + profile.ms, requests: 2 };
}

async function countAll(worker) {
  const rows = [];
  const c = client(worker.base, worker.token);
  const row = (what, res, budget, expectStatus) => {
    if (expectStatus && res.status !== expectStatus) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.json)}`);
    rows.push({ what, trips: res.trips, budget });
  };
  const stamp = Date.now();
  const email = `trips.${stamp}@example.com`;

  // Storefront, guest.
  row('GET /storefront/form-fields (first view in the data centre)', await c.send('GET', '/storefront/form-fields'), undefined, 200);
  row('GET /storefront/form-fields (the next views: data centre cache)', await c.send('GET', '/storefront/form-fields'), 0, 200);
  row('GET /storefront/oidc/providers (first view)', await c.send('GET', '/storefront/oidc/providers'), undefined, 200);
  row('GET /storefront/oidc/providers (the next views)', await c.send('GET', '/storefront/oidc/providers'), 0, 200);
  row(
    'POST /storefront/customers (sign-up)',
    await c.send('POST', '/storefront/customers', { body: { email, password: PASSWORD, first_name: 'Trip', last_name: 'Count' } }),
    3,
    201,
  );
  row(
    'POST /storefront/session/code/confirm (email proof)',
    await c.send('POST', '/storefront/session/code/confirm', { body: { email, code: await latestCode(c, email) } }),
    undefined,
    200,
  );
  row('POST /storefront/session (log-in)', await c.send('POST', '/storefront/session', { body: { email, password: PASSWORD } }), 2, 200);
  row('POST /storefront/session/refresh', await c.send('POST', '/storefront/session/refresh'), 2, 200);
  const load = await pageLoad(c);
  rows.push({
    what: `signed-in page load (${load.requests} request${load.requests > 1 ? 's' : ''}: refresh${load.requests > 1 ? ' + GET /storefront/customer' : ' with the profile'})`,
    trips: load.trips,
    budget: 2,
  });

  // Storefront, signed in.
  row('GET /storefront/customer', await c.send('GET', '/storefront/customer'), 1, 200);
  row('PATCH /storefront/customer', await c.send('PATCH', '/storefront/customer', { body: { first_name: 'Tripp' } }), undefined, 200);
  const address = {
    first_name: 'Trip',
    last_name: 'Count',
    address1: '1 Main St',
    city: 'Austin',
    state_or_province: 'Texas',
    postal_code: '78701',
    country_code: 'US',
  };
  const created = await c.send('POST', '/storefront/customer/addresses', { body: address });
  row('POST /storefront/customer/addresses', created, undefined, 201);
  row('GET /storefront/customer/addresses', await c.send('GET', '/storefront/customer/addresses'), 1, 200);
  const addressId = created.json?.data?.id ?? created.json?.id;
  row(
    'PATCH /storefront/customer/addresses/{id}',
    await c.send('PATCH', `/storefront/customer/addresses/${addressId}`, { body: { city: 'Dallas' } }),
    undefined,
    200,
  );
  await c.send('POST', '/dev/orders', { body: { items: [{ name: 'Mug', quantity: 1, price: '12.00' }] } });
  const orders = await c.send('GET', '/storefront/customer/orders');
  row('GET /storefront/customer/orders', orders, 1, 200);
  const orderId = orders.json?.data?.[0]?.id;
  if (orderId) row('GET /storefront/customer/orders/{id}', await c.send('GET', `/storefront/customer/orders/${orderId}`), 1, 200);
  row('GET /storefront/customer/consents', await c.send('GET', '/storefront/customer/consents'), 1, 200);
  row(
    'PUT /storefront/customer/consents',
    await c.send('PUT', '/storefront/customer/consents', { body: { consents: ['marketing_newsletter'] } }),
    undefined,
  );
  row('GET /storefront/customer/identities', await c.send('GET', '/storefront/customer/identities'), 1, 200);
  row('DELETE /storefront/customer/addresses/{id}', await c.send('DELETE', `/storefront/customer/addresses/${addressId}`), undefined, 204);
  row(
    'POST /storefront/customer/password',
    await c.send('POST', '/storefront/customer/password', { body: { current_password: PASSWORD, new_password: `${PASSWORD}-2` } }),
    undefined,
    200,
  );
  row('DELETE /storefront/session (log-out)', await c.send('DELETE', '/storefront/session'), undefined, 204);
  row(
    'POST /storefront/password-reset (before the response)',
    await c.send('POST', '/storefront/password-reset', { body: { email } }),
    undefined,
    202,
  );
  row('POST /storefront/session/code (before the response)', await c.send('POST', '/storefront/session/code', { body: { email } }), undefined, 202);
  row(
    'POST /storefront/subscribers (guest newsletter)',
    await c.send('POST', '/storefront/subscribers', { body: { email: `guest.${stamp}@example.com` } }),
    undefined,
  );

  // Admin API.
  const admin = (method, path, body) => c.send(method, path, { admin: true, body });
  const batch = Array.from({ length: 10 }, (_, i) => ({
    email: `admin.${stamp}.${i}@example.com`,
    first_name: 'Admin',
    last_name: `Made ${i}`,
    addresses: [{ ...address, address_type: 'residential' }],
  }));
  row('POST /v3/customers (10 with addresses)', await admin('POST', '/v3/customers', batch), undefined, 200);
  row('GET /v3/customers', await admin('GET', '/v3/customers?limit=50'), undefined, 200);
  row(
    'GET /v3/customers?include=addresses,attributes,formfields,storecredit',
    await admin('GET', '/v3/customers?limit=50&include=addresses,attributes,formfields,storecredit'),
    2,
    200,
  );
  const ids = (await admin('GET', `/v3/customers?email:in=${batch.map((b) => b.email).join(',')}`)).json.data.map((d) => d.id);
  row(
    'PUT /v3/customers (10)',
    await admin(
      'PUT',
      '/v3/customers',
      ids.map((id) => ({ id, notes: 'bench' })),
    ),
    undefined,
    200,
  );
  row('GET /v3/customers/addresses', await admin('GET', '/v3/customers/addresses?limit=50'), 2, 200);
  row('GET /v3/customers/subscribers', await admin('GET', '/v3/customers/subscribers?limit=50'), 2, 200);
  row('GET /v3/customers/form-fields', await admin('GET', '/v3/customers/form-fields'), undefined, 200);
  row('GET /v3/customers/attributes', await admin('GET', '/v3/customers/attributes'), 2, 200);
  row('GET /v2/customer_groups', await admin('GET', '/v2/customer_groups'), 2, 200);
  row('GET /v3/orders', await admin('GET', '/v3/orders?limit=50'), 2, 200);
  row('DELETE /v3/customers?id:in=… (10)', await admin('DELETE', `/v3/customers?id:in=${ids.join(',')}`), undefined, 204);
  return rows;
}

async function latency(worker) {
  const c = client(worker.base, worker.token);
  const email = `latency.${Date.now()}@example.com`;
  const signUp = await c.send('POST', '/storefront/customers', { body: { email, password: PASSWORD, first_name: 'Far', last_name: 'Away' } });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}`);
  const samples = { hash: [], login: [], refresh: [], read: [], load: [] };
  for (let i = 0; i < SAMPLES + 2; i++) {
    const warm = i < 2;
    const hash = await c.send('POST', '/dev/bench/password-hash', { body: { password: PASSWORD }, auth: false });
    const login = await c.send('POST', '/storefront/session', { body: { email, password: PASSWORD } });
    const refresh = await c.send('POST', '/storefront/session/refresh');
    const read = await c.send('GET', '/storefront/customer');
    const load = await pageLoad(c);
    if (warm) continue;
    samples.hash.push(hash.ms);
    samples.login.push(login.ms);
    samples.refresh.push(refresh.ms);
    samples.read.push(read.ms);
    samples.load.push(load.ms);
  }
  const p50 = (xs) =>
    round(
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      ),
      1,
    );
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, p50(xs)]));
}

async function main() {
  const counting = await startWorker({
    entry: ENTRY,
    rateLimits: false,
    scopes: ['store_v2_customers', 'store_v2_orders'],
    // D1_TRACE=1 npm run bench -- round-trips: wrangler dev logs each request's D1 calls by round trip.
    vars: process.env.D1_TRACE ? { D1_TRACE: process.env.D1_TRACE } : {},
  });
  let rows;
  try {
    rows = await countAll(counting);
    if (process.env.D1_TRACE) console.error(counting.output());
  } finally {
    await counting.stop();
  }
  const far = await startWorker({ entry: ENTRY, rateLimits: false, vars: { D1_RTT_MS: String(RTT_MS) } });
  let ms;
  try {
    ms = await latency(far);
  } finally {
    await far.stop();
  }
  const results = rows.map((r) => ({
    what: `D1 round trips: ${r.what}`,
    value: r.trips,
    unit: 'round trips',
    display: String(r.trips),
    ...(r.budget === undefined ? {} : { budget: { op: '<=', value: r.budget, display: `≤ ${r.budget}` }, ok: r.trips <= r.budget }),
  }));
  const loginBudget = round(ms.hash + 2 * RTT_MS + 20, 1);
  const loadBudget = 2 * RTT_MS + 20;
  results.push(
    {
      what: `log-in at ${RTT_MS} ms per D1 round trip (p50)`,
      value: ms.login,
      unit: 'ms',
      display: `${ms.login} ms (hash alone ${ms.hash} ms)`,
      budget: { op: '<=', value: loginBudget, display: `≤ hash + 2 × ${RTT_MS} + 20 = ${loginBudget} ms` },
      ok: ms.login <= loginBudget,
    },
    { what: `refresh at ${RTT_MS} ms per D1 round trip (p50)`, value: ms.refresh, unit: 'ms', display: `${ms.refresh} ms` },
    { what: `GET /storefront/customer at ${RTT_MS} ms per D1 round trip (p50)`, value: ms.read, unit: 'ms', display: `${ms.read} ms` },
    {
      what: `signed-in page load at ${RTT_MS} ms per D1 round trip (p50)`,
      value: ms.load,
      unit: 'ms',
      display: `${ms.load} ms`,
      budget: { op: '<=', value: loadBudget, display: `≤ 2 × ${RTT_MS} + 20 = ${loadBudget} ms` },
      ok: ms.load <= loadBudget,
    },
  );
  writeResults('round-trips', { config: { rtt_ms: RTT_MS, samples: SAMPLES }, results });
}

main().catch((err) => {
  console.error(`round-trips bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
