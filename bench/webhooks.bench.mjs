// Webhooks (issue 16): how fast changes reach a store's receiver through the queue, locally.
// A private `wrangler dev` (lib/worker.mjs) with one hook (`store/customer/*`) pointing at a node HTTP
// receiver on 127.0.0.1 that answers 204 and notes when each delivery arrived.
//
// Part 1 — delay on an idle queue: one admin change at a time (PUT /v3/customers), from the answer to
// the request to the delivery's arrival; p50/p95 over SAMPLES. Dominated by the consumer's
// max_batch_timeout (wrangler.toml: 1 s), the longest a lone message waits for its batch to fill.
// Part 2 — a burst: CHANGES customers created through the admin batch API (POST /v3/customers, 100 per
// request, requests one after another) → deliveries per second (CHANGES ÷ the time from the first
// answer to the last delivery) and each event's delay from its request's answer, p50/p95.
//
// Budgets are generous on purpose (Miniflare's queue on a shared 2-core machine is not Cloudflare's):
// they catch a pipeline that stalls or falls back to the cron, not a slow machine. ≥ 20 deliveries/s;
// idle p95 ≤ 3 s (the 1 s batch window plus a delivery); burst p95 ≤ CHANGES ÷ 20 s.
// BENCH_WEBHOOK_CHANGES (default 200) and BENCH_WEBHOOK_SAMPLES (default 25) change the sizes.
import { createServer } from 'node:http';
import { percentile, round, startWorker, writeResults } from './lib/worker.mjs';

const CHANGES = Number(process.env.BENCH_WEBHOOK_CHANGES ?? 200);
const SAMPLES = Number(process.env.BENCH_WEBHOOK_SAMPLES ?? 25);
const BATCH = 100;
const RATE_BUDGET = 20; // deliveries/s, at least
const IDLE_P95_BUDGET = 3000; // ms, at most
const BURST_P95_BUDGET = (CHANGES / RATE_BUDGET) * 1000; // ms, at most
const TIMEOUT_MS = 120_000;

/** The receiver: every delivery's scope, data.id, webhook-id and arrival time. */
const deliveries = [];
/** @type {Array<() => void>} */
let waiters = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const at = performance.now();
    const json = JSON.parse(body);
    deliveries.push({ at, id: String(req.headers['webhook-id']), scope: json.scope, dataId: json.data.id });
    res.writeHead(204).end();
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${server.address().port}/hooks`;

/** Resolves once `test()` holds, re-checked on every delivery. */
function until(test, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what} (${deliveries.length} deliveries so far)`)), TIMEOUT_MS);
    const check = () => {
      const v = test();
      if (v) {
        clearTimeout(timer);
        resolve(v);
      } else waiters.push(check);
    };
    check();
  });
}

const worker = await startWorker({ rateLimits: false });
try {
  const send = async (method, path, body) => {
    const res = await fetch(`${worker.base}${path}`, {
      method,
      headers: { 'X-Auth-Token': worker.token, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const answered = performance.now();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return { json: text ? JSON.parse(text) : undefined, answered };
  };

  const hook = await send('POST', '/v3/hooks', { scope: 'store/customer/*', destination: receiverUrl });
  console.error(`hook ${hook.json.data.id} → ${receiverUrl}`);
  const stamp = Date.now();
  const person = (i) => ({ email: `hook.${stamp}.${i}@example.com`, first_name: 'Hook', last_name: `Bench ${i}` });

  // Warm-up: the route groups and the consumer's module loaded, the receiver's connection open.
  const first = await send('POST', '/v3/customers', [person('warm')]);
  const customerId = first.json.data[0].id;
  await until(() => deliveries.some((d) => d.scope === 'store/customer/created' && d.dataId === customerId), 'the warm-up delivery');

  // Part 1: one change at a time on an idle queue.
  const idle = [];
  for (let i = 0; i < SAMPLES; i++) {
    const seen = deliveries.length;
    const { answered } = await send('PUT', '/v3/customers', [{ id: customerId, company: `Sample ${i}` }]);
    const d = await until(() => deliveries.slice(seen).find((x) => x.scope === 'store/customer/updated' && x.dataId === customerId), `update ${i}`);
    idle.push(d.at - answered);
  }
  idle.sort((a, b) => a - b);
  console.error(`idle: p50 ${round(percentile(idle, 50))} ms, p95 ${round(percentile(idle, 95))} ms`);

  // Part 2: a burst through the batch API.
  const answeredById = new Map();
  let firstAnswer = Infinity;
  const burstStart = performance.now();
  for (let i = 0; i < CHANGES; i += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, CHANGES - i) }, (_, k) => person(i + k));
    const { json, answered } = await send('POST', '/v3/customers', items);
    firstAnswer = Math.min(firstAnswer, answered);
    for (const c of json.data) answeredById.set(c.id, answered);
  }
  const requestsDone = performance.now();
  const created = () => deliveries.filter((d) => d.scope === 'store/customer/created' && answeredById.has(d.dataId));
  await until(() => new Set(created().map((d) => d.dataId)).size >= CHANGES, `${CHANGES} created events`);
  const burst = created();
  const last = Math.max(...burst.map((d) => d.at));
  const rate = CHANGES / ((last - firstAnswer) / 1000);
  const delays = burst.map((d) => d.at - answeredById.get(d.dataId)).sort((a, b) => a - b);
  const duplicates = burst.length - new Set(burst.map((d) => d.id)).size;
  console.error(
    `burst: ${CHANGES} changes in ${round(requestsDone - burstStart)} ms of requests, last delivery ${round(last - firstAnswer)} ms after the first answer → ${round(rate)} deliveries/s; p50 ${round(percentile(delays, 50))} ms, p95 ${round(percentile(delays, 95))} ms; ${duplicates} duplicates`,
  );

  const ms = (v) => `${round(v, 0)} ms`;
  writeResults('webhooks', {
    config: { changes: CHANGES, samples: SAMPLES, batch: BATCH, max_batch_size: 10, max_batch_timeout_s: 1 },
    results: [
      {
        what: `webhooks: deliveries/s through the local queue (${CHANGES} customers created in batches of ${BATCH}, one hook)`,
        value: round(rate),
        unit: 'deliveries/s',
        display: `${round(rate)}/s`,
        budget: { op: '>=', value: RATE_BUDGET, display: `≥ ${RATE_BUDGET}/s` },
        ok: rate >= RATE_BUDGET,
      },
      {
        what: `webhooks: change → delivery, idle queue, p50 (${SAMPLES} single PUTs)`,
        value: round(percentile(idle, 50)),
        unit: 'ms',
        display: ms(percentile(idle, 50)),
      },
      {
        what: `webhooks: change → delivery, idle queue, p95 (${SAMPLES} single PUTs)`,
        value: round(percentile(idle, 95)),
        unit: 'ms',
        display: ms(percentile(idle, 95)),
        budget: { op: '<=', value: IDLE_P95_BUDGET, display: `≤ ${IDLE_P95_BUDGET} ms` },
        ok: percentile(idle, 95) <= IDLE_P95_BUDGET,
      },
      {
        what: `webhooks: change → delivery in the burst of ${CHANGES}, p50`,
        value: round(percentile(delays, 50)),
        unit: 'ms',
        display: ms(percentile(delays, 50)),
      },
      {
        what: `webhooks: change → delivery in the burst of ${CHANGES}, p95`,
        value: round(percentile(delays, 95)),
        unit: 'ms',
        display: ms(percentile(delays, 95)),
        budget: { op: '<=', value: BURST_P95_BUDGET, display: `≤ ${BURST_P95_BUDGET} ms` },
        ok: percentile(delays, 95) <= BURST_P95_BUDGET,
      },
      {
        what: `webhooks: duplicate deliveries in the burst (same webhook-id twice)`,
        value: duplicates,
        unit: 'deliveries',
        display: String(duplicates),
        budget: { op: '<=', value: 0, display: '0' },
        ok: duplicates === 0,
      },
    ],
  });
} catch (err) {
  console.error(worker.output().slice(-4000));
  throw err;
} finally {
  await worker.stop();
  server.close();
  server.closeAllConnections();
}
