// npm run admin-token -- --name NAME --scopes a,b [--remote]
// Creates an admin API token (X-Auth-Token) in D1 and prints the token alone on its last line.
// Only its SHA-256 hash is stored: keep the printed token, it cannot be shown again.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { executeSql, sqlString } from './d1.mjs';

const SCOPES = ['store_v2_customers', 'store_v2_customers_read_only', 'store_v2_orders', 'store_v2_orders_read_only'];

const { values } = parseArgs({
  options: { name: { type: 'string' }, scopes: { type: 'string' }, remote: { type: 'boolean', default: false } },
});
if (!values.name || !values.scopes) {
  console.error('usage: npm run admin-token -- --name NAME --scopes store_v2_customers,store_v2_orders [--remote]');
  process.exit(2);
}
const scopes = values.scopes
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = scopes.filter((s) => !SCOPES.includes(s));
if (unknown.length) {
  console.error(`unknown scope(s): ${unknown.join(', ')}; known: ${SCOPES.join(', ')}`);
  process.exit(2);
}
const token = `sfa_${randomBytes(32).toString('base64url')}`;
const hash = createHash('sha256').update(token).digest('hex');
const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
executeSql(
  `INSERT INTO admin_tokens (name, token_hash, scopes, date_created) VALUES (${sqlString(values.name)}, ${sqlString(hash)}, ${sqlString(JSON.stringify(scopes))}, ${sqlString(now)});`,
  { remote: values.remote },
);
console.error(`Created admin token "${values.name}" with scopes ${scopes.join(', ')} (${values.remote ? 'remote' : 'local'} D1).`);
console.log(token);
