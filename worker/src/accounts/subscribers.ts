// Newsletter subscribers and consents: the consents a subscriber record can hold, the signed-in
// shopper's own consents (storefront), guest sign-up (double opt-in by default), and the admin API's
// Subscribers V3 records. A subscriber record is keyed by email; a registered customer's consent
// changes also go on their timeline, in the same batch as the change. An email grants nothing until it
// is proven (DESIGN.md §3): a shopper with an unverified email neither reads nor changes the subscriber
// record of that email, and a guest's sign-up creates none until the link mailed to it is opened.
import { randomToken, sha256Hex } from '../auth/crypto';
import { runBatch } from '../db/batch';
import type { ListResult } from '../db/list';
import { getExistingOrderIds } from '../db/orders';
import type { Paging } from '../db/sql';
import {
  confirmedSubscriberIds,
  confirmNewsletterStatements,
  consentsChangedEventStatement,
  deleteExpiredNewsletterConfirmationsStatement,
  deleteSubscriberByEmailStatement,
  deleteSubscribersWhereStatements,
  deleteSubscriberStatement,
  findConsentsOfEmail,
  findConsentsOfVerifiedCustomer,
  findSubscriberIdByEmail,
  getSubscriberById,
  hasSubscriberFilter,
  insertNewsletterConfirmationStatement,
  insertSubscriberStatement,
  listSubscribers,
  matchingSubscriberIds,
  type SubscriberFields,
  type SubscriberFilter,
  type SubscriberRow,
  updateSubscriberStatement,
  upsertSubscriberStatement,
} from '../db/subscribers';
import { type Actor, customerIdRef, insertTimelineEventStatement } from '../db/timeline';
import { existingIds, subscriberIdsByEmail, upsertedSubscriberIds } from '../db/webhooks';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError } from '../errors';
import { mailerFor } from '../mail/mailer';
import { type Locale, newsletterConfirmationMail } from '../mail/templates';
import { addSeconds, isoNow } from '../time';
import { SHOPPER_WRITE, shopperActor } from './shoppers';
import { subscriberEvent } from './webhooks';
import { storeSettings } from './settings';

export const CONSENTS = ['marketing_newsletter', 'abandoned_cart'] as const;
export type Consent = (typeof CONSENTS)[number];

/** Consents stored once each and in one order, so equal sets compare equal. */
export function normalizeConsents(list: readonly Consent[]): Consent[] {
  return [...new Set(list)].sort();
}

const sameConsents = (a: readonly Consent[], b: readonly Consent[]) => JSON.stringify(normalizeConsents(a)) === JSON.stringify(normalizeConsents(b));

/** The email's consents, and whether it has a subscriber record at all (an unsubscribed one has `[]`). */
async function subscriptionOf(db: D1Database, email: string): Promise<{ consents: Consent[]; exists: boolean }> {
  const stored = await findConsentsOfEmail(db, email);
  return { consents: stored ? (JSON.parse(stored) as Consent[]) : [], exists: stored !== null };
}

// ---- The shopper's own consents and guest sign-up (storefront) ----

/**
 * The shopper's consents: those of the subscriber record of their email, once the email is verified.
 * Before that, none: the record may be a guest's (whoever signs up with an address must not read it).
 */
export async function getShopperConsents(db: D1Database, customerId: number): Promise<Consent[]> {
  const stored = await findConsentsOfVerifiedCustomer(db, customerId);
  return stored ? (JSON.parse(stored) as Consent[]) : [];
}

/**
 * Sets the shopper's consents to exactly `wanted`; an empty list unsubscribes (the subscriber record
 * goes). A change goes on the timeline. Changing consent changes nothing else about the account.
 * Only with a verified email (403 `email_unverified`): it subscribes or unsubscribes that address.
 */
export async function setShopperConsents(db: D1Database, shopper: LiveShopper, wanted: readonly Consent[], channelId: number): Promise<Consent[]> {
  if (!shopper.emailVerified) throw new ApiError('email_unverified');
  const next = normalizeConsents(wanted);
  const { consents: before, exists } = await subscriptionOf(db, shopper.email);
  const now = isoNow();
  const changed = !sameConsents(before, next);
  const statements = next.length
    ? [
        upsertSubscriberStatement(
          db,
          {
            email: shopper.email,
            first_name: shopper.profile.first_name,
            last_name: shopper.profile.last_name,
            source: 'storefront',
            channel_id: channelId,
            consents: next,
          },
          now,
        ),
        ...(changed ? upsertEvents(db, shopper.email, now, exists) : []),
      ]
    : [
        subscriberEvent(db, 'store/subscriber/deleted', subscriberIdsByEmail(shopper.email), now),
        deleteSubscriberByEmailStatement(db, shopper.email),
      ];
  if (!sameConsents(before, next)) {
    statements.push(
      insertTimelineEventStatement(db, customerIdRef(shopper.id), 'consents_changed', shopperActor(shopper), { from: before, to: next }),
    );
  }
  await runBatch(db, statements, SHOPPER_WRITE);
  return next;
}

/**
 * The event of an upsert of `email`'s subscriber record stamped `now`, to run after it. `existed`: what
 * the caller read just before (created or updated, exactly). Without that read (sign-up's consents) the
 * record's `date_created` tells: `now` means this upsert made it — one that another write made in the
 * same second would also read as created, a race we accept rather than a read more on sign-up.
 */
export function upsertEvents(db: D1Database, email: string, now: string, existed?: boolean): D1PreparedStatement[] {
  if (existed !== undefined) {
    return [subscriberEvent(db, existed ? 'store/subscriber/updated' : 'store/subscriber/created', subscriberIdsByEmail(email), now)];
  }
  return [
    subscriberEvent(db, 'store/subscriber/created', upsertedSubscriberIds(email, now, true), now),
    subscriberEvent(db, 'store/subscriber/updated', upsertedSubscriberIds(email, now, false), now),
  ];
}

export interface GuestSignUp {
  email: string;
  first_name?: string;
  last_name?: string;
  consents?: readonly Consent[];
  locale?: Locale;
}

/** What a guest sign-up subscribes to when it names nothing: the newsletter. */
const guestConsents = (guest: GuestSignUp): Consent[] => normalizeConsents(guest.consents?.length ? guest.consents : ['marketing_newsletter']);

/**
 * Single opt-in (policy NEWSLETTER_DOUBLE_OPT_IN = "false"): the subscriber record at once. Only ever
 * adds consents, so a stranger typing someone's email can neither learn whether it is subscribed nor
 * unsubscribe it. The caller answers the same whatever happened.
 */
export async function subscribeGuest(db: D1Database, guest: GuestSignUp, channelId: number): Promise<void> {
  const { consents: had, exists } = await subscriptionOf(db, guest.email);
  const merged = normalizeConsents([...had, ...guestConsents(guest)]);
  const now = isoNow();
  await runBatch(db, [
    upsertSubscriberStatement(
      db,
      {
        email: guest.email,
        first_name: guest.first_name,
        last_name: guest.last_name,
        source: 'storefront',
        channel_id: channelId,
        consents: merged,
      },
      now,
    ),
    ...(sameConsents(had, merged) && exists ? [] : upsertEvents(db, guest.email, now, exists)),
  ]);
}

/**
 * Whether guest sign-ups of `channelId` wait for the mailed link: setting
 * `storefront_accounts.newsletter_double_opt_in`, default NEWSLETTER_DOUBLE_OPT_IN (anything but "false" is on).
 */
export const doubleOptIn = async (env: Bindings, channelId: number): Promise<boolean> =>
  (await storeSettings(env, channelId)).storefront_accounts.newsletter_double_opt_in;

const CONFIRMATION_TTL_DAYS = 7;
/**
 * Confirmation mails per email (3 an hour, 10 a day): anyone may type anyone's address, so without a
 * cap the form would be a way to flood a mailbox. Over the cap nothing is stored or sent, silently:
 * the answer is the same 202.
 */
export const CONFIRMATION_LIMITS = { perHour: 3, perDay: 10 };

/**
 * A guest newsletter sign-up. With double opt-in (the default) nothing about the subscriber record is
 * read or written now: a pending sign-up is stored (the token only hashed, single use, 7 days) and a
 * link carrying the token is mailed; `confirmGuestSubscription` makes the record. Both happen in the
 * returned `work`, for the caller to finish after the response (waitUntil), so neither the answer nor
 * its timing says anything about the address. The promise travels inside an object on purpose: an
 * async function returning a bare promise would adopt it, and the caller would wait for the mail.
 * With single opt-in the record is written before this returns, and there is no work left.
 */
export async function requestGuestSubscription(
  env: Bindings,
  guest: GuestSignUp,
  channelId: number,
  accountUrl: string,
): Promise<{ work: Promise<void> } | null> {
  if (!(await doubleOptIn(env, channelId))) {
    await subscribeGuest(env.DB, guest, channelId);
    return null;
  }
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const work = (async () => {
    const now = isoNow();
    const [stored] = await runBatch<{ id: number }>(env.DB, [
      insertNewsletterConfirmationStatement(
        env.DB,
        {
          tokenHash,
          email: guest.email,
          first_name: guest.first_name ?? '',
          last_name: guest.last_name ?? '',
          consents: guestConsents(guest),
          channel_id: channelId,
          expiresAt: addSeconds(now, CONFIRMATION_TTL_DAYS * 86_400),
        },
        CONFIRMATION_LIMITS,
        now,
      ),
      deleteExpiredNewsletterConfirmationsStatement(env.DB, now),
    ]);
    if (!stored!.results.length) return; // over the per-email cap: nothing to send
    const mail = newsletterConfirmationMail(guest.locale ?? 'en', {
      link: `${accountUrl}#confirm-subscription=${token}`,
      days: CONFIRMATION_TTL_DAYS,
    });
    await mailerFor(env).send({ to: guest.email, kind: 'newsletter_confirmation', ...mail });
  })().catch((err: unknown) => {
    console.error('newsletter confirmation failed', err instanceof Error ? err.message : err);
  });
  return { work };
}

/**
 * Opens a confirmation link: the subscriber record of its email is created (source `storefront`) or
 * given the confirmed consents (added to what it had), once. An unknown, used or expired token is
 * 422 `subscription_token_invalid` (field `token`, `invalid_or_expired`), one answer for all.
 */
export async function confirmGuestSubscription(db: D1Database, token: string): Promise<void> {
  const tokenHash = await sha256Hex(token);
  const now = isoNow();
  const [taken] = await runBatch(db, [
    ...confirmNewsletterStatements(db, tokenHash, now),
    subscriberEvent(db, 'store/subscriber/created', confirmedSubscriberIds(tokenHash, now, true), now),
    subscriberEvent(db, 'store/subscriber/updated', confirmedSubscriberIds(tokenHash, now, false), now),
  ]);
  if (!taken!.results.length) {
    throw new ApiError('subscription_token_invalid', {
      errors: { token: fieldError('invalid_or_expired', 'This confirmation link is invalid or has expired') },
    });
  }
}

// ---- The admin API (/v3/customers/subscribers) ----

/** BigCommerce's subscriber_Full. */
export function toSubscriber(row: SubscriberRow) {
  return {
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    source: row.source,
    order_id: row.order_id,
    channel_id: row.channel_id,
    consents: JSON.parse(row.consents) as Consent[],
    date_modified: row.date_modified,
    date_created: row.date_created,
  };
}
export type Subscriber = ReturnType<typeof toSubscriber>;

const subscriberNotFound = () => new ApiError('subscriber_not_found');
const emailTaken = () => new ApiError('email_taken', { errors: { email: fieldError('email_taken', 'A subscriber with this email already exists') } });

async function checkOrder(db: D1Database, orderId: number | null | undefined) {
  if (orderId != null && !(await getExistingOrderIds(db, [orderId])).has(orderId)) {
    throw new ApiError('validation_failed', { errors: { order_id: fieldError('not_found', `Order ${orderId} does not exist`) } });
  }
}

async function checkEmailFree(db: D1Database, email: string, exceptId?: number) {
  if ((await findSubscriberIdByEmail(db, email, exceptId)) !== null) throw emailTaken();
}

export function listSubscriberPage(db: D1Database, filter: SubscriberFilter, paging: Paging): Promise<ListResult<SubscriberRow>> {
  return listSubscribers(db, filter, paging);
}

export async function getSubscriber(db: D1Database, id: number): Promise<Subscriber> {
  const row = await getSubscriberById(db, id);
  if (!row) throw subscriberNotFound();
  return toSubscriber(row);
}

export type SubscriberInput = Partial<Omit<SubscriberFields, 'consents'>> & { email: string; consents?: Consent[] };

/** Creates one subscriber; its email must be free (any case) and its order, if named, must exist. */
export async function createSubscriber(db: D1Database, input: SubscriberInput, actor: Actor): Promise<Subscriber> {
  await checkOrder(db, input.order_id);
  await checkEmailFree(db, input.email);
  const subscriber: SubscriberFields = {
    email: input.email,
    first_name: input.first_name ?? '',
    last_name: input.last_name ?? '',
    // Created through the API: BigCommerce's `custom` source unless the caller says otherwise.
    source: input.source ?? 'custom',
    order_id: input.order_id ?? null,
    channel_id: input.channel_id ?? 1,
    // A subscriber record exists to receive the newsletter; an explicit [] records an unsubscribed one.
    consents: normalizeConsents(input.consents ?? ['marketing_newsletter']),
  };
  const statements = [
    insertSubscriberStatement(db, subscriber),
    subscriberEvent(db, 'store/subscriber/created', subscriberIdsByEmail(subscriber.email)),
  ];
  if (subscriber.consents.length) statements.push(consentsChangedEventStatement(db, subscriber.email, actor, [], subscriber.consents));
  // A concurrent request took the email between our check and the write.
  const [inserted] = await runBatch<{ id: number }>(db, statements, { unique: emailTaken });
  return getSubscriber(db, inserted!.results[0]!.id);
}

/**
 * Changes one subscriber. `bodyId` (read-only, accepted so a client can send back what it read) must
 * name this subscriber. Consents follow the email: a new email moves them, on the timeline, from the
 * old email's customer to the new one's.
 */
export async function updateSubscriber(
  db: D1Database,
  id: number,
  bodyId: number | undefined,
  change: Partial<Omit<SubscriberFields, 'consents'>> & { consents?: Consent[] },
  actor: Actor,
): Promise<Subscriber> {
  const before = await getSubscriber(db, id);
  if (bodyId !== undefined && bodyId !== id) {
    throw new ApiError('validation_failed', { errors: { id: fieldError('mismatch', `Does not match subscriber ${id} in the path`) } });
  }
  if (!Object.keys(change).length) return before;
  await checkOrder(db, change.order_id);
  if (change.email !== undefined) await checkEmailFree(db, change.email, id);

  const after = { ...before, ...change, consents: change.consents ? normalizeConsents(change.consents) : before.consents };
  const statements = [subscriberEvent(db, 'store/subscriber/updated', existingIds('subscribers', id)), updateSubscriberStatement(db, id, after)];
  const sameEmail = before.email.toLowerCase() === after.email.toLowerCase();
  const oldTo = sameEmail ? after.consents : [];
  if (!sameConsents(before.consents, oldTo)) statements.push(consentsChangedEventStatement(db, before.email, actor, before.consents, oldTo));
  if (!sameEmail && after.consents.length) statements.push(consentsChangedEventStatement(db, after.email, actor, [], after.consents));
  await runBatch(db, statements, { unique: emailTaken });
  return getSubscriber(db, id);
}

export async function deleteSubscriber(db: D1Database, id: number, actor: Actor): Promise<void> {
  const row = await getSubscriber(db, id);
  const statements = [subscriberEvent(db, 'store/subscriber/deleted', existingIds('subscribers', row.id)), deleteSubscriberStatement(db, row.id)];
  if (row.consents.length) statements.push(consentsChangedEventStatement(db, row.email, actor, row.consents, []));
  await runBatch(db, statements);
}

/**
 * Deletes the subscribers matching `filter`, never all: BigCommerce deletes every subscriber of the
 * store when no filter is given; we refuse (422 `filter_required`). Answers how many went.
 */
export async function deleteSubscribersMatching(
  db: D1Database,
  filter: SubscriberFilter,
  actor: Actor,
  filterNames: readonly string[],
): Promise<number> {
  if (!hasSubscriberFilter(filter)) {
    throw new ApiError('filter_required', {
      detail: 'A DELETE without a filter deletes nothing here (BigCommerce would delete every subscriber).',
      errors: { filter: fieldError('required', `Give at least one of: ${filterNames.join(', ')}`) },
    });
  }
  const results = await runBatch(db, [
    subscriberEvent(db, 'store/subscriber/deleted', matchingSubscriberIds(filter)),
    ...deleteSubscribersWhereStatements(db, filter, actor),
  ]);
  return results[results.length - 1]!.meta.changes;
}
