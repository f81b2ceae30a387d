// Read replicas (middleware/d1-session.ts): every request runs in one D1 session; auth-critical requests
// start at the primary, a client that carries the bookmark of its write reads that write back. Local D1
// has no replicas, so the routing is checked where it is decided: the constraint each request opens its
// session with (the worker is called with a D1 binding that records withSession), and the bookmark
// round trip against the real local D1.
import { describe, expect, it } from 'vitest';
import { adminToken, call, uniqueEmail } from '../../helpers/api';
import { openedSessions } from '../../helpers/d1-sessions';
import { bearer, cookie, PASSWORD, signUp } from '../../helpers/shopper';

/** The constraints of the D1 sessions a request opens, and the bookmark it answers. */
async function constraintsOf(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const { status, opened, headers: answered } = await openedSessions(method, path, { headers, body });
  return { status, opened, bookmark: answered.get('X-D1-Bookmark') };
}

describe('D1 sessions: where a request reads', () => {
  it('auth-critical requests start at the primary: log-in, refresh, a signed-in read, a write', async () => {
    const s = await signUp();
    const login = await constraintsOf('POST', '/storefront/session', {}, { email: s.email, password: PASSWORD });
    expect(login).toMatchObject({ status: 200, opened: ['first-primary'] });
    const refresh = await constraintsOf('POST', '/storefront/session/refresh', cookie(s.refreshCookie));
    expect(refresh).toMatchObject({ status: 200, opened: ['first-primary'] });
    // A shopper's GET checks the token version first: never from a replica, even with a bookmark sent.
    const read = await constraintsOf('GET', '/storefront/customer', { ...bearer(s.accessToken), 'X-D1-Bookmark': '0000000a-00000001-00004f2e-1' });
    expect(read).toMatchObject({ status: 200, opened: ['first-primary'] });
    const write = await constraintsOf('PATCH', '/storefront/customer', bearer(s.accessToken), { first_name: 'Ria' });
    expect(write).toMatchObject({ status: 200, opened: ['first-primary'] });
    // Sign-in flows that are GETs: Current Customer by the refresh cookie, Customer Login SSO.
    expect(await constraintsOf('GET', '/storefront/session/current.jwt?app_client_id=x', cookie(s.refreshCookie))).toMatchObject({
      opened: ['first-primary'],
    });
    expect(await constraintsOf('GET', '/login/token/not-a-jwt')).toMatchObject({ opened: ['first-primary'] });
    // An admin read without a bookmark: an integrator that wrote a moment ago must see it.
    const token = await adminToken(['store_v2_customers_read_only']);
    expect(await constraintsOf('GET', '/v3/customers', { 'X-Auth-Token': token })).toMatchObject({ status: 200, opened: ['first-primary'] });
  });

  it('a guest read of store configuration may use any replica; a read with a bookmark starts from it', async () => {
    expect(await constraintsOf('GET', '/storefront/form-fields')).toMatchObject({ status: 200, opened: ['first-unconstrained'] });
    const token = await adminToken(['store_v2_customers_read_only']);
    const bookmark = '0000000a-00000001-00004f2e-3f9c';
    expect(await constraintsOf('GET', '/v3/customers', { 'X-Auth-Token': token, 'X-D1-Bookmark': bookmark })).toMatchObject({ opened: [bookmark] });
    // Not a bookmark: ignored (the default applies), never passed to D1.
    expect(await constraintsOf('GET', '/storefront/form-fields', { 'X-D1-Bookmark': "x'; DROP TABLE customers" })).toMatchObject({
      status: 200,
      opened: ['first-unconstrained'],
    });
  });
});

describe('D1 sessions: read your writes through the bookmark', () => {
  it('an admin write answers a bookmark; a read that sends it back sees the write', async () => {
    const token = await adminToken(['store_v2_customers']);
    const email = uniqueEmail('bookmark');
    const created = await call('POST', '/v3/customers', { token, body: [{ email, first_name: 'Book', last_name: 'Mark' }] });
    expect(created.status).toBe(200);
    const bookmark = created.headers.get('X-D1-Bookmark');
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);
    const read = await call('GET', `/v3/customers?email:in=${encodeURIComponent(email)}`, { token, headers: { 'X-D1-Bookmark': bookmark! } });
    expect(read.body.data.map((c: { email: string }) => c.email)).toEqual([email]);
    // The read's own bookmark is no older than the write's (bookmarks order by position in the log).
    expect(read.headers.get('X-D1-Bookmark')! >= bookmark!).toBe(true);
  });

  it('only a caller with an accepted admin token gets a bookmark: not a storefront request sending a junk token, not an admin 401', async () => {
    const s = await signUp();
    const junk = { 'X-Auth-Token': 'not-a-token' };
    expect((await call('POST', '/storefront/password-reset', { headers: junk, body: { email: s.email } })).headers.has('X-D1-Bookmark')).toBe(false);
    const refused = await call('GET', '/v3/customers', { headers: junk });
    expect(refused.status).toBe(401);
    expect(refused.headers.has('X-D1-Bookmark')).toBe(false);
  });

  it('storefront answers carry no bookmark: it moves when a request writes, and would tell a guest whether an email has an account', async () => {
    const s = await signUp();
    expect(
      (await call('POST', '/storefront/session', { body: { email: s.email, password: 'wrong-password-123' } })).headers.has('X-D1-Bookmark'),
    ).toBe(false);
    expect((await call('GET', '/storefront/customer', { headers: bearer(s.accessToken) })).headers.has('X-D1-Bookmark')).toBe(false);
  });
});
