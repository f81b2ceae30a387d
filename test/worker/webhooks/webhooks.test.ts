// Webhooks (issue 16): the hooks API, one event per change in the change's own batch (through the
// admin API and the storefront alike), signed deliveries to an in-process receiver (setWebhookFetch:
// the real HTTP exchange without a socket), retries with growing delays, the dead-letter path, the
// cron that re-sends what never reached the queue, and a hook turned off after 48 hours of failures.
import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult } from 'cloudflare:test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverQueued, RETRY_DELAYS, setWebhookFetch, signWebhook } from '../../../worker/src/accounts/webhooks';
import { runBatch } from '../../../worker/src/db/batch';
import { takeEmittedEvents } from '../../../worker/src/db/webhook-sink';
import { webhookEventStatement } from '../../../worker/src/db/webhooks';
import worker from '../../../worker/src/index';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { markVerified, waitForMail } from '../../helpers/email-verified';
import { bearer, requiredFormFields, signUp } from '../../helpers/shopper';

interface Received {
  url: string;
  headers: Headers;
  body: string;
}
const received: Received[] = [];
/** The receiver's answer: 204 unless a test says otherwise. */
let answer = 204;

beforeAll(() =>
  setWebhookFetch(async (url, init) => {
    received.push({ url, headers: new Headers(init.headers), body: init.body as string });
    return new Response(null, { status: answer });
  }),
);
afterAll(() => setWebhookFetch());
afterEach(() => {
  answer = 204;
});

let token: string;
beforeAll(async () => {
  token = await adminToken();
});

async function createHook(scope: string, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v3/hooks', { token, body: { scope, destination: 'https://receiver.example/hooks', ...body } });
  expect(res.status, res.text).toBe(200);
  return res.body.data as { id: number; secret: string; scope: string };
}

interface EventRow {
  id: number;
  event_id: string;
  scope: string;
  data: string;
  status: string;
  attempts: number;
  last_response_code: number | null;
}
const eventsOf = async (hookId: number) =>
  (
    await env.DB.prepare('SELECT id, event_id, scope, data, status, attempts, last_response_code FROM webhook_events WHERE hook_id = ?1 ORDER BY id')
      .bind(hookId)
      .all<EventRow>()
  ).results;
const scopesOf = async (hookId: number) => (await eventsOf(hookId)).map((e) => [e.scope, JSON.parse(e.data)]);

/**
 * An event row written directly (not by a change): nothing hands it to the queue, so the test alone
 * delivers it (a change's event also reaches the real queue consumer, tested on its own below).
 */
async function storedEvent(hookId: number, scope: string, data: object, status = 'queued'): Promise<EventRow> {
  const row = await env.DB.prepare(
    `INSERT INTO webhook_events (event_id, hook_id, scope, data, created_at, status)
     VALUES ('msg_' || lower(hex(randomblob(16))), ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?4)
     RETURNING id, event_id, scope, data, status, attempts, last_response_code`,
  )
    .bind(hookId, scope, JSON.stringify(data), status)
    .first<EventRow>();
  return row!;
}

const customer = (over: Record<string, unknown> = {}) => ({ email: uniqueEmail('hook'), first_name: 'Hana', last_name: 'Hook', ...over });

describe('the hooks API (BigCommerce V3 shape)', () => {
  it('creates a hook and shows its signing secret once; lists, filters, reads, updates and deletes', async () => {
    const created = await call('POST', '/v3/hooks', {
      token,
      body: { scope: 'store/customer/created', destination: 'https://erp.example/in', headers: { 'X-Api-Key': 'k1' } },
    });
    expect(created.status, created.text).toBe(200);
    const hook = created.body.data;
    expect(hook).toMatchObject({
      scope: 'store/customer/created',
      destination: 'https://erp.example/in',
      is_active: true,
      events_history_enabled: true,
      headers: { 'X-Api-Key': 'k1' },
      store_hash: env.STORE_HASH,
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(typeof hook.created_at).toBe('number');

    const read = await call('GET', `/v3/hooks/${hook.id}`, { token });
    expect(read.body.data).not.toHaveProperty('secret');
    const stored = await env.DB.prepare('SELECT secret FROM hooks WHERE id = ?1').bind(hook.id).first<{ secret: string }>();
    expect(stored!.secret).not.toContain(hook.secret.slice(6)); // encrypted at rest

    const list = await call('GET', '/v3/hooks?scope=store/customer/created&is_active=true', { token });
    expect(list.status).toBe(200);
    expect(list.body.data.map((h: { id: number }) => h.id)).toContain(hook.id);
    expect(list.body.meta.pagination).toMatchObject({ current_page: 1 });

    const paused = await call('PUT', `/v3/hooks/${hook.id}`, { token, body: { is_active: false } });
    expect(paused.body.data.is_active).toBe(false);
    expect((await call('GET', '/v3/hooks?is_active=false', { token })).body.data.map((h: { id: number }) => h.id)).toContain(hook.id);

    const gone = await call('DELETE', `/v3/hooks/${hook.id}`, { token });
    expect(gone.status).toBe(200);
    expect(gone.body.data.id).toBe(hook.id);
    const again = await call('GET', `/v3/hooks/${hook.id}`, { token });
    expect(again.status).toBe(404);
    expectErrorShape(again.body, 404);
    expect(again.body.code).toBe('hook_not_found');
  });

  it('refuses unknown scopes, non-https destinations, reserved headers; read-only tokens may only list', async () => {
    const bad = await call('POST', '/v3/hooks', {
      token,
      body: { scope: 'store/order/created', destination: 'http://erp.example/in', headers: { 'webhook-id': 'x' } },
    });
    expect(bad.status).toBe(422);
    expectErrorShape(bad.body, 422);
    expect(bad.body.errors).toHaveProperty('scope');
    // A reserved header name says why, on the header's key.
    expect(Object.entries(bad.body.errors).find(([k]) => k.startsWith('headers'))).toEqual(['headers.webhook-id', 'Set by the worker']);
    const http = await call('POST', '/v3/hooks', { token, body: { scope: 'store/customer/*', destination: 'http://erp.example/in' } });
    expect(http.status).toBe(422);
    expect(http.body.codes.destination).toBe('invalid_format');
    // A local receiver over http is fine in local runs (ENVIRONMENT=test here).
    const local = await call('POST', '/v3/hooks', { token, body: { scope: 'store/subscriber/*', destination: 'http://localhost:9999/hooks' } });
    expect(local.status, local.text).toBe(200);
    await call('DELETE', `/v3/hooks/${local.body.data.id}`, { token });

    const readOnly = await adminToken(['store_v2_customers_read_only']);
    const withKey = await call('POST', '/v3/hooks', {
      token,
      body: { scope: 'store/customer/*', destination: 'https://crm.example/in', headers: { 'X-Api-Key': 'secret-key' } },
    });
    const seen = await call('GET', `/v3/hooks/${withKey.body.data.id}`, { token: readOnly });
    expect(seen.status).toBe(200);
    expect(seen.body.data.headers).toEqual({ 'X-Api-Key': '********' }); // the receiver's credential is not for read-only tokens
    expect((await call('GET', `/v3/hooks/${withKey.body.data.id}`, { token })).body.data.headers).toEqual({ 'X-Api-Key': 'secret-key' });
    await call('DELETE', `/v3/hooks/${withKey.body.data.id}`, { token });
    expect(
      (await call('POST', '/v3/hooks', { token: readOnly, body: { scope: 'store/customer/*', destination: 'https://x.example/' } })).status,
    ).toBe(403);
  });
});

describe('every scope fires for its change, once, in the same batch as the change', () => {
  let hook: { id: number };
  beforeAll(async () => {
    hook = await createHook('store/customer/*');
  });
  afterAll(async () => {
    await call('DELETE', `/v3/hooks/${hook.id}`, { token });
  });
  const since = async () => (await eventsOf(hook.id)).length;
  const newSince = async (n: number) => (await scopesOf(hook.id)).slice(n);

  it('admin API: customer created, updated, deleted; address created, updated, deleted; order linked', async () => {
    let n = await since();
    const created = await call('POST', '/v3/customers', { token, body: [customer()] });
    expect(created.status, created.text).toBe(200);
    const id = created.body.data[0].id;
    expect(await newSince(n)).toEqual([['store/customer/created', { type: 'customer', id }]]);

    n = await since();
    expect((await call('PUT', '/v3/customers', { token, body: [{ id, last_name: 'Hooked' }] })).status).toBe(200);
    expect(await newSince(n)).toEqual([['store/customer/updated', { type: 'customer', id }]]);

    n = await since();
    const address = {
      customer_id: id,
      first_name: 'H',
      last_name: 'H',
      address1: '1 Main St',
      city: 'Austin',
      state_or_province: 'Texas',
      postal_code: '78701',
      country_code: 'US',
    };
    const added = await call('POST', '/v3/customers/addresses', { token, body: [address] });
    expect(added.status, added.text).toBe(200);
    const addressId = added.body.data[0].id;
    expect((await call('PUT', '/v3/customers/addresses', { token, body: [{ id: addressId, city: 'Dallas', postal_code: '75201' }] })).status).toBe(
      200,
    );
    expect((await call('DELETE', `/v3/customers/addresses?id:in=${addressId}`, { token })).status).toBe(204);
    const ofAddress = { type: 'customer', id: addressId, address: { customer_id: id } };
    expect(await newSince(n)).toEqual([
      ['store/customer/address/created', ofAddress],
      ['store/customer/address/updated', ofAddress],
      ['store/customer/address/deleted', ofAddress],
    ]);

    n = await since();
    const order = await call('POST', '/v3/orders', {
      token,
      body: [
        {
          email: 'guest.hook@example.com',
          currency_code: 'USD',
          subtotal: '9.00',
          tax: '0',
          shipping: '0',
          total: '9.00',
          items: [{ name: 'Mug', quantity: 1, price: '9.00' }],
        },
      ],
    });
    expect(order.status, order.text).toBe(201);
    const orderId = order.body.data[0].id;
    expect((await call('PUT', `/v3/orders/${orderId}/customer`, { token, body: { customer_id: id } })).status).toBe(200);
    expect(await newSince(n)).toEqual([['store/customer/order_linked', { type: 'customer', id, order: { id: orderId } }]]);

    n = await since();
    expect((await call('DELETE', `/v3/customers?id:in=${id}`, { token })).status).toBe(204);
    expect(await newSince(n)).toEqual([['store/customer/deleted', { type: 'customer', id }]]);
  });

  it('storefront: sign-up, email verified, profile, address book and erasure', async () => {
    let n = await since();
    const email = uniqueEmail('hook-shopper');
    const password = 'a long hook password 7';
    const signedUp = await call('POST', '/storefront/customers', {
      body: { email, password, first_name: 'Hana', last_name: 'Hook', form_fields: await requiredFormFields() },
    });
    expect(signedUp.status, signedUp.text).toBe(201);
    const shopper = { id: signedUp.body.customer.id as number, email, password, accessToken: '' };
    expect(await newSince(n)).toEqual([['store/customer/created', { type: 'customer', id: shopper.id }]]);

    n = await since();
    const mail = await waitForMail(email, 'email_code_verify');
    const code = /#email-code=(\d{6})/.exec(mail.text)![1]!;
    // With the sign-up's browser proof, as the widget confirms it (not a first proof from elsewhere).
    const proof = signedUp.headers
      .getSetCookie()
      .find((c) => c.startsWith('sfa_code_proof='))!
      .split(';')[0]!;
    const confirmed = await call('POST', '/storefront/session/code/confirm', { body: { email, code }, headers: { Cookie: proof } });
    expect(confirmed.status, confirmed.text).toBe(200);
    shopper.accessToken = confirmed.body.access_token;
    expect(await newSince(n)).toEqual([['store/customer/email_verified', { type: 'customer', id: shopper.id }]]);

    n = await since();
    expect((await call('PATCH', '/storefront/customer', { headers: bearer(shopper.accessToken), body: { last_name: 'Changed' } })).status).toBe(200);
    const address = {
      first_name: 'H',
      last_name: 'H',
      address1: '2 Main St',
      city: 'Austin',
      state_or_province: 'Texas',
      postal_code: '78701',
      country_code: 'US',
    };
    const added = await call('POST', '/storefront/customer/addresses', { headers: bearer(shopper.accessToken), body: address });
    expect(added.status, added.text).toBe(201);
    const addressId = added.body.data.id;
    expect(
      (
        await call('PATCH', `/storefront/customer/addresses/${addressId}`, {
          headers: bearer(shopper.accessToken),
          body: { city: 'Dallas', postal_code: '75201' },
        })
      ).status,
    ).toBe(200);
    expect((await call('DELETE', `/storefront/customer/addresses/${addressId}`, { headers: bearer(shopper.accessToken) })).status).toBe(204);
    const ofAddress = { type: 'customer', id: addressId, address: { customer_id: shopper.id } };
    expect(await newSince(n)).toEqual([
      ['store/customer/updated', { type: 'customer', id: shopper.id }],
      ['store/customer/address/created', ofAddress],
      ['store/customer/address/updated', ofAddress],
      ['store/customer/address/deleted', ofAddress],
    ]);

    n = await since();
    const erased = await call('DELETE', '/storefront/customer', {
      headers: bearer(shopper.accessToken),
      body: { current_password: shopper.password },
    });
    expect(erased.status, erased.text).toBe(204);
    expect(await newSince(n)).toEqual([['store/customer/deleted', { type: 'customer', id: shopper.id }]]);
  });

  it('changes besides the obvious ones: password change, a group deleted under its members', async () => {
    const shopper = await signUp();
    let n = await since();
    const changed = await call('POST', '/storefront/customer/password', {
      headers: bearer(shopper.accessToken),
      body: { current_password: shopper.password, new_password: 'a brand new password 55' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(await newSince(n)).toEqual([['store/customer/updated', { type: 'customer', id: shopper.id }]]);

    const group = await call('POST', '/v2/customer_groups', { token, body: { name: `Hooked ${Date.now()}` } });
    expect(group.status, group.text).toBe(200);
    const member = (await call('POST', '/v3/customers', { token, body: [customer({ customer_group_id: group.body.id })] })).body.data[0].id;
    n = await since();
    expect((await call('DELETE', `/v2/customer_groups/${group.body.id}`, { token })).status).toBe(204);
    expect(await newSince(n)).toEqual([['store/customer/updated', { type: 'customer', id: member }]]);
  });

  it('a failed write emits nothing: a sign-up with a taken email, an admin batch with one bad item', async () => {
    const shopper = await signUp();
    const n = await since();
    const again = await call('POST', '/storefront/customers', {
      body: { email: shopper.email, password: 'another long password 9', first_name: 'A', last_name: 'B', form_fields: await requiredFormFields() },
    });
    expect(again.status).toBe(409);
    const batch = await call('POST', '/v3/customers', { token, body: [customer(), customer({ email: shopper.email })] });
    expect(batch.status).toBe(409);
    expect(await newSince(n)).toEqual([]);
    // And inside one batch: the event statement runs, the next statement fails, nothing stays and nothing is sent.
    await expect(
      runBatch(env.DB, [
        webhookEventStatement(
          env.DB,
          'store/customer/updated',
          { type: 'customer', ids: { sql: 'SELECT ?1 AS id', params: [shopper.id] } },
          new Date().toISOString(),
        ),
        env.DB.prepare('INSERT INTO customers (id, email) VALUES (?1, ?2)').bind(shopper.id, shopper.email),
      ]),
    ).rejects.toThrow();
    expect(await newSince(n)).toEqual([]);
    expect(takeEmittedEvents(env.DB)).toEqual([]);
  });
});

describe('subscriber scopes (admin API and storefront)', () => {
  it('created, updated, deleted — each once', async () => {
    const hook = await createHook('store/subscriber/*');
    const email = uniqueEmail('sub');
    const created = await call('POST', '/v3/customers/subscribers', { token, body: { email } });
    expect(created.status, created.text).toBe(200);
    const id = created.body.data.id;
    expect((await call('PUT', `/v3/customers/subscribers/${id}`, { token, body: { first_name: 'Sue' } })).status).toBe(200);
    expect((await call('DELETE', `/v3/customers/subscribers/${id}`, { token })).status).toBe(204);
    const subject = { type: 'subscriber', id };
    expect(await scopesOf(hook.id)).toEqual([
      ['store/subscriber/created', subject],
      ['store/subscriber/updated', subject],
      ['store/subscriber/deleted', subject],
    ]);
    await call('DELETE', `/v3/hooks/${hook.id}`, { token });
  });

  it('storefront: a shopper subscribing and unsubscribing; a guest’s confirmed newsletter sign-up', async () => {
    const hook = await createHook('store/subscriber/*');
    const shopper = await signUp();
    await markVerified(shopper.id);
    const on = await call('PUT', '/storefront/customer/consents', {
      headers: bearer(shopper.accessToken),
      body: { consents: ['marketing_newsletter'] },
    });
    expect(on.status, on.text).toBe(200);
    const id = (await env.DB.prepare('SELECT id FROM subscribers WHERE email = ?1').bind(shopper.email).first<{ id: number }>())!.id;
    const off = await call('PUT', '/storefront/customer/consents', { headers: bearer(shopper.accessToken), body: { consents: [] } });
    expect(off.status, off.text).toBe(200);
    expect(await scopesOf(hook.id)).toEqual([
      ['store/subscriber/created', { type: 'subscriber', id }],
      ['store/subscriber/deleted', { type: 'subscriber', id }],
    ]);

    // Unchanged consents are no change; a quick change back is a creation, then an update — not two creations.
    expect((await call('PUT', '/storefront/customer/consents', { headers: bearer(shopper.accessToken), body: { consents: [] } })).status).toBe(200);
    expect((await scopesOf(hook.id)).length).toBe(2);
    expect(
      (await call('PUT', '/storefront/customer/consents', { headers: bearer(shopper.accessToken), body: { consents: ['marketing_newsletter'] } }))
        .status,
    ).toBe(200);
    expect(
      (
        await call('PUT', '/storefront/customer/consents', {
          headers: bearer(shopper.accessToken),
          body: { consents: ['marketing_newsletter', 'abandoned_cart'] },
        })
      ).status,
    ).toBe(200);
    const again = (await env.DB.prepare('SELECT id FROM subscribers WHERE email = ?1').bind(shopper.email).first<{ id: number }>())!.id;
    expect((await scopesOf(hook.id)).slice(2)).toEqual([
      ['store/subscriber/created', { type: 'subscriber', id: again }],
      ['store/subscriber/updated', { type: 'subscriber', id: again }],
    ]);
    // Erasing the account removes its subscriber record: the email tool hears of it.
    const erased = await call('DELETE', '/storefront/customer', {
      headers: bearer(shopper.accessToken),
      body: { current_password: shopper.password },
    });
    expect(erased.status, erased.text).toBe(204);
    expect((await scopesOf(hook.id)).slice(4)).toEqual([['store/subscriber/deleted', { type: 'subscriber', id: again }]]);

    const guest = uniqueEmail('guest-sub');
    expect((await call('POST', '/storefront/subscribers', { body: { email: guest } })).status).toBe(202);
    const mail = await waitForMail(guest, 'newsletter_confirmation');
    const confirmToken = /#confirm-subscription=([\w-]+)/.exec(mail.text)![1]!;
    expect((await call('POST', '/storefront/subscribers/confirm', { body: { token: confirmToken } })).status).toBe(200);
    const guestId = (await env.DB.prepare('SELECT id FROM subscribers WHERE email = ?1').bind(guest).first<{ id: number }>())!.id;
    expect((await scopesOf(hook.id)).slice(5)).toEqual([['store/subscriber/created', { type: 'subscriber', id: guestId }]]);
    await call('DELETE', `/v3/hooks/${hook.id}`, { token });
  });
});

describe('order_linked from the storefront', () => {
  it('a shopper with a verified email claiming their guest orders: one event per order', async () => {
    const hook = await createHook('store/customer/order_linked');
    const shopper = await signUp();
    await markVerified(shopper.id);
    const order = (n: number) => ({
      email: shopper.email,
      currency_code: 'USD',
      subtotal: `${n}.00`,
      tax: '0',
      shipping: '0',
      total: `${n}.00`,
      items: [{ name: 'Mug', quantity: 1, price: `${n}.00` }],
    });
    const placed = await call('POST', '/v3/orders', { token, body: [order(5), order(6)] });
    expect(placed.status, placed.text).toBe(201);
    const claimed = await call('POST', '/storefront/customer/orders/claim', { headers: bearer(shopper.accessToken) });
    expect(claimed.status, claimed.text).toBe(200);
    const ids = placed.body.data.map((o: { id: number }) => o.id).sort((a: number, b: number) => a - b);
    expect(await scopesOf(hook.id)).toEqual(
      ids.map((orderId: number) => ['store/customer/order_linked', { type: 'customer', id: shopper.id, order: { id: orderId } }]),
    );
    await call('DELETE', `/v3/hooks/${hook.id}`, { token });
  });
});

/** Standard Webhooks verification, as a receiver writes it (docs/webhooks.md "Signing"). */
async function verifies(secret: string, headers: Headers, body: string): Promise<boolean> {
  const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', bytes(secret.slice('whsec_'.length)), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signed = new TextEncoder().encode(`${headers.get('webhook-id')}.${headers.get('webhook-timestamp')}.${body}`);
  for (const signature of (headers.get('webhook-signature') ?? '').split(' ')) {
    const [version, mac] = signature.split(',');
    if (version === 'v1' && mac && (await crypto.subtle.verify('HMAC', key, bytes(mac), signed))) return true;
  }
  return false;
}

describe('delivery', () => {
  it('POSTs BigCommerce’s payload (ids only) signed with the hook’s secret; another secret does not verify', async () => {
    const hook = await createHook('store/customer/created', { headers: { 'X-Api-Key': 'k2' } });
    const event = await storedEvent(hook.id, 'store/customer/created', { type: 'customer', id: 4242 });
    received.length = 0;
    expect(await deliverQueued(env, { id: event.id }, 1)).toEqual({ ack: true });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.url).toBe('https://receiver.example/hooks');
    expect(got.headers.get('X-Api-Key')).toBe('k2');
    expect(got.headers.get('webhook-id')).toBe(event.event_id);
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({
      scope: 'store/customer/created',
      store_id: env.STORE_HASH,
      producer: `stores/${env.STORE_HASH}`,
      data: { type: 'customer', id: 4242 },
    });
    expect(payload.hash).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.stringify(payload)).not.toContain('@'); // no email, no personal data
    expect(await verifies(hook.secret, got.headers, got.body)).toBe(true);
    const other = (await createHook('store/customer/deleted')).secret;
    expect(await verifies(other, got.headers, got.body)).toBe(false);
    expect(await verifies(hook.secret, got.headers, got.body.replace('created', 'deleted'))).toBe(false);
    expect((await eventsOf(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, last_response_code: 204 });
    // Delivered once: a second message for it (at-least-once queues) sends nothing.
    expect(await deliverQueued(env, { id: event.id }, 1)).toEqual({ ack: true });
    expect(received).toHaveLength(1);
  });

  it('signWebhook is the Standard Webhooks v1 signature', async () => {
    // Test vector of the Standard Webhooks spec (github.com/standard-webhooks/standard-webhooks).
    const sig = await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('a receiver answering 500 gets retries with growing delays, then the dead-letter queue marks the event failed', async () => {
    const hook = await createHook('store/customer/updated');
    const event = await storedEvent(hook.id, 'store/customer/updated', { type: 'customer', id: 4243 });
    answer = 500;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const outcome = await deliverQueued(env, { id: event.id }, attempt);
      expect(outcome.ack).toBe(false);
      delays.push((outcome as { delaySeconds: number }).delaySeconds);
    }
    expect(delays).toEqual(RETRY_DELAYS.slice(0, 4));
    expect(RETRY_DELAYS.every((d, i) => i === 0 || d >= RETRY_DELAYS[i - 1]!)).toBe(true);
    expect(RETRY_DELAYS.at(-1)).toBe(43200);
    expect((await eventsOf(hook.id))[0]).toMatchObject({ status: 'queued', attempts: 4, last_response_code: 500 });

    // Through the worker's queue() handler: the message is retried with the delay, not acknowledged.
    const batch = createMessageBatch<{ id: number }>('storefront-accounts-webhooks', [
      { id: 'm1', timestamp: new Date(), attempts: 5, body: { id: event.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['m1']);

    // After the last retry the queue hands it to the dead-letter queue, whose consumer marks it failed.
    const dead = createMessageBatch<{ id: number }>('storefront-accounts-webhooks-dlq', [
      { id: 'm2', timestamp: new Date(), attempts: 1, body: { id: event.id } },
    ]);
    const ctx2 = createExecutionContext();
    await worker.queue(dead, env, ctx2);
    expect((await getQueueResult(dead, ctx2)).explicitAcks).toEqual(['m2']);
    expect((await eventsOf(hook.id))[0]).toMatchObject({ status: 'failed' });
  });

  it('a hook failing for 48 hours is turned off, and says why', async () => {
    const hook = await createHook('store/customer/deleted');
    const event = await storedEvent(hook.id, 'store/customer/deleted', { type: 'customer', id: 4244 });
    await env.DB.prepare("UPDATE hooks SET failing_since = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-49 hours') WHERE id = ?1").bind(hook.id).run();
    answer = 503;
    await deliverQueued(env, { id: event.id }, 3);
    const read = await call('GET', `/v3/hooks/${hook.id}`, { token });
    expect(read.body.data.is_active).toBe(false);
    expect(read.body.data.deactivated_reason).toMatch(/48 hours/);
    // Turned on again by the store: failures forgotten.
    const on = await call('PUT', `/v3/hooks/${hook.id}`, { token, body: { is_active: true } });
    expect(on.body.data).toMatchObject({ is_active: true, deactivated_reason: null, failing_since: null });
  });
});

describe('through the real queue (Miniflare runs the producer and the consumer)', () => {
  it('a change reaches the receiver after the response, signed, exactly once by webhook-id', async () => {
    const hook = await createHook('store/customer/created');
    received.length = 0;
    const res = await call('POST', '/v3/customers', { token, body: [customer()] });
    expect(res.status).toBe(200);
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThan(0);
    // Other hooks of this file listen to the same scope: this hook's deliveries are those its secret signs.
    const ofHook = [];
    for (const r of received) if (await verifies(hook.secret, r.headers, r.body)) ofHook.push(r);
    expect(ofHook).toHaveLength(1);
    expect(JSON.parse(ofHook[0]!.body).data).toEqual({ type: 'customer', id: res.body.data[0].id });
    await expect.poll(async () => (await eventsOf(hook.id))[0]!.status).toBe('delivered');
    await call('DELETE', `/v3/hooks/${hook.id}`, { token });
  });
});

describe('the cron', () => {
  it('re-sends an event committed but never handed to the queue', async () => {
    const hook = await createHook('store/customer/created');
    // As if the worker stopped between the commit and the send: pending two minutes later, no message.
    const event = await storedEvent(hook.id, 'store/customer/created', { type: 'customer', id: 4247 }, 'pending');
    await env.DB.prepare("UPDATE webhook_events SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 minutes') WHERE id = ?1")
      .bind(event.id)
      .run();
    received.length = 0;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' }), env, ctx);
    await getQueueResult(createMessageBatch('x', []), ctx).catch(() => undefined);
    // Through the real queue (its batch window is a second).
    await expect.poll(async () => (await eventsOf(hook.id))[0]!.status, { timeout: 5000 }).toBe('delivered');
    expect(received.filter((r) => r.headers.get('webhook-id') === event.event_id)).toHaveLength(1);
  });

  it('marks failed a queued event whose message was lost (no attempt for a day), and keeps history 30 days', async () => {
    const hook = await createHook('store/customer/created');
    const lost = await storedEvent(hook.id, 'store/customer/created', { type: 'customer', id: 4248 });
    const old = await storedEvent(hook.id, 'store/customer/created', { type: 'customer', id: 4249 }, 'delivered');
    await env.DB.prepare("UPDATE webhook_events SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 days') WHERE id = ?1").bind(lost.id).run();
    await env.DB.prepare("UPDATE webhook_events SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 days') WHERE id = ?1").bind(old.id).run();
    expect((await call('POST', '/dev/webhooks/sweep')).status).toBe(200);
    const rows = await eventsOf(hook.id);
    expect(rows.map((r) => [r.id, r.status])).toEqual([[lost.id, 'failed']]);
  });
});

describe('local development', () => {
  it('POST /dev/webhooks/sweep does what the cron does (npm run dev calls it every minute)', async () => {
    const hook = await createHook('store/customer/created');
    const event = await storedEvent(hook.id, 'store/customer/created', { type: 'customer', id: 4246 });
    await env.DB.prepare(
      "UPDATE webhook_events SET status = 'pending', created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 minutes') WHERE id = ?1",
    )
      .bind(event.id)
      .run();
    const res = await call('POST', '/dev/webhooks/sweep');
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.resent).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await eventsOf(hook.id))[0]!.status).not.toBe('pending');
  });
});

describe('events history', () => {
  it('lists events with status and attempts, per hook too, and redelivers a delivered one', async () => {
    const hook = await createHook('store/customer/created');
    const event = await storedEvent(hook.id, 'store/customer/created', { type: 'customer', id: 4245 });
    await deliverQueued(env, { id: event.id }, 1);
    const list = await call('GET', `/v3/hooks/${hook.id}/events`, { token });
    expect(list.status, list.text).toBe(200);
    expect(list.body.data[0]).toMatchObject({ id: event.id, event_id: event.event_id, status: 'delivered', attempts: 1, last_response_code: 204 });
    expect((await call('GET', `/v3/hooks/events?hook_id=${hook.id}&status=delivered`, { token })).body.data).toHaveLength(1);
    const again = await call('POST', `/v3/hooks/events/${event.id}/redeliver`, { token });
    expect(again.status, again.text).toBe(202);
    expect(again.body.data.status).toBe('pending');
    const missing = await call('POST', '/v3/hooks/events/999999999/redeliver', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('webhook_event_not_found');
  });
});
