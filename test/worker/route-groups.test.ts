// The route groups are loaded on their first request (worker/src/index.ts `lazy`): each must still answer
// as if mounted statically — behind the app's middleware, with the request's D1 session as `env.DB`,
// the one error handler and the one not-found answer.
import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../worker/src/index';
import type { Bindings } from '../../worker/src/env';
import { adminToken, BASE, call, expectErrorShape, expectV2ErrorShape } from '../helpers/api';
import { checkedCall } from '../helpers/contract';

const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;

/** env.DB whose sessions record every statement they prepare; `fail` makes every prepare throw. */
function recordingDb({ fail = false } = {}) {
  const prepared: string[] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') throw new Error('a query ran outside the request’s D1 session');
      if (prop === 'withSession') {
        return (constraint: string) => {
          const session = target.withSession(constraint);
          return new Proxy(session, {
            get(s, p) {
              if (p === 'prepare') {
                return (sql: string) => {
                  if (fail) throw new Error('boom');
                  prepared.push(sql);
                  return s.prepare(sql);
                };
              }
              const value = Reflect.get(s, p) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(s) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db, prepared };
}

async function fetchWith(db: D1Database, path: string, headers: Record<string, string> = {}) {
  const res = await checkedCall(new Request(`${BASE}${path}`, { headers: { 'CF-Connecting-IP': '198.51.100.9', ...headers } }), (r) =>
    worker.fetch(r, { ...(env as Bindings), DB: db }, ctx),
  );
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('route groups loaded on demand', () => {
  it('run their queries in the request’s D1 session (the env d1Session made, not the original binding)', async () => {
    const token = await adminToken(['store_v2_customers_read_only']);
    for (const path of ['/storefront/form-fields', '/v3/customers?limit=1', '/stores/demo01/v3/customers?limit=1']) {
      const { db, prepared } = recordingDb();
      const res = await fetchWith(db, path, { 'X-Auth-Token': token });
      expect(res.status, path).toBe(200);
      expect(prepared.length, path).toBeGreaterThan(0);
    }
  });

  it('answer unknown paths with the one not-found shape, behind the security headers', async () => {
    for (const path of [
      '/storefront/nope',
      '/v3/nope',
      '/stores/demo01/v3/nope',
      '/customer/nope',
      '/login/token',
      '/dev/nope',
      '/.well-known/nope',
    ]) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expectErrorShape(res.body, 404);
      expect(res.body.code, path).toBe('not_found');
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
    }
    // V2 paths answer BigCommerce's V2 error shape (docs/admin-api.md "Errors and codes").
    for (const path of ['/v2/nope', '/stores/demo01/v2/nope']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expectV2ErrorShape(res.body, 404);
      expect(res.body[0].code, path).toBe('not_found');
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
    }
  });

  it('send their errors through the one error handler: domain errors, Hono’s own, and unexpected ones', async () => {
    const unauthenticated = await call('GET', '/storefront/customer');
    expect(unauthenticated.status).toBe(401);
    expectErrorShape(unauthenticated.body, 401);

    const malformed = await call('POST', '/storefront/session', { rawBody: '{"email":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');

    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { db } = recordingDb({ fail: true });
      const res = await fetchWith(db, '/storefront/form-fields');
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ status: 500, code: 'internal_error' });
      expect(JSON.stringify(res.body)).not.toContain('boom');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    } finally {
      error.mockRestore();
    }
  });

  it('keep the app’s middleware in front: JSON-only bodies and the store hash', async () => {
    const form = await call('POST', '/storefront/customers', { rawBody: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('unsupported_media_type');

    const token = await adminToken(['store_v2_customers_read_only']);
    const wrongStore = await call('GET', '/stores/other/v3/customers', { token });
    expect(wrongStore.status).toBe(404);
    expect(wrongStore.body.code).toBe('store_not_found');
  });
});
