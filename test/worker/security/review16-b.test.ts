import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, uniqueEmail } from '../../helpers/api';
import { markVerified } from '../../helpers/email-verified';
import { bearer, signUp } from '../../helpers/shopper';

let token: string;
beforeAll(async () => {
  token = await adminToken();
});
const scopesOf = async (hookId: number) =>
  (await env.DB.prepare('SELECT scope, data FROM webhook_events WHERE hook_id = ?1 ORDER BY id').bind(hookId).all<{ scope: string; data: string }>()).results.map(
    (e) => [e.scope, JSON.parse(e.data)],
  );
describe('review16 b', () => {
  it('B1 filtered subscriber delete', async () => {
    const h = (await call('POST', '/v3/hooks', { token, body: { scope: 'store/subscriber/deleted', destination: 'https://r.example/' } })).body.data.id;
    const a = (await call('POST', '/v3/customers/subscribers', { token, body: { email: uniqueEmail('s1') } })).body.data.id;
    const b = (await call('POST', '/v3/customers/subscribers', { token, body: { email: uniqueEmail('s2') } })).body.data.id;
    const del = await call('DELETE', `/v3/customers/subscribers?id:in=${a},${b}`, { token });
    console.log('B1', del.status, JSON.stringify(await scopesOf(h)));
  });
  it('B2 consents PUT with the same list twice', async () => {
    const shopper = await signUp();
    await markVerified(shopper.id);
    const h = (await call('POST', '/v3/hooks', { token, body: { scope: 'store/subscriber/*', destination: 'https://r.example/' } })).body.data.id;
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 30)); await call('PUT', '/storefront/customer/consents', { headers: bearer(shopper.accessToken), body: { consents: ['marketing_newsletter'] } }); }
    console.log("B2", JSON.stringify(await scopesOf(h)), JSON.stringify((await env.DB.prepare("SELECT date_created, date_modified FROM subscribers WHERE email = ?1").bind(shopper.email).first())));
  });
  it('B3 admin order create for a customer', async () => {
    const c = (await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('o'), first_name: 'A', last_name: 'B' }] })).body.data[0].id;
    const h = (await call('POST', '/v3/hooks', { token, body: { scope: 'store/customer/*', destination: 'https://r.example/' } })).body.data.id;
    const r = await call('GET', '/v3/hooks', { token });
    console.log('B3 hooks listed', r.body.data.length);
    console.log('B3', c, JSON.stringify(await scopesOf(h)));
  });
});
