// One round trip for a check and the reads behind it. A signed-in shopper's read (their addresses, their
// orders) needs two things from D1: proof that the access token is still live (the live-shopper rows)
// and the data. Sent one after the other, that is two round trips, each crossing the distance between
// the worker (near the shopper) and D1's primary; here the data's reads ride in the check's batch.
//
// How: `read` runs against a stand-in for the database that holds back the D1 calls it makes at first
// (statements' all/first/run and batch()) instead of sending them. After a macrotask turn, when `read`
// has issued everything it issues before awaiting a result, the held-back statements go to D1 in one
// batch after `head`, and each call gets its own slice of the results. Calls `read` makes after that
// (reads that depend on earlier results) go to D1 directly, as usual.
//
// Only for reads: the held-back statements run before the caller has looked at `head`, so the caller
// must discard `value` when `head` says no (a stale token) — it must not have side effects.
type Held = { statements: D1PreparedStatement[]; settle: (results: D1Result[]) => void; fail: (err: unknown) => void };

const realStatement = new WeakMap<object, D1PreparedStatement>();

/**
 * Runs `head` and the reads `read` makes against the database in one batch.
 * @returns `head`'s results, and `value`: the promise of what `read` returns (inspect `head` first).
 * @example
 * const { head, value } = await withReadsAlong(db, liveShopperStatements(db, id, version), (db) => listAddressBook(db, id));
 */
export async function withReadsAlong<T>(
  db: D1Database,
  head: D1PreparedStatement[],
  read: (db: D1Database) => Promise<T>,
): Promise<{ head: D1Result[]; value: Promise<T> }> {
  const held: Held[] = [];
  let holding = true;
  const hold = (statements: D1PreparedStatement[]) =>
    new Promise<D1Result[]>((settle, fail) => held.push({ statements: statements.map((s) => realStatement.get(s) ?? s), settle, fail }));

  const wrapStatement = (statement: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        if (prop === 'bind') return (...values: unknown[]) => wrapStatement(target.bind(...values));
        if (holding && (prop === 'all' || prop === 'run')) return async () => (await hold([target]))[0];
        if (holding && prop === 'first') {
          return async (column?: string) => {
            const row = ((await hold([target]))[0]!.results[0] ?? null) as Record<string, unknown> | null;
            return column === undefined ? row : (row?.[column] ?? null);
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    realStatement.set(wrapped, statement);
    return wrapped;
  };

  const standIn = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => (holding ? hold(statements) : target.batch(statements.map((s) => realStatement.get(s) ?? s)));
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  const value = read(standIn);
  value.catch(() => {}); // the caller awaits it (or drops it when `head` says no): never an unhandled rejection
  await new Promise((resolve) => setTimeout(resolve, 0));
  holding = false;
  const statements = [...head, ...held.flatMap((h) => h.statements)];
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    for (const h of held) h.fail(err);
    throw err;
  }
  let at = head.length;
  for (const h of held) {
    h.settle(results.slice(at, at + h.statements.length));
    at += h.statements.length;
  }
  return { head: results.slice(0, head.length), value };
}
