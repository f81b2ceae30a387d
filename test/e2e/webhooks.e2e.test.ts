// Issue 16 end to end: webhooks through `wrangler dev`'s own (Miniflare) queue and cron, to a real HTTP
// receiver on 127.0.0.1 (local runs allow an http destination there).
// - A shopper signs up in the widget on the demo store (Chromium) → the receiver gets
//   `store/customer/created` within 5 s, signed as Standard Webhooks sign, verified here with the secret
//   the hook's POST answered.
// - The receiver down (its socket closed) while the staff change the customer → the attempts fail, and
//   once it listens again the event arrives, exactly once by `webhook-id`.
// - A receiver answering 503: the same `webhook-id` again after the delays WEBHOOK_RETRY_DELAYS gives
//   (1, 1, 2, 2 s here), each plus up to the queue's max_batch_timeout (1 s): Miniflare's queue honours
//   `retry({delaySeconds})`, then waits for its batch window.
// - An event committed but never handed to the queue (a `pending` row written behind the worker's back
//   with `wrangler d1 execute`, as a worker that died between commit and send leaves it) goes out when
//   the cron runs: GET /cdn-cgi/handler/scheduled, Miniflare's trigger, always on in `wrangler dev`, on
//   a second worker without static assets (with them it answers 500 "exception": Miniflare's assets
//   proxy has no scheduled handler; cloudflare/workers-sdk#9882, fixed upstream by PR #14177 after the
//   Miniflare we have, 4.20260421.0). `--test-scheduled`'s /__scheduled is a bundling middleware: with
//   `--no-bundle` or wrangler.toml's `no_bundle`, as here and in `npm run dev`, it answers 404.
import { spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../demo/seed.mjs';
import { freePort, startPrivateWorker } from '../../scripts/private-worker.mjs';
import { launch } from './browser';

const root = path.resolve(import.meta.dirname, '../..');
const RETRY_DELAYS = [1, 1, 2, 2, 3];
/** The queue consumer's max_batch_timeout (wrangler.toml): a message waits up to this for its batch. */
const BATCH_WINDOW_MS = 1000;

interface Delivery {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  json: { scope: string; store_id: string; producer: string; hash: string; created_at: number; data: { type: string; id: number } };
  at: number;
  answered: number;
}

/**
 * The store's system: a plain node HTTP server on 127.0.0.1 that keeps every request. `failNext(n)`
 * answers the next n with 503; `down()` closes its socket (connection refused), `up()` listens again
 * on the same port.
 */
function receiver(port: number) {
  const deliveries: Delivery[] = [];
  let failing = 0;
  let server: Server | undefined;
  const up = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          const answered = failing > 0 ? (failing--, 503) : 204;
          deliveries.push({
            id: String(req.headers['webhook-id']),
            timestamp: String(req.headers['webhook-timestamp']),
            signature: String(req.headers['webhook-signature']),
            body,
            json: JSON.parse(body) as Delivery['json'],
            at: Date.now(),
            answered,
          });
          res.writeHead(answered).end();
        });
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections(); // keep-alive sockets too: nothing may reach it while it is down
      server = undefined;
    });
  return { url: `http://127.0.0.1:${port}/hooks`, deliveries, up, down, failNext: (n: number) => (failing = n) };
}

/** Standard Webhooks verification, as a receiver does it (docs/webhooks.md "Signing"). */
function verify(secret: string, d: Pick<Delivery, 'id' | 'timestamp' | 'signature' | 'body'>): boolean {
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${d.id}.${d.timestamp}.${d.body}`)
    .digest();
  return d.signature.split(' ').some((s) => {
    const [version, mac] = s.split(',');
    const given = Buffer.from(mac ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

let browser: Browser;
let worker: Awaited<ReturnType<typeof startPrivateWorker>>;
let base: string;
let hook: { id: number; secret: string };
const port = await freePort();
const rx = receiver(port);

async function admin<T>(method: string, url: string, body?: unknown, on: { base: string } = worker): Promise<{ status: number; json: T }> {
  const res = await fetch(`${on.base}${url}`, {
    method,
    headers: { 'X-Auth-Token': DEV_ADMIN_TOKEN, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

interface EventRow {
  id: number;
  event_id: string;
  scope: string;
  data: { id: number };
  status: string;
  attempts: number;
  last_response_code: number | null;
}
const events = async (query: string) => (await admin<{ data: EventRow[] }>('GET', `/v3/hooks/${hook.id}/events?limit=250&${query}`)).json.data;

beforeAll(async () => {
  browser = await launch(); // throws with the apt-get hint when Chromium is missing
  // As test/e2e/dev-server.ts starts it (demo seed, PASSKEY_SIGNUP as `npm run dev`), plus short retry
  // delays; ENVIRONMENT=local comes from scripts/local-secrets.mjs, so an http 127.0.0.1 hook is allowed.
  worker = await startPrivateWorker({
    seed: true,
    vars: { PASSKEY_SIGNUP: 'true', WEBHOOK_RETRY_DELAYS: RETRY_DELAYS.join(',') },
    keep: Boolean(process.env.E2E_KEEP),
    prefix: 'sfa-e2e-',
  });
  base = worker.base.replace('//127.0.0.1:', '//localhost:');
  await rx.up();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await rx.down();
});

async function codeFor(email: string): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      const { data } = (await (await fetch(`${worker.base}/dev/outbox`)).json()) as { data: { to: string; kind: string; text: string }[] };
      code = /\b(\d{6})\b/.exec(data.find((m) => m.to === email && m.kind === 'email_code_verify')?.text ?? '')?.[1] ?? '';
      return code;
    })
    .not.toBe('');
  return code;
}

/** test/e2e/passkeys.e2e.test.ts's sign-up with a password; resolves when the form is submitted (the account exists). */
async function submitSignUp(page: Page, email: string) {
  await page.goto(`${base}/#signup`);
  const su = page.locator('account-signup');
  await su.locator('[name="form_fields.accept_terms"]').waitFor();
  await su.locator('[name=first_name]').fill('Wes');
  await su.locator('[name=last_name]').fill('Hook');
  await su.locator('[name=email]').fill(email);
  await su.locator('[name=password]').fill('a sturdy webhooks e2e password');
  await su.locator('[name="form_fields.preferred_contact"][value=Email]').check();
  await su.locator('[name="form_fields.accept_terms"]').check();
  await su.getByRole('button', { name: 'Create account' }).click();
}

const deliveriesOf = (scope: string, id: number) => rx.deliveries.filter((d) => d.json.scope === scope && d.json.data.id === id);

describe('webhooks through wrangler dev (issue 16)', () => {
  let customerId = 0;

  it('signs up in the widget → the receiver gets store/customer/created within 5 s, with a valid signature', async () => {
    const created = await admin<{ data: { id: number; secret: string; destination: string } }>('POST', '/v3/hooks', {
      scope: 'store/customer/*',
      destination: rx.url,
    });
    expect(created.status).toBe(200);
    expect(created.json.data.secret).toMatch(/^whsec_/);
    hook = created.json.data;

    const page = await (await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })).newPage();
    page.setDefaultTimeout(15_000);
    const email = `wes.${Date.now()}@example.com`;
    await submitSignUp(page, email);
    // The account exists once the form asks for the emailed code (EMAIL_VERIFICATION optional).
    await page.locator('account-signup input[autocomplete=one-time-code]').waitFor();
    const signedUp = Date.now();
    const found = await admin<{ data: { id: number }[] }>('GET', `/v3/customers?email:in=${encodeURIComponent(email)}`);
    customerId = found.json.data[0]!.id;

    await expect.poll(() => deliveriesOf('store/customer/created', customerId).length, { timeout: 5000, interval: 50 }).toBe(1);
    const d = deliveriesOf('store/customer/created', customerId)[0]!;
    expect(d.at - signedUp).toBeLessThan(5000);
    expect(d.json).toMatchObject({
      scope: 'store/customer/created',
      store_id: 'demo01',
      producer: 'stores/demo01',
      data: { type: 'customer', id: customerId },
    });
    expect(d.body).not.toContain(email); // ids only, no personal data
    expect(verify(hook.secret, d)).toBe(true);
    expect(verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, d)).toBe(false);
    expect(Math.abs(Number(d.timestamp) - Date.now() / 1000)).toBeLessThan(60);

    // Finishing the sign-up (the code) proves the email: store/customer/email_verified, signed too.
    await page.locator('account-signup input[autocomplete=one-time-code]').fill(await codeFor(email));
    await page.locator('account-signup button[type=submit]').click();
    await page.locator('account-profile dl').waitFor();
    await expect.poll(() => deliveriesOf('store/customer/email_verified', customerId).length, { timeout: 5000, interval: 50 }).toBe(1);
    expect(verify(hook.secret, deliveriesOf('store/customer/email_verified', customerId)[0]!)).toBe(true);
    await page.context().close();
  });

  it('the receiver down while the staff change the customer → the event arrives after it comes back, exactly once by webhook-id', async () => {
    await rx.down();
    const put = await admin('PUT', '/v3/customers', [{ id: customerId, company: 'Down Time Ltd' }]);
    expect(put.status).toBe(200);
    // The queue tried and failed (no answer: code 0) while nothing listened.
    await expect
      .poll(async () => (await events('scope=store/customer/updated')).find((e) => e.data.id === customerId && e.attempts >= 2), {
        timeout: 10_000,
        interval: 200,
      })
      .toMatchObject({ status: 'queued', last_response_code: 0 });
    expect(deliveriesOf('store/customer/updated', customerId)).toHaveLength(0);

    await rx.up();
    await expect.poll(() => deliveriesOf('store/customer/updated', customerId).length, { timeout: 15_000, interval: 100 }).toBe(1);
    // And nothing more after a few retry windows.
    await new Promise((r) => setTimeout(r, 4000));
    const got = deliveriesOf('store/customer/updated', customerId);
    expect(new Set(got.map((d) => d.id)).size).toBe(1);
    expect(got).toHaveLength(1);
    expect(verify(hook.secret, got[0]!)).toBe(true);
    const [row] = (await events('scope=store/customer/updated')).filter((e) => e.event_id === got[0]!.id);
    expect(row).toMatchObject({ status: 'delivered', last_response_code: 204 });
    expect(row!.attempts).toBeGreaterThanOrEqual(3);
  });

  it('a receiver answering 503 gets the same webhook-id again after the retry delays (Miniflare honours them)', async () => {
    rx.failNext(4);
    const put = await admin('PUT', '/v3/customers', [{ id: customerId, company: 'Flaky Receivers Inc.' }]);
    expect(put.status).toBe(200);
    const since = rx.deliveries.length;
    await expect.poll(() => rx.deliveries.slice(since).filter((d) => d.answered === 204).length, { timeout: 20_000, interval: 100 }).toBe(1);
    const attempts = rx.deliveries.slice(since);
    expect(attempts.map((d) => d.answered)).toEqual([503, 503, 503, 503, 204]);
    expect(new Set(attempts.map((d) => d.id)).size).toBe(1);
    for (const a of attempts) expect(verify(hook.secret, a)).toBe(true);
    // Each gap is the retry delay plus at most the batch window (and some slack for a busy machine).
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(RETRY_DELAYS[i]! * 1000 - 50);
      expect(gap).toBeLessThan(RETRY_DELAYS[i]! * 1000 + BATCH_WINDOW_MS + 1500);
    });
    const [row] = (await events('scope=store/customer/updated')).filter((e) => e.event_id === attempts[0]!.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 5 });
  });
});

describe('the webhooks cron through wrangler dev (issue 16)', () => {
  // Miniflare runs the scheduled handler on GET /cdn-cgi/handler/scheduled, but with static assets its
  // entry is the assets proxy, which has none (500 "exception"); so this worker serves no assets.
  let cronWorker: Awaited<ReturnType<typeof startPrivateWorker>>;
  beforeAll(async () => {
    cronWorker = await startPrivateWorker({ seed: true, assets: false, keep: Boolean(process.env.E2E_KEEP), prefix: 'sfa-e2e-' });
  });
  afterAll(async () => {
    await cronWorker?.stop();
  });

  it('sends an event that was committed but never reached the queue', async () => {
    const created = await admin<{ data: { id: number; secret: string } }>(
      'POST',
      '/v3/hooks',
      { scope: 'store/customer/*', destination: rx.url },
      cronWorker,
    );
    expect(created.status).toBe(200);
    const cronHook = created.json.data;
    // What a worker that stopped between its commit and the send leaves behind: a `pending` row, older
    // than the sweep's minute. Written into the running worker's local D1 behind its back.
    const eventId = `msg_e2e_stranded_${Date.now()}`;
    const createdAt = new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sql =
      'INSERT INTO webhook_events (event_id, hook_id, scope, data, created_at, status) VALUES ' +
      `('${eventId}', ${cronHook.id}, 'store/customer/updated', '{"type":"customer","id":1}', '${createdAt}', 'pending')`;
    const res = spawnSync(
      path.join(root, 'node_modules', '.bin', 'wrangler'),
      ['d1', 'execute', 'DB', '--local', '--persist-to', cronWorker.persistDir, '--command', sql],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' }, timeout: 60_000 },
    );
    expect(res.status, res.stderr).toBe(0);
    const stranded = async (status: string) =>
      (await admin<{ data: EventRow[] }>('GET', `/v3/hooks/${cronHook.id}/events?status=${status}`, undefined, cronWorker)).json.data.map(
        (e) => e.event_id,
      );
    expect(await stranded('pending')).toContain(eventId);
    // Nothing sends it by itself: the queue never heard of it.
    await new Promise((r) => setTimeout(r, 2 * BATCH_WINDOW_MS));
    expect(rx.deliveries.filter((d) => d.id === eventId)).toHaveLength(0);

    const cron = await fetch(`${cronWorker.base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`);
    expect(cron.status, await cron.text()).toBe(200);
    await expect.poll(() => rx.deliveries.filter((d) => d.id === eventId).length, { timeout: 5000, interval: 50 }).toBe(1);
    const d = rx.deliveries.find((x) => x.id === eventId)!;
    expect(verify(cronHook.secret, d)).toBe(true);
    expect(d.json).toMatchObject({ scope: 'store/customer/updated', data: { type: 'customer', id: 1 } });
    await expect.poll(() => stranded('delivered')).toContain(eventId);
  });
});
