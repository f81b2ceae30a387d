// The demo store and the console are not deployed by default (issue 13, item 10), so by default the
// worker's own origin is not a storefront: CORS trusts it only with DEMO=true (set by `npm run dev`, the
// e2e suites and DEPLOY_DEMO deploys; this test project runs with it, like dev). Without it, the own
// origin gets no Access-Control-* header at all, like any unlisted origin; channel origins still do.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import app from '../../../worker/src/index';
import { BASE, randomIp, uniqueEmail, useTestChannel } from '../../helpers/api';
import { checkedCall } from '../../helpers/contract';

const OWN_ORIGIN = new URL(BASE).origin;
const SHOP_ORIGIN = `https://shop-${crypto.randomUUID().slice(0, 8)}.example`;
useTestChannel('Demo-deploy test', [SHOP_ORIGIN]);

/** The worker with DEMO set to `demo` (undefined: not set, as wrangler.toml's production default says "false"). */
async function fetchWith(demo: string | undefined, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const ctx = createExecutionContext();
  const init: RequestInit = { method, headers: { 'CF-Connecting-IP': randomIp(), ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await checkedCall(new Request(`${BASE}${path}`, init), (r) => app.fetch(r, { ...env, DEMO: demo }, ctx));
  await waitOnExecutionContext(ctx);
  await res.arrayBuffer();
  return res;
}

async function threeRequests(demo: string | undefined, origin: string) {
  return [
    await fetchWith(demo, 'GET', '/storefront/form-fields', { Origin: origin }),
    await fetchWith(demo, 'POST', '/storefront/session', { Origin: origin }, { email: uniqueEmail('demo-cors'), password: 'wrong-password-1' }),
    await fetchWith(demo, 'OPTIONS', '/storefront/session', {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type, authorization',
    }),
  ];
}

const accessControlHeaders = (res: Response) => [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe("CORS for the worker's own origin", () => {
  it('is not trusted when the worker does not serve the demo (DEMO unset or "false", the production default)', async () => {
    for (const demo of [undefined, 'false', 'TRUE', '1']) {
      for (const res of await threeRequests(demo, OWN_ORIGIN)) {
        expect(accessControlHeaders(res), `DEMO=${demo}`).toEqual([]);
        expect(res.headers.get('Vary') ?? '').toMatch(/Origin/i);
      }
    }
    // The Current Customer route has the same rule.
    const pre = await fetchWith(undefined, 'OPTIONS', '/customer/current.jwt?app_client_id=x', {
      Origin: OWN_ORIGIN,
      'Access-Control-Request-Method': 'GET',
    });
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('is trusted, with credentials, when the worker serves the demo (DEMO=true)', async () => {
    for (const res of await threeRequests('true', OWN_ORIGIN)) {
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(OWN_ORIGIN);
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    }
  });

  it("trusts a channel's storefront origins either way", async () => {
    for (const demo of [undefined, 'true']) {
      for (const res of await threeRequests(demo, SHOP_ORIGIN)) {
        expect(res.headers.get('Access-Control-Allow-Origin'), `DEMO=${demo}`).toBe(SHOP_ORIGIN);
        expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
      }
    }
  });
});
