// Edge auth latency (DESIGN §5), one run, one private worker:
// - log-in (POST /storefront/session) against the password verification alone (POST /dev/bench/password-hash,
//   the same PBKDF2 parameters): median ratio, budget ≤ 1.15×;
// - the authenticated read GET /storefront/customer against GET /health: median ratio, budget ≤ 3×.
// Requests are sequential after a warm-up; rate limits are raised for the run (the binding is still called).
import { percentile, round, startWorker, writeResults } from './lib/worker.mjs';

const WARMUP = 5;
const LOGINS = Number(process.env.BENCH_LOGINS ?? 40);
const READS = Number(process.env.BENCH_READS ?? 300);
const PASSWORD = 'bench-password-2026';

async function timed(fn) {
  const t0 = performance.now();
  const res = await fn();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return ms;
}

const stats = (sorted) => ({ n: sorted.length, p50_ms: round(percentile(sorted, 50), 2), p95_ms: round(percentile(sorted, 95), 2) });

async function main() {
  const worker = await startWorker({ rateLimits: false });
  try {
    const json = (body, headers = {}) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const email = `bench.${Date.now()}@example.com`;
    const signUp = await fetch(`${worker.base}/storefront/customers`, json({ email, password: PASSWORD, first_name: 'Bench', last_name: 'Mark' }));
    if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
    const { access_token } = await signUp.json();

    // Interleave the pairs so load changes on the machine hit both sides alike.
    const hashOnly = [];
    const login = [];
    for (let i = 0; i < WARMUP + LOGINS; i++) {
      const h = await timed(() => fetch(`${worker.base}/dev/bench/password-hash`, json({ password: PASSWORD })));
      const l = await timed(() => fetch(`${worker.base}/storefront/session`, json({ email, password: PASSWORD })));
      if (i >= WARMUP) {
        hashOnly.push(h);
        login.push(l);
      }
    }
    hashOnly.sort((a, b) => a - b);
    login.sort((a, b) => a - b);

    const health = [];
    const read = [];
    for (let i = 0; i < WARMUP + READS; i++) {
      const h = await timed(() => fetch(`${worker.base}/health`));
      const r = await timed(() => fetch(`${worker.base}/storefront/customer`, { headers: { Authorization: `Bearer ${access_token}` } }));
      if (i >= WARMUP) {
        health.push(h);
        read.push(r);
      }
    }
    health.sort((a, b) => a - b);
    read.sort((a, b) => a - b);

    const loginRatio = round(percentile(login, 50) / percentile(hashOnly, 50), 2);
    const readRatio = round(percentile(read, 50) / percentile(health, 50), 2);
    writeResults('auth', {
      config: { logins: LOGINS, reads: READS, warmup: WARMUP },
      results: [
        {
          what: 'log-in median vs the password hash alone (POST /storefront/session vs one PBKDF2 verification, same worker)',
          value: loginRatio,
          unit: '×',
          display: `${loginRatio}× (log-in p50 ${round(percentile(login, 50), 1)} ms, hash alone p50 ${round(percentile(hashOnly, 50), 1)} ms)`,
          budget: { op: '<=', value: 1.15, display: '≤ 1.15×' },
          ok: loginRatio <= 1.15,
        },
        {
          what: 'authenticated read median vs GET /health (GET /storefront/customer, same worker)',
          value: readRatio,
          unit: '×',
          display: `${readRatio}× (read p50 ${round(percentile(read, 50), 2)} ms, health p50 ${round(percentile(health, 50), 2)} ms)`,
          budget: { op: '<=', value: 3, display: '≤ 3×' },
          ok: readRatio <= 3,
        },
      ],
      details: { login: stats(login), hash_only: stats(hashOnly), read: stats(read), health: stats(health) },
    });
  } finally {
    await worker.stop();
  }
}

main().catch((err) => {
  console.error(`auth bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
