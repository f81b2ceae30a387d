// Password-reset timing (issue 13, item 9): POST /storefront/password-reset must take as long for an
// email with an account as for one without (the lookup, the token's insert and the mail run after the
// response). 200 requests each, interleaved known/unknown after a warm-up, against one private worker
// with its rate limits raised (the binding is still called); reports the difference of the medians,
// budget < 1 ms. Each known request uses its own account, so the per-email work is the same every time.
import { percentile, round, startWorker, writeResults } from './lib/worker.mjs';

const WARMUP = 10;
const REQUESTS = Number(process.env.BENCH_RESETS ?? 200);
const PASSWORD = 'bench-password-2026';
// Longer than the worker's head start for deferred work (time.ts afterTheResponse, 50 ms) plus that work.
const pause = () => new Promise((resolve) => setTimeout(resolve, 100));

async function timed(fn) {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 202) throw new Error(`password reset answered ${res.status}`);
  return ms;
}

const stats = (sorted) => ({ n: sorted.length, p50_ms: round(percentile(sorted, 50), 3), p95_ms: round(percentile(sorted, 95), 3) });

async function main() {
  const worker = await startWorker({ rateLimits: false });
  try {
    const post = (path, body) =>
      fetch(`${worker.base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const stamp = Date.now();
    const known = [];
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const email = `reset.known.${stamp}.${i}@example.com`;
      const res = await post('/storefront/customers', { email, password: PASSWORD, first_name: 'Bench', last_name: 'Reset' });
      if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      known.push(email);
    }
    const knownMs = [];
    const unknownMs = [];
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      // Alternate which goes first, so neither side always follows the other's deferred work.
      // A pause before each request lets the previous one's deferred work finish: we measure the answer
      // to this request, not contention with the one before (an attacker paces requests the same way).
      const k = async () => (await pause(), timed(() => post('/storefront/password-reset', { email: known[i] })));
      const u = async () => (await pause(), timed(() => post('/storefront/password-reset', { email: `reset.unknown.${stamp}.${i}@example.com` })));
      const [km, um] = i % 2 ? [await k(), await u()] : [undefined, await u()];
      const kk = km ?? (await k());
      if (i >= WARMUP) {
        knownMs.push(kk);
        unknownMs.push(um);
      }
    }
    knownMs.sort((a, b) => a - b);
    unknownMs.sort((a, b) => a - b);
    const diff = round(Math.abs(percentile(knownMs, 50) - percentile(unknownMs, 50)), 3);
    writeResults('reset-timing', {
      config: { requests: REQUESTS, warmup: WARMUP },
      results: [
        {
          what: `password-reset request, known vs unknown email: difference of the medians (${REQUESTS} each)`,
          value: diff,
          unit: 'ms',
          display: `${diff} ms (known p50 ${round(percentile(knownMs, 50), 2)} ms, unknown p50 ${round(percentile(unknownMs, 50), 2)} ms)`,
          budget: { op: '<', value: 1, display: '< 1 ms' },
          ok: diff < 1,
        },
      ],
      details: { known: stats(knownMs), unknown: stats(unknownMs) },
    });
  } finally {
    await worker.stop();
  }
}

main().catch((err) => {
  console.error(`reset-timing bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
