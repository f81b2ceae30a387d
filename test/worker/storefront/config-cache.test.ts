// The store configuration the elements read on every page view, guests' included (issue 11): the form
// field definitions and the OpenID Connect providers answer with a shared-cacheable Cache-Control (at
// least a minute, so Cloudflare's cache and the browser serve most views), and since their CORS headers
// name the requesting origin, `Vary: Origin` keeps a cache from handing one store's answer to another.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../../worker/src/index';
import type { Bindings } from '../../../worker/src/env';
import { adminToken, BASE, call } from '../../helpers/api';
import { checkedCall } from '../../helpers/contract';

const OWN_ORIGIN = new URL(BASE).origin;

/** max-age of a `public` Cache-Control, or null when the header is not shared-cacheable. */
function sharedMaxAge(header: string | null): number | null {
  const directives = (header ?? '').split(',').map((d) => d.trim().toLowerCase());
  if (!directives.includes('public') || directives.some((d) => d === 'private' || d === 'no-store' || d === 'no-cache')) return null;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  return maxAge ? Number(maxAge.slice('max-age='.length)) : null;
}

describe('configuration reads are shared-cacheable', () => {
  for (const path of ['/storefront/form-fields', '/storefront/oidc/providers']) {
    it(`GET ${path}: public, max-age ≥ 60, Vary: Origin`, async () => {
      for (const headers of [{}, { Origin: OWN_ORIGIN }] as Record<string, string>[]) {
        const res = await call('GET', path, { headers });
        expect(res.status).toBe(200);
        expect(sharedMaxAge(res.headers.get('Cache-Control')), res.headers.get('Cache-Control') ?? 'no Cache-Control').toBeGreaterThanOrEqual(60);
        // Short enough that a merchant's change shows within minutes.
        expect(sharedMaxAge(res.headers.get('Cache-Control'))).toBeLessThanOrEqual(300);
        expect(res.headers.get('Vary') ?? '').toMatch(/(^|,\s*)Origin(\s*,|$)/i);
        expect(res.headers.get('Set-Cookie')).toBeNull();
      }
    });
  }

  it('the session routes stay uncacheable by a shared cache', async () => {
    const res = await call('POST', '/storefront/session/refresh', { headers: { Origin: OWN_ORIGIN } });
    expect(res.status).toBe(401);
    expect(sharedMaxAge(res.headers.get('Cache-Control'))).toBeNull();
  });
});

describe('configuration reads come from the data centre cache (ENVIRONMENT other than test)', () => {
  /** Calls the worker as deployed (the cache on), counting the D1 statements the request runs. */
  async function asDeployed(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
    let queries = 0;
    const count = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, prop) {
          const value = Reflect.get(t, prop) as unknown;
          if (prop === 'prepare') queries++;
          if (prop === 'withSession') return (constraint: string) => count((t as D1Database).withSession(constraint));
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
        },
      });
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
    const headers: Record<string, string> = { 'CF-Connecting-IP': '198.51.100.9' };
    if (options.token) headers['X-Auth-Token'] = options.token;
    if (options.body) headers['Content-Type'] = 'application/json';
    const res = await checkedCall(
      new Request(`${BASE}${path}`, { method, headers, body: options.body ? JSON.stringify(options.body) : undefined }),
      (r) => worker.fetch(r, { ...(env as Bindings), ENVIRONMENT: 'production', DB: count(env.DB) }, ctx),
    );
    await Promise.all(pending);
    return { status: res.status, body: (await res.json()) as any, queries, cacheControl: res.headers.get('Cache-Control') };
  }

  it('a second view reads no D1; an admin change to the definitions shows at once', async () => {
    const first = await asDeployed('GET', '/storefront/form-fields');
    expect(first.status).toBe(200);
    const second = await asDeployed('GET', '/storefront/form-fields');
    expect(second).toMatchObject({ status: 200, queries: 0, cacheControl: 'public, max-age=60' });
    expect(second.body).toEqual(first.body);
    const name = `cached_${Date.now().toString(36)}`;
    const token = await adminToken(['store_v2_customers']);
    expect(
      (await asDeployed('POST', '/v3/customers/form-fields', { token, body: [{ name, label: 'Cached', type: 'text', applies_to: 'customer' }] }))
        .status,
    ).toBe(200);
    const after = await asDeployed('GET', '/storefront/form-fields');
    expect(after.queries).toBeGreaterThan(0);
    expect(after.body.customer.map((f: { name: string }) => f.name)).toContain(name);
  });
});
