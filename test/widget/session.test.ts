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

// Bearer-refresh mode: a worker with REFRESH_IN_BODY=true answers `refresh_token` in the body for browsers
// that refuse its third-party cookie; the widget keeps it (as the session hint's value) only then.
describe('bearer-refresh mode', () => {
  const bearer = (refresh_token: string) => ({ ...tokens, refresh_token });
  /** A new page load: fresh sessions, same storage. */
  const reload = async () => {
    const { resetSessions } = await import('../../widget/src/session');
    resetSessions();
    calls.length = 0;
  };

  it('with the cookie (no token in the answer) keeps nothing but the hint and sends no body', async () => {
    api({ 'POST /session/refresh': [200, { customer, ...tokens }] });
    sessionFor(API).signedIn(tokens, customer);
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
    await reload();
    await sessionFor(API).start();
    const refresh = calls.find((c) => c.path === '/session/refresh')!;
    expect(refresh.body).toBeUndefined();
    expect(refresh.headers.has('Content-Type')).toBe(false); // a simple request: no CORS preflight
  });

  it('signed in at <account-login>, a reload stays signed in: the kept token is sent and the rotated one kept', async () => {
    await import('../../widget/src/elements/account-login');
    api({ 'POST /session': [200, { customer, ...bearer('rt-1') }], 'POST /session/refresh': [200, { customer, ...bearer('rt-2') }] });
    const login = document.createElement('account-login');
    login.setAttribute('api', API);
    document.body.append(login);
    await settle();
    (login.querySelector('input[name=email]') as HTMLInputElement).value = 'dana@example.com';
    (login.querySelector('input[name=password]') as HTMLInputElement).value = 'correct horse';
    login.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(localStorage.getItem(HINT_KEY)).toBe('rt-1');

    await reload();
    document.body.innerHTML = '';
    await sessionFor(API).start();
    const refresh = calls.find((c) => c.path === '/session/refresh')!;
    expect(refresh.body).toEqual({ refresh_token: 'rt-1' });
    expect(refresh.headers.get('Content-Type')).toBe('application/json');
    expect(sessionFor(API).state).toBe('signed-in');
    expect(localStorage.getItem(HINT_KEY)).toBe('rt-2'); // rotated: the old one is spent
  });

  it('sends the token when signing out on this device and forgets it', async () => {
    api({ 'DELETE /session': [204] });
    const s = sessionFor(API);
    s.signedIn(bearer('rt-1'), customer);
    await s.signOut();
    const out = calls.find((c) => c.method === 'DELETE' && c.path === '/session')!;
    expect(out.body).toEqual({ refresh_token: 'rt-1' });
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
  });

  it('forgets the token when signing out everywhere, deleting the account or a refresh answered 401', async () => {
    api({ 'DELETE /sessions': [204], 'POST /session/refresh': failure('session_ended') });
    const s = sessionFor(API);
    s.signedIn(bearer('rt-1'), customer);
    await s.signOut(true);
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
    s.signedIn(bearer('rt-2'), customer);
    s.end('deleted');
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
    s.signedIn(bearer('rt-3'), customer);
    await reload();
    await sessionFor(API).start();
    expect(calls.find((c) => c.path === '/session/refresh')!.body).toEqual({ refresh_token: 'rt-3' });
    expect(sessionFor(API).state).toBe('signed-out');
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
  });

  it('keeps the token through a network failure (the next page load tries again)', async () => {
    sessionFor(API).signedIn(bearer('rt-1'), customer);
    await reload();
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await sessionFor(API).start();
    expect(localStorage.getItem(HINT_KEY)).toBe('rt-1');
  });

  it('drops a kept token once the worker answers without one (it left bearer-refresh mode)', async () => {
    api({ 'POST /session/refresh': [200, { customer, ...tokens }] });
    sessionFor(API).signedIn(bearer('rt-1'), customer);
    await reload();
    await sessionFor(API).start();
    expect(sessionFor(API).state).toBe('signed-in');
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
  });

  it('another tab’s tokens and leaving for a sign-in provider never overwrite the kept token', async () => {
    const s = sessionFor(API);
    await s.start();
    localStorage.setItem(HINT_KEY, 'rt-9'); // another tab signed in (or just rotated the token)
    const other = new BroadcastChannel(`storefront-accounts:${API}`);
    other.postMessage({ type: 'token', access_token: 'access-9', expires_at: Date.now() + 900_000, customer });
    await new Promise((r) => setTimeout(r, 20));
    other.close();
    expect(s.state).toBe('signed-in');
    s.hint(true); // what oidc.ts does before leaving for a provider
    expect(localStorage.getItem(HINT_KEY)).toBe('rt-9');
  });

  it('a 401 on a call refreshes with the kept token and retries', async () => {
    let n = 0;
    api({
      'GET /customer': () => (++n === 1 ? [401, { status: 401, title: 'expired' }] : [200, { customer }]),
      'POST /session/refresh': [200, { customer, ...bearer('rt-2'), access_token: 'access-2' }],
    });
    const s = sessionFor(API);
    s.signedIn(bearer('rt-1'), customer);
    expect((await s.fetch(`${API}/storefront/customer`)).status).toBe(200);
    expect(calls.find((c) => c.path === '/session/refresh')!.body).toEqual({ refresh_token: 'rt-1' });
    expect(calls.at(-1)!.headers.get('Authorization')).toBe('Bearer access-2');
    expect(localStorage.getItem(HINT_KEY)).toBe('rt-2');
  });
});
