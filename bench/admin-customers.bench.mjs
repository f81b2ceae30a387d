// Admin API at scale (DESIGN §5): imports 100,000 customers (no passwords) through POST /v3/customers
// in batches of 100 with a few requests in flight → customers/s (budget ≥ 1,000/s); then, on those
// 100,000, GET /v3/customers with a `name:like` filter and with an `email:in` filter of 3 emails,
// sequentially after a warm-up → p50/p95 latency (budget p95 ≤ 25 ms).
// Runs its own `wrangler dev` on a fresh local D1 (see lib/worker.mjs).
// BENCH_CUSTOMERS=10000 for a quicker, smaller run (its figures are then not the budgeted ones).
import os from 'node:os';
import { percentile, round, startWorker, writeResults } from './lib/worker.mjs';

const TOTAL = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const BATCH = 100;
const IN_FLIGHT = 4;
const WARMUP = 20;
const REQUESTS = 250;
const IMPORT_BUDGET = 1000; // customers/s, at least
const P95_BUDGET = 25; // ms, at most

// Deterministic data: the same customers on every run.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20260423);
const pick = (list) => list[Math.floor(random() * list.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const FIRST = `James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica
Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly
Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca
Jason Laura Edward Sharon Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas Shirley Eric Anna Jonathan Brenda Stephen
Pamela Larry Emma Justin Nicole Scott Helen Brandon Samantha Benjamin Katherine Samuel Christine Gregory Debra Alexander Rachel
Patrick Carolyn Frank Janet Raymond Maria Jack Olivia Dennis Heather Jerry Diane Tyler Julie Aaron Joyce Jose Victoria Adam Ruth
Nathan Virginia Henry Lauren Zachary Kelly Douglas Christina Peter Joan Kyle Evelyn Noah Judith Ethan Andrea Jeremy Hannah Walter
Megan Christian Cheryl Keith Jacqueline Roger Martha Terry Madison Austin Teresa Sean Gloria Gerald Sara Carl Janice Harold Ann
Dylan Kathryn Arthur Abigail Lawrence Sophia Jordan Frances Jesse Jean Bryan Alice Billy Judy Bruce Isabella Gabriel Julia Joe
Grace Logan Amber Alan Denise Juan Danielle Albert Marilyn Willie Beverly Elijah Charlotte Wayne Natalie Randy Theresa Vincent
Diana Mason Brittany Roy Doris Ralph Kayla Bobby Alexis Russell Lori Bradley Marie Philip Chloe Eugene Mia Sofia Lucas Mateo
Hiroshi Yuki Mei Wei Priya Arjun Fatima Omar Ingrid Lars Sven Astrid Chiara Luca Giulia Matteo Camille Louis Chloé Léa Zoë Björn
Anaïs Søren Siobhán Seán Aoife Darius Leila Amara Kwame Nia Tariq Aisha Dmitri Olga Ivan Anya Paulo Ana Joao Beatriz Diego Lucia`
  .split(/\s+/)
  .filter(Boolean);
const LAST = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King
Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans
Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson
Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price
Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson
Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods
Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez
Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer
Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce
Tanaka Suzuki Yamamoto Wang Zhang Liu Singh Kumar Sharma Ali Hassan Khan Larsen Johansson Lindqvist Rossi Bianchi Esposito Dubois
Lefèvre Moreau Müller Schneider Fischer Weber Becker Kowalski Nowak Ivanov Petrov O'Brien O'Connor MacLeod Okafor Mensah Dlamini
Nakamura da Silva dos Santos Oliveira Pereira Costa Almeida van der Berg de Vries Jansen Novak Horvat Kovač Popescu Nagy Papadopoulos`
  .split(/\s+/)
  .filter(Boolean);
const COMPANY_A = `Acme Blue Harbor North Summit Pioneer Silver Evergreen Atlas Bright Cedar Crescent Granite Golden Iron Maple Oak
Pacific Redwood Riverside Sterling Sunrise Westfield Apex Beacon Cobalt Delta Echo Falcon Horizon Keystone Liberty Meridian Nova
Orion Prairie Quantum Sierra Trident Union Vertex Willow Zenith Lakeside Hilltop Coastal Urban Rustic Modern`
  .split(/\s+/)
  .filter(Boolean);
const COMPANY_B = `Supply Trading Foods Outfitters Design Studio Labs Logistics Hardware Goods Home Garden Apparel Crafts Bakery
Coffee Motors Media Health Wellness Sports Books Toys Electronics Interiors Imports Provisions Works Collective Partners`
  .split(/\s+/)
  .filter(Boolean);
const COMPANY_C = ['Inc.', 'LLC', 'Ltd', 'Co.', 'GmbH', 'Group', 'Corp.', '& Sons', 'SARL', 'BV', ''];
const DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'proton.me',
  'aol.com',
  'gmx.de',
  'web.de',
  'orange.fr',
  'example.com',
  'example.org',
];

const ascii = (s) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function makeCustomer(i) {
  const first_name = pick(FIRST);
  const last_name = pick(LAST);
  const sep = pick(['.', '_', '', '.']);
  // The running number keeps emails unique across 100,000 customers.
  const email = `${ascii(first_name)}${sep}${ascii(last_name)}${i}@${pick(DOMAINS)}`;
  const c = { email, first_name, last_name };
  if (random() < 0.35) c.company = `${pick(COMPANY_A)} ${pick(COMPANY_B)} ${pick(COMPANY_C)}`.trim();
  if (random() < 0.8) {
    c.phone = pick([
      () => `+1 (${digits(3)}) ${digits(3)}-${digits(4)}`,
      () => `+44 20 ${digits(4)} ${digits(4)}`,
      () => `+49 30 ${digits(8)}`,
      () => `0${digits(3)} ${digits(6)}`,
    ])();
  }
  c.registration_ip_address = `${1 + Math.floor(random() * 223)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
  if (random() < 0.3) c.accepts_product_review_abandoned_cart_emails = true;
  return c;
}

async function main() {
  const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;
  console.error(`generating ${TOTAL} customers`);
  const customers = Array.from({ length: TOTAL }, (_, i) => makeCustomer(i + 1));
  const batches = [];
  for (let i = 0; i < customers.length; i += BATCH) batches.push(customers.slice(i, i + BATCH));
  const bodies = batches.map((b) => JSON.stringify(b));

  const worker = await startWorker({ scopes: ['store_v2_customers'] });
  try {
    const headers = { 'X-Auth-Token': worker.token, 'Content-Type': 'application/json', Accept: 'application/json' };
    const url = (query = '') => `${worker.base}/v3/customers${query}`;

    // --- Import ------------------------------------------------------------------------------
    console.error(`importing ${TOTAL} customers in ${batches.length} batches of ${BATCH}, ${IN_FLIGHT} in flight`);
    const batchMs = [];
    let next = 0;
    let done = 0;
    const importStart = performance.now();
    const lane = async () => {
      while (next < bodies.length) {
        const n = next++;
        const t0 = performance.now();
        const res = await fetch(url(), { method: 'POST', headers, body: bodies[n] });
        const text = await res.text();
        batchMs.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`POST /v3/customers (batch ${n}) answered ${res.status}: ${text.slice(0, 1000)}`);
        if (++done % 100 === 0)
          console.error(`  ${done * BATCH} customers, ${round((done * BATCH) / ((performance.now() - importStart) / 1000), 0)}/s`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    const importSeconds = (performance.now() - importStart) / 1000;
    const perSecond = TOTAL / importSeconds;
    batchMs.sort((a, b) => a - b);

    const check = await fetch(url('?limit=1'), { headers }).then((r) => r.json());
    const stored = check.meta?.pagination?.total;
    if (stored !== TOTAL) throw new Error(`expected ${TOTAL} customers after the import, the API counts ${stored}`);

    // --- Filtered lists ---------------------------------------------------------------------------
    // What an admin types: 3–6 characters (at least 3 once trimmed) from some customer's "first last".
    const likeTerms = Array.from({ length: WARMUP + REQUESTS }, () => {
      for (;;) {
        const c = customers[Math.floor(random() * customers.length)];
        const full = `${c.first_name} ${c.last_name}`;
        const len = 3 + Math.floor(random() * 4);
        const start = Math.floor(random() * Math.max(1, full.length - len + 1));
        const term = full.slice(start, start + len).trim();
        if (term.length >= 3) return term;
      }
    });
    const emailSets = Array.from({ length: WARMUP + REQUESTS }, () =>
      Array.from({ length: 3 }, () => customers[Math.floor(random() * customers.length)].email),
    );

    const measure = async (label, queries, expect) => {
      const times = [];
      const totals = [];
      for (let i = 0; i < queries.length; i++) {
        const t0 = performance.now();
        const res = await fetch(url(queries[i]), { headers });
        const body = await res.text();
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`GET /v3/customers${queries[i]} answered ${res.status}: ${body.slice(0, 500)}`);
        const json = JSON.parse(body);
        expect?.(json, i);
        if (i >= WARMUP) {
          times.push(ms);
          totals.push(json.meta.pagination.total);
        }
      }
      times.sort((a, b) => a - b);
      totals.sort((a, b) => a - b);
      const out = {
        requests: times.length,
        p50_ms: round(percentile(times, 50), 2),
        p95_ms: round(percentile(times, 95), 2),
        max_ms: round(times[times.length - 1], 2),
        matches_p50: percentile(totals, 50),
        matches_max: totals[totals.length - 1],
      };
      console.error(
        `${label}: p50 ${out.p50_ms} ms, p95 ${out.p95_ms} ms over ${out.requests} requests (matches: median ${out.matches_p50}, max ${out.matches_max})`,
      );
      return out;
    };

    // Context, not budgeted: the same HTTP path through wrangler dev with no D1 at all.
    const health = [];
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const t0 = performance.now();
      await (await fetch(`${worker.base}/health`)).text();
      if (i >= WARMUP) health.push(performance.now() - t0);
    }
    health.sort((a, b) => a - b);
    const healthResult = { requests: health.length, p50_ms: round(percentile(health, 50), 2), p95_ms: round(percentile(health, 95), 2) };
    console.error(`GET /health (no D1): p50 ${healthResult.p50_ms} ms, p95 ${healthResult.p95_ms} ms`);

    console.error(`GET name:like, ${WARMUP} warm-up + ${REQUESTS} sequential requests`);
    const nameLike = await measure(
      'name:like',
      likeTerms.map((t) => `?name:like=${encodeURIComponent(t)}`),
      (json, i) => {
        if (json.meta.pagination.total < 1) throw new Error(`name:like=${likeTerms[i]} found nothing, though a customer has it`);
      },
    );
    console.error(`GET email:in (3 emails), ${WARMUP} warm-up + ${REQUESTS} sequential requests`);
    const emailIn = await measure(
      'email:in',
      emailSets.map((s) => `?email:in=${encodeURIComponent(s.join(','))}`),
      (json, i) => {
        const want = new Set(emailSets[i]).size;
        if (json.data.length !== want) throw new Error(`email:in=${emailSets[i]} returned ${json.data.length} customers, expected ${want}`);
      },
    );

    const importResult = {
      customers: TOTAL,
      batch_size: BATCH,
      in_flight: IN_FLIGHT,
      seconds: round(importSeconds, 2),
      customers_per_second: Math.round(perSecond),
      batch_p50_ms: round(percentile(batchMs, 50), 1),
      batch_p95_ms: round(percentile(batchMs, 95), 1),
    };
    const scale = TOTAL === 100_000 ? '100,000' : `${TOTAL.toLocaleString('en-US')} (NOT the budgeted 100,000)`;
    const p95Row = (what, r) => ({
      what,
      value: r.p95_ms,
      unit: 'ms',
      display: `p95 ${r.p95_ms} ms (p50 ${r.p50_ms} ms)`,
      budget: { op: '<=', value: P95_BUDGET, display: `p95 ≤ ${P95_BUDGET} ms` },
      ok: r.p95_ms <= P95_BUDGET,
    });
    writeResults('admin-customers', {
      config: { customers: TOTAL, batch: BATCH, in_flight: IN_FLIGHT, warmup: WARMUP, requests: REQUESTS },
      results: [
        {
          what: `batch import, ${scale} customers (POST /v3/customers × ${BATCH}, ${IN_FLIGHT} in flight, no passwords)`,
          value: importResult.customers_per_second,
          unit: 'customers/s',
          display: `${importResult.customers_per_second.toLocaleString('en-US')} customers/s (${importResult.seconds} s)`,
          budget: { op: '>=', value: IMPORT_BUDGET, display: `≥ ${IMPORT_BUDGET.toLocaleString('en-US')}/s` },
          ok: importResult.customers_per_second >= IMPORT_BUDGET,
        },
        p95Row(`admin list, ${scale} customers, \`name:like=<3–6 letters of a name>\``, nameLike),
        p95Row(`admin list, ${scale} customers, \`email:in=<3 emails>\``, emailIn),
        {
          what: 'for context: `GET /health` (no D1, no auth), same server',
          value: healthResult.p95_ms,
          unit: 'ms',
          display: `p95 ${healthResult.p95_ms} ms (p50 ${healthResult.p50_ms} ms)`,
        },
      ],
      details: {
        loadavg_1m_at_start: loadAtStart,
        import: importResult,
        name_like: { ...nameLike, sample_terms: likeTerms.slice(WARMUP, WARMUP + 10) },
        email_in: emailIn,
        health: healthResult,
      },
    });
  } finally {
    await worker.stop();
  }
}

main().catch((err) => {
  console.error(`admin-customers bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
