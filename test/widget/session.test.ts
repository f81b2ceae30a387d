import { describe, expect, it, vi } from 'vitest';
import { sessionFor } from '../../widget/src/session';
import { API, api, calls, customer, failure, HINT_KEY, hinted, settle, signedIn, tokens } from './helpers';

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
      'GET /customer': () => (++n === 1 ? [401, { status: 401, title: 'expired' }] : [200, { customer }]),
      'POST /session/refresh': () => [200, { customer, ...tokens, access_token: `access-${calls.length}` }],
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

  it('a guest (no session hint) is signed out at load without any request and without a logout event', async () => {
    const s = sessionFor(API);
    const out: Event[] = [];
    document.addEventListener('account-logout', (e) => out.push(e), { once: true });
    await s.start();
    await settle();
    expect(s.state).toBe('signed-out');
    expect(calls).toEqual([]);
    expect(out).toHaveLength(0);
  });

  it('signed in (hint set): one request at load, the refresh, which brings the profile', async () => {
    api(signedIn());
    const s = sessionFor(API);
    await s.start();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /session/refresh']);
    expect(s.state).toBe('signed-in');
    expect(s.customer).toEqual(customer);
  });

  it('a refresh answered 401 clears the hint (the next page load asks for nothing); a network failure keeps it', async () => {
    hinted();
    await sessionFor(API).start();
    expect(calls).toHaveLength(1);
    expect(sessionFor(API).state).toBe('signed-out');
    expect(localStorage.getItem(HINT_KEY)).toBeNull();

    hinted();
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { resetSessions } = await import('../../widget/src/session');
    resetSessions();
    await sessionFor(API).start();
    expect(sessionFor(API).state).toBe('signed-out');
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
  });

  it('signing in sets the hint, signing out clears it; an expired session keeps it for the refresh to decide', async () => {
    api({ 'DELETE /session': [204], 'DELETE /sessions': [204] });
    const s = sessionFor(API);
    await s.start();
    s.signedIn(tokens, customer);
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
    expect(s.state).toBe('signed-in');
    s.end('expired');
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
    s.signedIn(tokens, customer);
    await s.signOut();
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
    s.signedIn(tokens, customer);
    await s.signOut(true);
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
    s.signedIn(tokens, customer);
    s.end('deleted');
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
  });

  it('comes back from Customer Login SSO with #sfa-session: sets the hint, refreshes, takes the fragment out of the URL', async () => {
    api({ 'POST /session/refresh': [200, { customer, ...tokens }] });
    location.hash = '#sfa-session';
    const s = sessionFor(API);
    await s.start();
    expect(location.hash).toBe('');
    expect(calls.map((c) => c.path)).toEqual(['/session/refresh']);
    expect(s.state).toBe('signed-in');
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
  });

  it('refreshes at load as before when storage is blocked', async () => {
    api({ 'POST /session/refresh': failure('session_ended') });
    const blocked = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: blocked, setItem: blocked, removeItem: blocked }); // unstubbed after each test
    await sessionFor(API).start();
    expect(calls.map((c) => c.path)).toEqual(['/session/refresh']);
    expect(sessionFor(API).state).toBe('signed-out');
  });

  it('a token from another tab carries the profile: signed in here without a request', async () => {
    const s = sessionFor(API);
    await s.start();
    const other = new BroadcastChannel(`storefront-accounts:${API}`);
    other.postMessage({ type: 'token', access_token: 'access-9', expires_at: Date.now() + 900_000, customer });
    await new Promise((r) => setTimeout(r, 20));
    other.close();
    expect(s.state).toBe('signed-in');
    expect(s.customer).toEqual(customer);
    expect(calls).toEqual([]);
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
