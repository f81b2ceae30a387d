// Running writes: every multi-statement write goes through runBatch, one D1 batch (one transaction,
// one round trip). D1 reports constraint violations only as message text; this is the one place that
// reads it and turns a lost race into a domain error, so no caller matches error strings.
import { ApiError } from '../errors';

/** What a constraint violation means for this batch; defaults: a 409 `concurrent_change`, a 422 `reference_gone`. */
export interface ConstraintErrors {
  /** A UNIQUE index refused a row: a concurrent write got there first (or the value is taken). */
  unique?: () => Error;
  /** A FOREIGN KEY refused a row: a referenced record was deleted between our check and the write. */
  foreignKey?: () => Error;
  /**
   * A NOT NULL column refused NULL: a guard inside the statement failed on purpose (a per-store or
   * per-customer limit re-checked in the INSERT turns the value into NULL, so the limit holds against a
   * concurrent request too). Without this option it is rethrown (a NULL there is a bug, not a race).
   */
  notNull?: () => ApiError;
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/i.test(err.message);
}

function isNotNullViolation(err: unknown): boolean {
  return err instanceof Error && /NOT NULL constraint failed/i.test(err.message);
}

function isForeignKeyViolation(err: unknown): boolean {
  return err instanceof Error && /FOREIGN KEY constraint failed/i.test(err.message);
}

const commitHooks = new WeakMap<D1PreparedStatement, (result: D1Result) => void>();

/**
 * Calls `then` with the statement's result once a `runBatch` holding it has committed (never when the
 * batch fails). How a statement's author learns what was written without every caller passing it on:
 * webhook events (db/webhooks.ts) are sent to the queue after the response this way.
 */
export function afterCommit(statement: D1PreparedStatement, then: (result: D1Result) => void): D1PreparedStatement {
  commitHooks.set(statement, then);
  return statement;
}

/**
 * Runs `statements` as one batch: all or nothing. A constraint violation becomes the ApiError of
 * `errors` (nothing was written); anything else is rethrown.
 * @example await runBatch(db, insertCustomerStatements(db, items, actor), { unique: () => new ApiError('email_taken') })
 */
export async function runBatch<T = Record<string, unknown>>(
  db: D1Database,
  statements: D1PreparedStatement[],
  errors: ConstraintErrors = {},
): Promise<D1Result<T>[]> {
  if (!statements.length) return [];
  try {
    const results = await db.batch<T>(statements);
    statements.forEach((s, i) => commitHooks.get(s)?.(results[i]!));
    return results;
  } catch (err) {
    if (isUniqueViolation(err)) throw (errors.unique ?? (() => new ApiError('concurrent_change')))();
    if (isForeignKeyViolation(err)) throw (errors.foreignKey ?? (() => new ApiError('reference_gone')))();
    if (errors.notNull && isNotNullViolation(err)) throw errors.notNull();
    throw err;
  }
}

/** The first row of one statement's result in a batch (a RETURNING write or a read), or null. */
export function firstRow<T>(result: D1Result | undefined): T | null {
  return (result?.results[0] as T | undefined) ?? null;
}
