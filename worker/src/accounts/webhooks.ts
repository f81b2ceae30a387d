// Webhooks (issue 16; docs/webhooks.md): the store's systems hear about every customer change, and none
// is lost.
// - The event row is written in the same D1 batch as the change (a transactional outbox: a failed write
//   emits nothing, a committed one cannot lose its event): `customerEvent()` & co. give the statement.
// - After the response the committed events go to a Cloudflare Queue (middleware/webhooks.ts →
//   `sendEvents`); the queue consumer (`deliverQueued`, the worker's `queue()` handler) POSTs each to
//   its hook's destination with an 8 s timeout, signed as Standard Webhooks sign (`webhook-id`,
//   `webhook-timestamp`, `webhook-signature`); a failure is retried with growing delays (30 s → 12 h,
//   about 50 hours in all), then the queue moves it to the dead-letter queue, whose consumer marks it
//   failed. A hook failing for 48 hours is turned off.
// - A cron trigger every minute (`sweepWebhooks`) re-sends events that were committed but never reached
//   the queue (the worker stopped between the commit and the send) and drops history older than 30 days.
// Delivery is at least once: a receiver de-duplicates by `webhook-id`.
import { decryptClientSecret, encryptClientSecret } from '../auth/app-secrets';
import { runBatch } from '../db/batch';
import {
  deliveredStatements,
  type EventIds,
  failedStatements,
  getDelivery,
  type HookRow,
  markFailedStatement,
  markQueuedStatement,
  failLostEventsStatement,
  purgeOldEventsStatement,
  strandedEventIds,
  webhookEventStatement,
} from '../db/webhooks';
import type { Bindings } from '../env';
import { base64url } from '../shared/base64url';
import { addSeconds, isoNow } from '../time';

/** Every event a hook can listen to (docs/webhooks.md "Scopes" documents each). */
export const WEBHOOK_SCOPES = [
  'store/customer/created',
  'store/customer/updated',
  'store/customer/deleted',
  'store/customer/address/created',
  'store/customer/address/updated',
  'store/customer/address/deleted',
  'store/customer/email_verified',
  'store/customer/order_linked',
  'store/subscriber/created',
  'store/subscriber/updated',
  'store/subscriber/deleted',
] as const;
export type WebhookScope = (typeof WEBHOOK_SCOPES)[number];

/** A scope or a wildcard (`store/customer/*`, `store/customer/address/*`, `store/subscriber/*`) that covers at least one scope. */
export function isHookScope(scope: string): boolean {
  if ((WEBHOOK_SCOPES as readonly string[]).includes(scope)) return true;
  if (!scope.endsWith('/*')) return false;
  const prefix = scope.slice(0, -1);
  return prefix.startsWith('store/') && WEBHOOK_SCOPES.some((s) => s.startsWith(prefix));
}

/** The delays between attempts (Queues' `retry({delaySeconds})`, at most 12 h each): 30 s → 12 h, about 50 hours in all. */
export const RETRY_DELAYS = [30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 43200, 43200];
/**
 * The delays in use: RETRY_DELAYS, or in local runs (ENVIRONMENT local or test) WEBHOOK_RETRY_DELAYS
 * ("1,2,3" seconds), so an end-to-end test need not wait half a minute for a receiver that came back.
 */
function retryDelays(env: Bindings): number[] {
  const local = env.ENVIRONMENT === 'local' || env.ENVIRONMENT === 'test';
  const given = local ? env.WEBHOOK_RETRY_DELAYS?.split(',').map(Number) : undefined;
  return given?.length && given.every((d) => Number.isInteger(d) && d >= 0 && d <= 43200) ? given : RETRY_DELAYS;
}

/** A hook whose deliveries have failed this long (and none worked since) is turned off. */
export const DEACTIVATE_AFTER_SECONDS = 48 * 3600;
/** How long a receiver may take to answer. */
export const DELIVERY_TIMEOUT_MS = 8000;
/** A queued event without an attempt for this long has lost its message (RETRY_DELAYS are at most 12 h apart). */
export const LOST_AFTER_SECONDS = 24 * 3600;
/** Events history is kept this long. */
export const HISTORY_DAYS = 30;
/** An event still pending this long after its commit never reached the queue: the cron sends it. */
export const STRANDED_AFTER_SECONDS = 60;

/** What the queue carries: the event row's id (the payload is built at delivery from D1). */
export interface WebhookMessage {
  id: number;
}

// ---- Emitting: the statement for the change's own batch

/** The event of a change to customers (`ids`: db/webhooks.ts builds them). */
export function customerEvent(db: D1Database, scope: WebhookScope, ids: EventIds, now = isoNow()): D1PreparedStatement {
  return webhookEventStatement(db, scope, { type: 'customer', ids }, now);
}

/** The event of a change to an address: `data` is `{type: 'customer', id: <address id>, address: {customer_id}}`, as BigCommerce sends it. */
export function addressEvent(db: D1Database, scope: WebhookScope, ids: EventIds, customerId: number, now = isoNow()): D1PreparedStatement {
  return webhookEventStatement(db, scope, { type: 'customer', ids, extra: { address: { customer_id: customerId } } }, now);
}

/** The event of a change to newsletter subscribers. */
export function subscriberEvent(db: D1Database, scope: WebhookScope, ids: EventIds, now = isoNow()): D1PreparedStatement {
  return webhookEventStatement(db, scope, { type: 'subscriber', ids }, now);
}

// ---- Secrets and signatures (Standard Webhooks, https://www.standardwebhooks.com/)

/** A new signing secret: `whsec_` + 32 random bytes, base64 (the Standard Webhooks form). */
export function newHookSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
}

/** A hook's secret is stored encrypted, bound to the hook's random key id. */
export const newKeyId = () => base64url(crypto.getRandomValues(new Uint8Array(16)));
export const encryptHookSecret = (env: Bindings, keyId: string, secret: string) => encryptClientSecret(env, `webhook:${keyId}`, secret);
const decryptHookSecret = (env: Bindings, keyId: string, stored: string) => decryptClientSecret(env, `webhook:${keyId}`, stored);

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the secret's key bytes (the base64 after `whsec_`). */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const keyBytes = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The body BigCommerce sends: `{scope, store_id, producer, hash, created_at, data}` (ids only, no personal data). */
export async function webhookPayload(env: Bindings, event: { scope: string; data: string; created_at: string }): Promise<string> {
  const data = JSON.parse(event.data) as Record<string, unknown>;
  return JSON.stringify({
    scope: event.scope,
    store_id: env.STORE_HASH,
    producer: `stores/${env.STORE_HASH}`,
    hash: await sha1Hex(JSON.stringify(data)),
    created_at: Math.floor(Date.parse(event.created_at) / 1000),
    data,
  });
}

// ---- Sending to the queue

/** Hands committed events to the queue and marks them queued; a failure leaves them pending for the cron. */
export async function sendEvents(env: Bindings, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  if (!env.WEBHOOKS) {
    console.error('webhooks: no WEBHOOKS queue binding; the events stay pending');
    return;
  }
  try {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      await env.WEBHOOKS.sendBatch(chunk.map((id) => ({ body: { id } satisfies WebhookMessage, contentType: 'json' as const })));
      await markQueuedStatement(env.DB, chunk).run();
    }
  } catch (err) {
    console.error('webhooks: could not enqueue; the cron will retry', err instanceof Error ? err.message : err);
  }
}

// ---- Delivering (the queue consumer)

interface DeliveryHook {
  id: number;
  destination: string;
  is_active: number;
  headers: string;
  key_id: string;
  secret: string;
  events_history_enabled: number;
}

type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;
const globalFetch: WebhookFetch = (url, init) => fetch(url, init);
let webhookFetch = globalFetch;

/**
 * Routes deliveries through `fetchFn`; tests use it to reach the receiver they run in-process (the real
 * HTTP exchange, without a socket). Without an argument, back to the global fetch.
 */
export function setWebhookFetch(fetchFn?: WebhookFetch): void {
  webhookFetch = fetchFn ?? globalFetch;
}

/** POSTs one event to its hook; the receiver's status (0: no answer in time, or unreachable). */
async function post(
  env: Bindings,
  hook: DeliveryHook,
  event: { event_id: string; scope: string; data: string; created_at: string },
): Promise<number> {
  // Everything inside: a secret that no longer decrypts (APP_SECRETS_KEY rotated) is a failed delivery
  // like an unreachable receiver, counted and retried, and it turns the hook off after 48 hours.
  try {
    const body = await webhookPayload(env, event);
    const timestamp = Math.floor(Date.now() / 1000);
    const secret = await decryptHookSecret(env, hook.key_id, hook.secret);
    const headers = new Headers(JSON.parse(hook.headers) as Record<string, string>);
    headers.set('Content-Type', 'application/json');
    headers.set('User-Agent', 'StorefrontAccounts-Webhooks/1');
    headers.set('webhook-id', event.event_id);
    headers.set('webhook-timestamp', String(timestamp));
    headers.set('webhook-signature', await signWebhook(secret, event.event_id, timestamp, body));
    const res = await webhookFetch(hook.destination, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

/** What the consumer does with one message: acknowledge it, or retry it after `delaySeconds`. */
export type Outcome = { ack: true } | { ack: false; delaySeconds: number };

/**
 * Delivers one queued event (`attempt` counts from 1, Queues' `message.attempts`). Delivered, gone, or
 * its hook off or deleted: acknowledged. A 2xx is success; anything else is retried with the next
 * delay; after the last the queue sends the message to the dead-letter queue (`failDeadLetter`).
 */
export async function deliverQueued(env: Bindings, message: WebhookMessage, attempt: number): Promise<Outcome> {
  const row = await getDelivery(env.DB, message.id);
  if (!row || row.status === 'delivered' || row.status === 'failed') return { ack: true };
  const hook = JSON.parse(row.hook) as DeliveryHook;
  const now = isoNow();
  if (!hook.is_active) {
    await runBatch(env.DB, failedStatements(env.DB, { eventId: row.id, hookId: hook.id, code: 0, final: true }, now, deactivateBefore(now)));
    return { ack: true };
  }
  const code = await post(env, hook, row);
  const at = isoNow();
  if (code >= 200 && code < 300) {
    await runBatch(env.DB, deliveredStatements(env.DB, { eventId: row.id, hookId: hook.id, code, keep: hook.events_history_enabled !== 0 }, at));
    return { ack: true };
  }
  await runBatch(env.DB, failedStatements(env.DB, { eventId: row.id, hookId: hook.id, code, final: false }, at, deactivateBefore(at)));
  const delays = retryDelays(env);
  return { ack: false, delaySeconds: delays[Math.min(attempt - 1, delays.length - 1)]! };
}

const deactivateBefore = (now: string) => addSeconds(now, -DEACTIVATE_AFTER_SECONDS);

/** A message the queue gave up on (the dead-letter queue's consumer): the event is failed. */
export async function failDeadLetter(env: Bindings, message: WebhookMessage): Promise<void> {
  await markFailedStatement(env.DB, message.id).run();
}

// ---- The cron

/** Re-sends events that never reached the queue and drops history older than 30 days. */
export async function sweepWebhooks(env: Bindings, now = isoNow()): Promise<{ resent: number }> {
  const ids = await strandedEventIds(env.DB, addSeconds(now, -STRANDED_AFTER_SECONDS), 500);
  await sendEvents(env, ids);
  // The last retry comes at most 12 h after the previous attempt: a day without one means the message is gone.
  await runBatch(env.DB, [
    failLostEventsStatement(env.DB, addSeconds(now, -LOST_AFTER_SECONDS)),
    purgeOldEventsStatement(env.DB, addSeconds(now, -HISTORY_DAYS * 86400)),
  ]);
  return { resent: ids.length };
}

export type { HookRow };
