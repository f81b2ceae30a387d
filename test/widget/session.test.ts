import { describe, expect, it } from 'vitest';
import { sessionFor } from '../../widget/src/session';
import { API, api, calls, customer, settle, signedIn, tokens } from './helpers';

describe('session', () => {
  it('shares one refresh in flight between every caller', async () => {
    api(signedIn());
    const s = sessionFor(API);
    await Promise.all([s.start(), s.refresh(), s.refresh(), sessionFor(`${API}/`).start()]);
    expect(calls.filter((c) => c.path === '/session/refresh')).toHaveLength(1);
    expect(s.state).toBe('signed-in');
    expect(s.customer).toEqual(customer);
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    let n = 0;
    api({
      ...signedIn(),
      'GET /customer': () => (++n === 2 ? [401, { status: 401, title: 'expired' }] : [200, { customer }]),
      'POST /session/refresh': () => [200, { ...tokens, access_token: `access-${calls.length}` }],
    });
    const s = sessionFor(API);
    await s.start();
    const res = await s.fetch(`${API}/storefront/customer`);
    expect(res.status).toBe(200);
    const gets = calls.filter((c) => c.path === '/customer');
    expect(gets.at(-1)!.headers.get('Authorization')).not.toBe(gets.at(-2)!.headers.get('Authorization'));
    expect(s.state).toBe('signed-in');
  });

  it('signs out when the refresh after a 401 fails, and fires account-logout "expired"', async () => {
    let refreshes = 0;
    api({
      ...signedIn(),
      'GET /customer/addresses': [401, { status: 401, title: 'revoked' }],
      'POST /session/refresh': () => (++refreshes === 1 ? [200, tokens] : [401, { status: 401, title: 'ended' }]),
    });
    const s = sessionFor(API);
    await s.start();
    const out: CustomEvent[] = [];
    document.addEventListener('account-logout', (e) => out.push(e), { once: true });
    const res = await s.fetch(`${API}/storefront/customer/addresses`);
    expect(res.status).toBe(401);
    expect(s.state).toBe('signed-out');
    expect(out[0]!.detail).toEqual({ reason: 'expired' });
  });

  it('a guest is signed out after the refresh at load, without a logout event', async () => {
    const s = sessionFor(API);
    const out: Event[] = [];
    document.addEventListener('account-logout', (e) => out.push(e), { once: true });
    await s.start();
    await settle();
    expect(s.state).toBe('signed-out');
    expect(out).toHaveLength(0);
  });

  it('signing out in one tab signs out the others (BroadcastChannel)', async () => {
    api(signedIn());
    const s = sessionFor(API);
    await s.start();
    const other = new BroadcastChannel(`storefront-accounts:${API}`);
    other.postMessage({ type: 'logout', reason: 'user' });
    await new Promise((r) => setTimeout(r, 20));
    other.close();
    expect(s.state).toBe('signed-out');
  });
});
