// SQL for webhooks (migration 0015): hooks, and the outbox of their events. An event row is written by
// `webhookEventStatement`, a builder the change's own batch runs (accounts/webhooks.ts says why); the
// rest are reads and the delivery bookkeeping of the queue consumer and the cron.
import { afterCommit } from './batch';
import { noteEmittedEvents } from './webhook-sink';

export interface HookRow {
  id: number;
  scope: string;
  destination: string;
  is_active: number;
  events_history_enabled: number;
  headers: string;
  key_id: string;
  secret: string;
  failing_since: string | null;
  deactivated_reason: string | null;
  created_at: string;
  updated_at: string;
}

export type EventStatus = 'pending' | 'queued' | 'delivered' | 'failed';

export interface WebhookEventRow {
  id: number;
  event_id: string;
  hook_id: number;
  scope: string;
  data: string;
  created_at: string;
  status: EventStatus;
  attempts: number;
  last_response_code: number | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
}

const HOOK_COLUMNS =
  'id, scope, destination, is_active, events_history_enabled, headers, key_id, secret, failing_since, deactivated_reason, created_at, updated_at';
const EVENT_COLUMNS = 'id, event_id, hook_id, scope, data, created_at, status, attempts, last_response_code, last_attempt_at, delivered_at';

/**
 * The SQL condition "hook `h` listens to the scope in parameter ?n": the same scope, or a wildcard whose
 * prefix starts it (`store/customer/*` hears `store/customer/address/created`).
 */
const listensTo = (n: number) =>
  `(h.scope = ?${n} OR (h.scope LIKE '%/*' AND substr(?${n}, 1, length(h.scope) - 1) = substr(h.scope, 1, length(h.scope) - 1)))`;

/**
 * The records an event is about: SQL selecting their `id` column (and, with `extra`, an `extra` column of
 * JSON merged into each event's `data`), and its parameters (?1, ?2, …).
 */
export interface EventIds {
  sql: string;
  params: unknown[];
  extra?: boolean;
}

/** A record by id, only while it exists (so an event about a deletion goes before the DELETE). */
export const existingIds = (table: 'customers' | 'customer_addresses' | 'subscribers', id: number): EventIds => ({
  sql: `SELECT id FROM ${table} WHERE id = ?1`,
  params: [id],
});

/** The customer whose email this batch verified (its email_verified_at is exactly `now`). */
export const verifiedNowIds = (customerId: number, now: string): EventIds => ({
  sql: 'SELECT id FROM customers WHERE id = ?1 AND email_verified_at = ?2',
  params: [customerId, now],
});

/** The customer an order is linked to, with the order (`data.order.id`). */
export const orderLinkIds = (customerId: number, orderId: number): EventIds => ({
  sql: "SELECT id, json_object('order', json_object('id', ?2)) AS extra FROM customers WHERE id = ?1",
  params: [customerId, orderId],
  extra: true,
});

/** One per guest order of `email` a claim is about to attach to the customer (before the UPDATE). */
export const claimedOrderIds = (customerId: number, email: string): EventIds => ({
  sql: "SELECT ?1 AS id, json_object('order', json_object('id', o.id)) AS extra FROM orders o WHERE o.customer_id IS NULL AND o.anonymized = 0 AND o.email = ?2",
  params: [customerId, email],
  extra: true,
});

/** The subscriber record of this email. */
export const subscriberIdsByEmail = (email: string): EventIds => ({ sql: 'SELECT id FROM subscribers WHERE email = ?1', params: [email] });

/** The customer with this email (after the INSERT that creates it). */
export const customerIdsByEmail = (email: string): EventIds => ({ sql: 'SELECT id FROM customers WHERE email = ?1', params: [email] });

/** The address a batch just added to the customer's book (ids only grow; a batch is one transaction). */
export const newestAddressIds = (customerId: number): EventIds => ({
  sql: 'SELECT id FROM customer_addresses WHERE customer_id = ?1 ORDER BY id DESC LIMIT 1',
  params: [customerId],
});

/**
 * After an upsert of the subscriber with `email` stamped `now`: the subscriber if this upsert created it
 * (`created`: its date_created is `now`), or if it existed before (`!created`).
 */
export const upsertedSubscriberIds = (email: string, now: string, created: boolean): EventIds => ({
  sql: `SELECT id FROM subscribers WHERE email = ?1 AND date_created ${created ? '=' : '<>'} ?2`,
  params: [email, now],
});

export interface EventSubject {
  /** `customer` or `subscriber`: the payload's `data.type`. */
  type: string;
  /** The changed records, found by SQL in the change's own batch (ids known beforehand or not). */
  ids: EventIds;
  /** More of `data` (e.g. `{address: {customer_id}}`). */
  extra?: Record<string, unknown>;
}

/**
 * One event row per changed record and active hook that listens to `scope` (none when no hook does: a
 * store without hooks writes nothing), for the change's own batch. The new rows' ids go to the queue
 * after the batch commits (db/webhook-sink.ts).
 */
export function webhookEventStatement(db: D1Database, scope: string, subject: EventSubject, now: string): D1PreparedStatement {
  const n = subject.ids.params.length;
  const statement = db
    .prepare(
      `INSERT INTO webhook_events (event_id, hook_id, scope, data, created_at)
       SELECT 'msg_' || lower(hex(randomblob(16))), h.id, ?${n + 1},
              json_patch(json_patch(json_object('type', ?${n + 2}, 'id', m.id), ?${n + 3}), ${subject.ids.extra ? 'm.extra' : "'{}'"}), ?${n + 4}
       FROM (${subject.ids.sql}) m JOIN hooks h ON h.is_active = 1 AND ${listensTo(n + 1)}
       RETURNING id`,
    )
    .bind(...subject.ids.params, scope, subject.type, JSON.stringify(subject.extra ?? {}), now);
  return afterCommit(statement, (result) =>
    noteEmittedEvents(
      db,
      result.results.map((r) => (r as { id: number }).id),
    ),
  );
}

export async function listHooks(
  db: D1Database,
  filter: { is_active?: boolean; scope?: string; destination?: string },
  page: number,
  limit: number,
): Promise<{ rows: HookRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.is_active !== undefined) where.push(`is_active = ?${params.push(filter.is_active ? 1 : 0)}`);
  if (filter.scope !== undefined) where.push(`scope = ?${params.push(filter.scope)}`);
  if (filter.destination !== undefined) where.push(`destination = ?${params.push(filter.destination)}`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, count] = await db.batch<HookRow | { n: number }>([
    db
      .prepare(`SELECT ${HOOK_COLUMNS} FROM hooks ${clause} ORDER BY id LIMIT ?${params.length + 1} OFFSET ?${params.length + 2}`)
      .bind(...params, limit, (page - 1) * limit),
    db.prepare(`SELECT count(*) AS n FROM hooks ${clause}`).bind(...params),
  ]);
  return { rows: rows!.results as HookRow[], total: (count!.results[0] as { n: number }).n };
}

export function getHook(db: D1Database, id: number): Promise<HookRow | null> {
  return db.prepare(`SELECT ${HOOK_COLUMNS} FROM hooks WHERE id = ?1`).bind(id).first<HookRow>();
}

export interface NewHook {
  scope: string;
  destination: string;
  is_active: boolean;
  events_history_enabled: boolean;
  headers: Record<string, string>;
  key_id: string;
  secret: string;
}

export function insertHook(db: D1Database, hook: NewHook, now: string): Promise<HookRow | null> {
  return db
    .prepare(
      `INSERT INTO hooks (scope, destination, is_active, events_history_enabled, headers, key_id, secret, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING ${HOOK_COLUMNS}`,
    )
    .bind(
      hook.scope,
      hook.destination,
      hook.is_active ? 1 : 0,
      hook.events_history_enabled ? 1 : 0,
      JSON.stringify(hook.headers),
      hook.key_id,
      hook.secret,
      now,
    )
    .first<HookRow>();
}

export interface HookChange {
  scope?: string;
  destination?: string;
  is_active?: boolean;
  events_history_enabled?: boolean;
  headers?: Record<string, string>;
}

/** Updates the given fields; turning a hook on again forgets its failures (and why it was turned off). */
export function updateHook(db: D1Database, id: number, change: HookChange, now: string): Promise<HookRow | null> {
  const sets: string[] = [];
  const params: unknown[] = [id, now];
  const set = (column: string, value: unknown) => sets.push(`${column} = ?${params.push(value)}`);
  if (change.scope !== undefined) set('scope', change.scope);
  if (change.destination !== undefined) set('destination', change.destination);
  if (change.events_history_enabled !== undefined) set('events_history_enabled', change.events_history_enabled ? 1 : 0);
  if (change.headers !== undefined) set('headers', JSON.stringify(change.headers));
  if (change.is_active !== undefined) {
    set('is_active', change.is_active ? 1 : 0);
    if (change.is_active) sets.push('failing_since = NULL', 'deactivated_reason = NULL');
  }
  return db
    .prepare(`UPDATE hooks SET ${[...sets, 'updated_at = ?2'].join(', ')} WHERE id = ?1 RETURNING ${HOOK_COLUMNS}`)
    .bind(...params)
    .first<HookRow>();
}

export function deleteHook(db: D1Database, id: number): Promise<HookRow | null> {
  return db.prepare(`DELETE FROM hooks WHERE id = ?1 RETURNING ${HOOK_COLUMNS}`).bind(id).first<HookRow>();
}

export async function listWebhookEvents(
  db: D1Database,
  filter: { hook_id?: number; status?: EventStatus; scope?: string },
  page: number,
  limit: number,
): Promise<{ rows: WebhookEventRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.hook_id !== undefined) where.push(`hook_id = ?${params.push(filter.hook_id)}`);
  if (filter.status !== undefined) where.push(`status = ?${params.push(filter.status)}`);
  if (filter.scope !== undefined) where.push(`scope = ?${params.push(filter.scope)}`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, count] = await db.batch<WebhookEventRow | { n: number }>([
    db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM webhook_events ${clause} ORDER BY id DESC LIMIT ?${params.length + 1} OFFSET ?${params.length + 2}`)
      .bind(...params, limit, (page - 1) * limit),
    db.prepare(`SELECT count(*) AS n FROM webhook_events ${clause}`).bind(...params),
  ]);
  return { rows: rows!.results as WebhookEventRow[], total: (count!.results[0] as { n: number }).n };
}

export function getWebhookEvent(db: D1Database, id: number): Promise<WebhookEventRow | null> {
  return db.prepare(`SELECT ${EVENT_COLUMNS} FROM webhook_events WHERE id = ?1`).bind(id).first<WebhookEventRow>();
}

/** An event with its hook, for a delivery (null when either is gone). */
export function getDelivery(db: D1Database, eventId: number): Promise<(WebhookEventRow & { hook: string }) | null> {
  return db
    .prepare(
      `SELECT e.id, e.event_id, e.hook_id, e.scope, e.data, e.created_at, e.status, e.attempts, e.last_response_code,
              e.last_attempt_at, e.delivered_at,
              json_object('id', h.id, 'destination', h.destination, 'is_active', h.is_active, 'headers', h.headers,
                          'key_id', h.key_id, 'secret', h.secret, 'events_history_enabled', h.events_history_enabled) AS hook
       FROM webhook_events e JOIN hooks h ON h.id = e.hook_id WHERE e.id = ?1`,
    )
    .bind(eventId)
    .first();
}

/** Handed to the queue: only rows still pending (the cron and a request may both try; one wins). */
export function markQueuedStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db
    .prepare(`UPDATE webhook_events SET status = 'queued' WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids));
}

/**
 * A delivery that worked: the event is delivered (or forgotten, for a hook without events history) and
 * its hook's run of failures ends.
 */
export function deliveredStatements(
  db: D1Database,
  delivery: { eventId: number; hookId: number; code: number; keep: boolean },
  now: string,
): D1PreparedStatement[] {
  const { eventId, hookId, code } = delivery;
  return [
    delivery.keep
      ? db
          .prepare(
            `UPDATE webhook_events SET status = 'delivered', attempts = attempts + 1, last_response_code = ?2, last_attempt_at = ?3, delivered_at = ?3 WHERE id = ?1`,
          )
          .bind(eventId, code, now)
      : db.prepare('DELETE FROM webhook_events WHERE id = ?1').bind(eventId),
    db.prepare('UPDATE hooks SET failing_since = NULL WHERE id = ?1 AND failing_since IS NOT NULL').bind(hookId),
  ];
}

/**
 * A delivery that failed (`code` 0: no answer): the attempt is counted, the hook's run of failures
 * starts if it had none; `final` (the queue gave up) marks the event failed. A hook failing for
 * `deactivateAfterSeconds` is turned off.
 */
export function failedStatements(
  db: D1Database,
  delivery: { eventId: number; hookId: number; code: number; final: boolean },
  now: string,
  deactivateBefore: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE webhook_events SET attempts = attempts + 1, last_response_code = ?2, last_attempt_at = ?3,
           status = CASE WHEN ?4 THEN 'failed' ELSE status END WHERE id = ?1`,
      )
      .bind(delivery.eventId, delivery.code, now, delivery.final ? 1 : 0),
    db.prepare('UPDATE hooks SET failing_since = ?2 WHERE id = ?1 AND failing_since IS NULL').bind(delivery.hookId, now),
    db
      .prepare(
        `UPDATE hooks SET is_active = 0, updated_at = ?2,
           deactivated_reason = 'Deliveries failed for 48 hours (since ' || failing_since || ')'
         WHERE id = ?1 AND is_active = 1 AND failing_since <= ?3`,
      )
      .bind(delivery.hookId, now, deactivateBefore),
  ];
}

/**
 * Marks a failed or delivered event pending again (redeliver), answering it; null when there is no such
 * event or it is still on its way (pending or queued: it will be delivered anyway).
 */
export function redeliverEvent(db: D1Database, id: number): Promise<WebhookEventRow | null> {
  return db
    .prepare(`UPDATE webhook_events SET status = 'pending' WHERE id = ?1 AND status IN ('delivered', 'failed') RETURNING ${EVENT_COLUMNS}`)
    .bind(id)
    .first<WebhookEventRow>();
}

/** The queue gave up on an event (its dead-letter queue): failed, unless it was delivered meanwhile. */
export function markFailedStatement(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare(`UPDATE webhook_events SET status = 'failed' WHERE id = ?1 AND status IN ('pending', 'queued')`).bind(id);
}

/** Events committed but never handed to the queue (the worker stopped between the commit and the send). */
export async function strandedEventIds(db: D1Database, before: string, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(`SELECT id FROM webhook_events WHERE status = 'pending' AND created_at <= ?1 ORDER BY id LIMIT ?2`)
    .bind(before, limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Queued events with no attempt since `before` (longer than the whole retry chain): their message was
 * lost (the dead-letter consumer gave up, the queue was recreated). Marked failed, so the history and
 * the console stop showing them as on their way; a redeliver sends them again.
 */
export function failLostEventsStatement(db: D1Database, before: string): D1PreparedStatement {
  return db
    .prepare(`UPDATE webhook_events SET status = 'failed' WHERE status = 'queued' AND coalesce(last_attempt_at, created_at) < ?1`)
    .bind(before);
}

/** Events history is kept 30 days (whatever became of an event). */
export function purgeOldEventsStatement(db: D1Database, before: string): D1PreparedStatement {
  return db.prepare('DELETE FROM webhook_events WHERE created_at < ?1').bind(before);
}
