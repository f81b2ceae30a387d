// The contract check itself (test/helpers/contract.ts) can fail: a real response of the worker is checked
// against the committed admin document, and against a copy with one deliberately wrong schema (the
// customer's `email` declared an integer, a status taken away, an error code taken away).
import { describe, expect, it } from 'vitest';
import admin from '../../../docs/openapi/admin.json';
import { adminToken, BASE, call, uniqueEmail } from '../../helpers/api';
import { Contract } from '../../helpers/contract';

type Json = Record<string, any>;
const copy = (): Json => structuredClone(admin);

async function customerList() {
  const token = await adminToken(['store_v2_customers']);
  // This file may run on an empty database: one customer, so the list has a body worth checking.
  const created = await call('POST', '/v3/customers', {
    token,
    body: [{ email: uniqueEmail('contract'), first_name: 'Ada', last_name: 'Lovelace' }],
  });
  expect(created.status).toBe(200);
  const res = await call('GET', '/v3/customers?limit=5', { token });
  expect(res.status).toBe(200);
  expect(res.body.data.length).toBeGreaterThan(0);
  return res;
}

describe('the contract check', () => {
  it('accepts the worker’s real answer by the committed document', async () => {
    const res = await customerList();
    expect(new Contract([admin as Json]).check('GET', `${BASE}/v3/customers?limit=5`, 200, 'application/json', res.text)).toEqual([]);
  });

  it('refuses the same answer when the document declares a field with another type', async () => {
    const res = await customerList();
    const wrong = copy();
    const customer = wrong.components.schemas.Customer;
    expect(customer?.properties?.email, 'the admin document has a Customer schema with email').toBeDefined();
    customer.properties.email = { type: 'integer' };
    const problems = new Contract([wrong]).check('GET', `${BASE}/v3/customers?limit=5`, 200, 'application/json', res.text);
    expect(problems.join('\n')).toMatch(/GET \/v3\/customers → 200 .*body does not match the schema[\s\S]*\/email/);
  });

  it('refuses an undocumented status and an error code the operation does not name', async () => {
    const res = await customerList();
    const wrong = copy();
    delete wrong.paths['/v3/customers'].get.responses['200'];
    expect(new Contract([wrong]).check('GET', `${BASE}/v3/customers`, 200, 'application/json', res.text).join()).toMatch(
      /status 200 is not documented/,
    );

    const missing = await call('GET', '/v3/customers');
    expect(missing.status).toBe(401);
    const noCode = copy();
    noCode.paths['/v3/customers'].get.responses['401']['x-error-codes'] = ['admin_token_invalid'];
    const problems = new Contract([noCode]).check('GET', `${BASE}/v3/customers`, 401, 'application/json', missing.text);
    expect(problems.join()).toMatch(/error code admin_token_missing is not among/);
  });
});
