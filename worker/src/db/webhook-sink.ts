// The webhook events each request's D1 session committed (db/webhooks.ts notes them after the batch;
// middleware/webhooks.ts takes them after the response). Its own small module: the middleware runs on
// every request and must not load the webhook code at start-up.

/** Keyed by D1 session: every request has its own (middleware/d1-session.ts). */
const emitted = new WeakMap<D1Database, number[]>();

export function noteEmittedEvents(db: D1Database, ids: readonly number[]): void {
  if (ids.length) emitted.set(db, [...(emitted.get(db) ?? []), ...ids]);
}

/** The ids of the events this D1 session committed since the last call. */
export function takeEmittedEvents(db: D1Database): number[] {
  const ids = emitted.get(db) ?? [];
  emitted.delete(db);
  return ids;
}
