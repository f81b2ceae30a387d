// The worker as deployed, with its D1 binding wrapped to count *sequential* round trips per request
// (bench/round-trips.bench.mjs builds this file as the private worker's entry; production never sees it).
//
// Why sequential: in production the worker runs near the shopper and D1's primary in one region, so
// every D1 call the request waits for crosses that distance. `prepare().first/all/run/raw` and `batch()`
// each cost one round trip; calls in flight at the same time (awaited together) cost one between them.
// Counting rule: a call that starts while no other call of the request is in flight opens a new round trip.
//
// `D1_RTT_MS` (a var) adds that many milliseconds before each call runs, to simulate the distance: a
// request's latency then grows by D1_RTT_MS × its round trips, as it would in production.
//
// Answers carry `X-Bench-D1-Round-Trips` (round trips made before the response) and
// `X-Bench-D1-Calls` (calls in total). Work handed to waitUntil after the response is not counted.
import app from '../../worker/src/index';
import type { Bindings } from '../../worker/src/env';

interface Counter {
  trips: number;
  calls: number;
  inflight: number;
  /** With the var D1_TRACE=1: each call's SQL (first 80 characters), numbered by its round trip, logged by wrangler dev. */
  trace?: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real statement behind a wrapped one, so batch() gets what D1 expects. */
const real = new WeakMap<object, D1PreparedStatement>();

async function roundTrip<T>(counter: Counter, rttMs: number, call: () => Promise<T>, sql = ''): Promise<T> {
  if (counter.inflight === 0) counter.trips++;
  counter.trace?.push(`${counter.trips}: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`);
  counter.calls++;
  counter.inflight++;
  try {
    if (rttMs > 0) await sleep(rttMs);
    return await call();
  } finally {
    counter.inflight--;
  }
}

const sqlOf = new WeakMap<object, string>();

function wrapStatement(statement: D1PreparedStatement, counter: Counter, rttMs: number, sql: string): D1PreparedStatement {
  const wrapped = new Proxy(statement, {
    get(target, prop) {
      if (prop === 'bind') return (...values: unknown[]) => wrapStatement(target.bind(...values), counter, rttMs, sql);
      if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
        const method = Reflect.get(target, prop) as (...a: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => roundTrip(counter, rttMs, () => method.apply(target, args), sql);
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  real.set(wrapped, statement);
  sqlOf.set(wrapped, sql);
  return wrapped;
}

/** A D1Database or a D1DatabaseSession, wrapped: its statements, batches and sessions all count. */
function wrapDb<T extends D1Database | D1DatabaseSession>(db: T, counter: Counter, rttMs: number): T {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), counter, rttMs, sql);
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          roundTrip(
            counter,
            rttMs,
            () => target.batch(statements.map((s) => real.get(s) ?? s)),
            `batch of ${statements.length}: ${statements.map((s) => (sqlOf.get(s) ?? '?').trim().slice(0, 30)).join(' | ')}`,
          );
      }
      if (prop === 'withSession') {
        return (constraint?: string) => wrapDb((target as D1Database).withSession(constraint), counter, rttMs);
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export default {
  async fetch(request: Request, env: Bindings & { D1_RTT_MS?: string; D1_TRACE?: string }, ctx: ExecutionContext): Promise<Response> {
    const counter: Counter = { trips: 0, calls: 0, inflight: 0, trace: env.D1_TRACE === '1' ? [] : undefined };
    const rttMs = Number(env.D1_RTT_MS ?? 0) || 0;
    const response = await app.fetch(request, { ...env, DB: wrapDb(env.DB, counter, rttMs) }, ctx);
    const counted = new Response(response.body, response);
    counted.headers.set('X-Bench-D1-Round-Trips', String(counter.trips));
    counted.headers.set('X-Bench-D1-Calls', String(counter.calls));
    if (counter.trace)
      console.log(`${request.method} ${new URL(request.url).pathname}: ${counter.trips} round trips\n  ${counter.trace.join('\n  ')}`);
    return counted;
  },
} satisfies ExportedHandler<Bindings & { D1_RTT_MS?: string; D1_TRACE?: string }>;
