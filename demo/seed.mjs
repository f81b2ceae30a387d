// The demo store's seed data (local D1 only): groups, custom sign-up and address fields, attributes,
// a demo shopper with orders, ~50 customers with addresses and orders, guest orders (some with emails
// of existing customers), test orders, subscribers, and the local-only admin token. Documented in
// docs/demo.md "Demo data". Deterministic, so every developer sees the same store. Run by `npm run dev` when the
// database is empty; `node demo/seed.mjs --force` re-seeds an existing database (adds, never deletes).
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { executeSql, queryJson, sqlString as q } from '../scripts/d1.mjs';

/** The documented local-only admin token (scopes: customers and orders, modify). */
export const DEV_ADMIN_TOKEN = 'sfa_dev_local_only_do_not_use_in_production';
export const DEMO_SHOPPER = { email: 'shopper@example.com', password: 'demo-shopper-2026' };

/** Same algorithm as worker/src/auth/passwords.ts: chained PBKDF2-SHA-256 rounds of 100,000. */
function hashPassword(password, iterations = 600_000, perCall = 100_000) {
  const salt = randomBytes(16);
  let out = Buffer.alloc(0);
  for (let left = iterations; left > 0; left -= perCall) {
    out = pbkdf2Sync(password, Buffer.concat([salt, out]), Math.min(perCall, left), 32, 'sha256');
  }
  return `pbkdf2-sha256$v=1$i=${iterations},c=${perCall}$${salt.toString('base64url')}$${out.toString('base64url')}`;
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Sophia',
  'Elijah',
  'Mia',
  'Lucas',
  'Lena',
  'Jonas',
  'Chloé',
  'Hugo',
  'Yuki',
  'Aarav',
  'Zoe',
  'Mateo',
  'Ingrid',
  'Kwame',
];
const LAST = [
  'Smith',
  'Müller',
  'Dubois',
  'García',
  'Rossi',
  'Nakamura',
  'Okafor',
  'Johansson',
  'Kowalski',
  'Silva',
  'Brown',
  'Martin',
  'Schmidt',
  'Lefèvre',
  'Patel',
];
const CITIES = [
  ['US', 'Austin', 'TX', '78701'],
  ['US', 'Portland', 'OR', '97205'],
  ['DE', 'Berlin', '', '10115'],
  ['FR', 'Lyon', '', '69002'],
  ['GB', 'Leeds', '', 'LS1 4AP'],
  ['CA', 'Toronto', 'ON', 'M5V 2T6'],
];
const PRODUCTS = [
  ['MUG-01', 'Stoneware mug', 1800],
  ['TEE-02', 'Organic cotton tee', 2900],
  ['BAG-03', 'Canvas tote', 2200],
  ['CAN-04', 'Soy candle', 1500],
  ['NBK-05', 'Dot-grid notebook', 1200],
];
const STATUSES = ['completed', 'completed', 'shipped', 'awaiting_fulfillment', 'cancelled', 'refunded'];

function iso(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildSeedSql() {
  const rand = rng(20261123);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const base = Date.parse('2026-01-05T09:00:00Z');
  const at = (days) => iso(new Date(base + days * 86_400_000 + Math.floor(rand() * 36_000_000)));
  const sql = [];
  const now = iso(new Date());

  sql.push(`INSERT INTO settings (key, value) VALUES ('seeded', ${q(now)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value;`);
  sql.push(`UPDATE channels SET storefront_origins = '["http://localhost:8787","http://127.0.0.1:8787"]' WHERE id = 1;`);
  sql.push(
    `INSERT OR IGNORE INTO admin_tokens (name, token_hash, scopes, date_created) VALUES ('Local dev token', ${q(createHash('sha256').update(DEV_ADMIN_TOKEN).digest('hex'))}, '["store_v2_customers","store_v2_orders"]', ${q(now)});`,
  );

  for (const [name, isDefault] of [
    ['Retail', 1],
    ['Wholesale', 0],
    ['VIP', 0],
  ]) {
    sql.push(
      `INSERT OR IGNORE INTO customer_groups (name, is_default, date_created, date_modified) VALUES (${q(name)}, ${isDefault}, ${q(now)}, ${q(now)});`,
    );
  }

  const fields = [
    ['customer', 'how_did_you_hear', 'How did you hear about us?', 'picklist', 0, ['Friend', 'Search engine', 'Social media', 'Magazine'], {}],
    ['customer', 'date_of_birth', 'Date of birth', 'date', 0, [], { min_date: '1900-01-01', max_date: '2012-12-31' }],
    ['customer', 'interests', 'Interests', 'checkboxes', 0, ['Kitchen', 'Clothing', 'Stationery', 'Home'], {}],
    ['customer', 'preferred_contact', 'Preferred contact', 'radio', 1, ['Email', 'Phone', 'None'], {}],
    ['customer', 'household_size', 'Household size', 'number', 0, [], { min: 1, max: 20 }],
    ['customer', 'loyalty_number', 'Loyalty card number', 'text', 0, [], { max_length: 20 }],
    ['customer', 'about_you', 'Anything we should know?', 'multiline', 0, [], { max_length: 500 }],
    ['customer', 'accept_terms', 'I accept the terms of service', 'checkbox', 1, ['Yes'], {}],
    ['address', 'door_code', 'Door code', 'text', 0, [], { max_length: 12 }],
    ['address', 'delivery_window', 'Delivery window', 'picklist', 0, ['Morning', 'Afternoon', 'Evening'], {}],
  ];
  fields.forEach(([appliesTo, name, label, type, required, options, limits], i) => {
    sql.push(
      `INSERT OR IGNORE INTO form_fields (name, label, type, required, options, min, max, max_length, min_date, max_date, applies_to, sort_order, date_created, date_modified)
       VALUES (${q(name)}, ${q(label)}, ${q(type)}, ${required}, ${q(JSON.stringify(options))}, ${limits.min ?? 'NULL'}, ${limits.max ?? 'NULL'}, ${limits.max_length ?? 'NULL'}, ${q(limits.min_date)}, ${q(limits.max_date)}, ${q(appliesTo)}, ${i}, ${q(now)}, ${q(now)});`,
    );
  });

  for (const [name, type] of [
    ['Shoe size', 'number'],
    ['Birthday', 'date'],
    ['Favorite color', 'string'],
  ]) {
    sql.push(
      `INSERT OR IGNORE INTO customer_attributes (name, type, date_created, date_modified) VALUES (${q(name)}, ${q(type)}, ${q(now)}, ${q(now)});`,
    );
  }

  const customers = [{ first: 'Dana', last: 'Demo', email: DEMO_SHOPPER.email, password: DEMO_SHOPPER.password, group: 'VIP' }];
  for (let i = 0; i < 50; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email =
      `${first}.${last}.${i}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^\w.]/g, '') + '@example.com';
    customers.push({ first, last, email, group: pick(['Retail', 'Retail', 'Wholesale', 'VIP']) });
  }
  const customerRef = (email) => `(SELECT id FROM customers WHERE email = ${q(email)})`;
  let orderNo = 0;
  const order = (email, ownerEmail, first, last, days, opts = {}) => {
    orderNo += 1;
    const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const [sku, name, price] = pick(PRODUCTS);
      const quantity = 1 + Math.floor(rand() * 2);
      return { sku, name, price, quantity };
    });
    const subtotal = items.reduce((s, it) => s + it.price * it.quantity, 0);
    const tax = Math.round(subtotal * 0.08);
    const shipping = subtotal > 5000 ? 0 : 595;
    const [country, city, state, zip] = pick(CITIES);
    const address = JSON.stringify({
      first_name: first,
      last_name: last,
      address1: `${10 + orderNo} Market Street`,
      city,
      state_or_province: state,
      postal_code: zip,
      country_code: country,
    });
    const date = at(days);
    const marker = `seed-order-${orderNo}`;
    sql.push(
      `INSERT INTO orders (customer_id, email, first_name, last_name, status, is_test, currency_code, subtotal_minor, tax_minor, shipping_minor, total_minor, billing_address, shipping_address, date_created, date_modified)
       SELECT ${ownerEmail ? customerRef(ownerEmail) : 'NULL'}, ${q(email)}, ${q(first)}, ${q(last)}, ${q(opts.status ?? pick(STATUSES))}, ${opts.test ? 1 : 0}, ${q(opts.currency ?? 'USD')}, ${subtotal}, ${tax}, ${shipping}, ${subtotal + tax + shipping}, ${q(address)}, ${q(address)}, ${q(date)}, ${q(date)}
       WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = ${q(marker)});`,
    );
    for (const it of items) {
      sql.push(
        `INSERT INTO order_items (order_id, sku, name, quantity, price_minor, total_minor) SELECT max(id), ${q(it.sku)}, ${q(it.name)}, ${it.quantity}, ${it.price}, ${it.price * it.quantity} FROM orders WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = ${q(marker)});`,
      );
    }
    sql.push(`INSERT OR IGNORE INTO settings (key, value) VALUES (${q(marker)}, ${q(now)});`);
  };

  customers.forEach((c, i) => {
    const created = at(i * 5);
    const hash = c.password ? hashPassword(c.password) : null;
    sql.push(
      `INSERT OR IGNORE INTO customers (email, first_name, last_name, customer_group_id, registration_ip_address, phone, password_hash, password_version, email_verified_at, date_created, date_modified)
       VALUES (${q(c.email)}, ${q(c.first)}, ${q(c.last)}, (SELECT id FROM customer_groups WHERE name = ${q(c.group)}), '203.0.113.${(i % 250) + 1}', ${q(`+1 555 01${String(i).padStart(2, '0')}`)}, ${q(hash)}, ${hash ? 1 : 'NULL'}, ${q(created)}, ${q(created)}, ${q(created)});`,
    );
    const [country, city, state, zip] = CITIES[i % CITIES.length];
    sql.push(
      `INSERT INTO customer_addresses (customer_id, first_name, last_name, address1, city, state_or_province, postal_code, country_code, label, is_default_shipping, is_default_billing, date_created, date_modified)
       SELECT ${customerRef(c.email)}, ${q(c.first)}, ${q(c.last)}, ${q(`${i + 1} High Street`)}, ${q(city)}, ${q(state)}, ${q(zip)}, ${q(country)}, 'Home', 1, 1, ${q(created)}, ${q(created)}
       WHERE NOT EXISTS (SELECT 1 FROM customer_addresses WHERE customer_id = ${customerRef(c.email)});`,
    );
    sql.push(
      `INSERT OR IGNORE INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created) SELECT ${customerRef(c.email)}, 'account_created', '{}', 'system', 'seed', ${q(created)} WHERE NOT EXISTS (SELECT 1 FROM timeline_events WHERE customer_id = ${customerRef(c.email)});`,
    );
    sql.push(
      `INSERT OR IGNORE INTO customer_form_field_values (customer_id, name, value) VALUES (${customerRef(c.email)}, 'preferred_contact', ${q(JSON.stringify(pick(['Email', 'Phone', 'None'])))});`,
    );
    const orders = i === 0 ? 6 : Math.floor(rand() * 4);
    for (let k = 0; k < orders; k++) order(c.email, c.email, c.first, c.last, i * 5 + 3 + k * 11, { test: i === 0 && k === 5 });
  });
  // Guest orders: some by strangers, some with emails of registered customers (to link or claim).
  for (let g = 0; g < 12; g++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = g % 3 === 0 ? customers[1 + g].email : `guest.${g}@example.net`;
    order(email, null, first, last, 200 + g * 7, { test: g === 5 });
  }
  order(DEMO_SHOPPER.email, null, 'Dana', 'Demo', 290, { status: 'completed' });

  for (let s = 0; s < 15; s++) {
    const email = s < 8 ? customers[s].email : `newsletter.${s}@example.org`;
    const consents = s % 2 === 0 ? '["marketing_newsletter","abandoned_cart"]' : '["marketing_newsletter"]';
    sql.push(
      `INSERT OR IGNORE INTO subscribers (email, first_name, last_name, source, channel_id, consents, date_created, date_modified) VALUES (${q(email)}, ${q(s < 8 ? customers[s].first : '')}, ${q(s < 8 ? customers[s].last : '')}, ${q(s < 8 ? 'storefront' : 'import')}, 1, ${q(consents)}, ${q(now)}, ${q(now)});`,
    );
  }
  return sql.join('\n');
}

/** Seeds the local database unless it was seeded before. */
export function seedIfEmpty({ force = false } = {}) {
  const seeded = queryJson("SELECT value FROM settings WHERE key = 'seeded'");
  if (seeded.length && !force) {
    console.log(`Demo store already seeded (${seeded[0].value}); \`node demo/seed.mjs --force\` adds missing seed rows.`);
    return;
  }
  console.log('Seeding the demo store…');
  executeSql(buildSeedSql());
  console.log(`Seeded. Demo shopper: ${DEMO_SHOPPER.email} / ${DEMO_SHOPPER.password}; admin token: ${DEV_ADMIN_TOKEN}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  seedIfEmpty({ force: process.argv.includes('--force') });
}
