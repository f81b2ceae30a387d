// Password-reset requests answer before anything that depends on the email having an account: the
// lookup, the token's D1 insert and the mail run after the response (waitUntil), so known and unknown
// emails take the same time (bench/reset-timing.bench.mjs measures the difference). Here the worker is
// called directly with an execution context that collects waitUntil work, and a D1 whose batches (the
// token's insert) wait until the test opens a gate: the answer must come while the gate is shut.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../../worker/src/index';
import type { Bindings } from '../../../worker/src/env';
import { BASE, uniqueEmail } from '../../helpers/api';
import { signUp } from '../../helpers/shopper';

/** An execution context that keeps what is handed to waitUntil. */
function executionContext() {
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  return { ctx, settled: () => Promise.allSettled(pending) };
}

/** env.DB whose batch() waits for `open()`. */
function gatedDb() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'batch') return async (statements: D1PreparedStatement[]) => (await gate, target.batch(statements));
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db, open };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

const request = (email: string) =>
  new Request(`${BASE}/storefront/password-reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': `192.0.2.${1 + Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ email }),
  });

const tokens = async (customerId: number) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM password_reset_tokens WHERE customer_id = ?1').bind(customerId).first<{ n: number }>())!.n;

afterEach(() => vi.unstubAllGlobals());

describe('password reset answers before the lookup, the insert and the mail', () => {
  it('a known email: 202 while the token insert cannot run yet; the token appears only after the response', async () => {
    const shopper = await signUp();
    const { db, open } = gatedDb();
    const { ctx, settled } = executionContext();
    const answered = await within(Promise.resolve(worker.fetch(request(shopper.email), { ...(env as Bindings), DB: db }, ctx)), 5_000);
    expect(answered, 'the response waited for the D1 write').not.toBe('timeout');
    expect((answered as Response).status).toBe(202);
    expect(await tokens(shopper.id)).toBe(0);
    open();
    await settled();
    expect(await tokens(shopper.id)).toBe(1);
  });

  it('does not wait for a mail API that hangs (MAILER=http)', async () => {
    const shopper = await signUp();
    const realFetch = globalThis.fetch;
    let mailCalls = 0;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).startsWith('https://mail-api.test/')) {
        mailCalls += 1;
        return new Promise<Response>(() => {}); // never answers
      }
      return realFetch(input, init);
    });
    const { ctx } = executionContext();
    const e = { ...(env as Bindings), MAILER: 'http', MAIL_API_URL: 'https://mail-api.test/send', MAIL_API_KEY: 'test' };
    const [known, unknown] = [
      await within(Promise.resolve(worker.fetch(request(shopper.email), e, ctx)), 5_000),
      await within(Promise.resolve(worker.fetch(request(uniqueEmail('nobody')), e, ctx)), 5_000),
    ];
    expect(known).not.toBe('timeout');
    expect((known as Response).status).toBe(202);
    expect((unknown as Response).status).toBe(202);
    expect(await (known as Response).text()).toBe(await (unknown as Response).text());
    await vi.waitFor(() => expect(mailCalls).toBe(1));
  });
});
