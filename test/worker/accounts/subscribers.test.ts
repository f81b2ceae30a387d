// accounts/subscribers.ts against real D1: the shopper's consents (an empty list unsubscribes; only a
// change goes on the timeline; none without a verified email), guest sign-up that only ever adds
// (single opt-in, and double opt-in by a mailed link), and the admin records (email unique in any case,
// a DELETE never without a filter).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  confirmGuestSubscription,
  createSubscriber,
  deleteSubscribersMatching,
  getShopperConsents,
  requestGuestSubscription,
  setShopperConsents,
  subscribeGuest,
  updateSubscriber,
} from '../../../worker/src/accounts/subscribers';
import type { LiveShopper } from '../../../worker/src/env';
import { uniqueEmail } from '../../helpers/api';
import { mailsTo, markVerified } from '../../helpers/email-verified';
import { apiError, fieldCodes, newShopper, staff } from './records-fixtures';

/** A shopper whose email is verified (the fixture's sign-up leaves it unverified). */
async function verifiedShopper(): Promise<LiveShopper> {
  const shopper = await newShopper();
  await markVerified(shopper.id);
  return { ...shopper, emailVerified: true, profile: { ...shopper.profile, email_verified: true } };
}

async function consentEvents(customerId: number) {
  const { results } = await env.DB.prepare("SELECT detail FROM timeline_events WHERE customer_id = ?1 AND type = 'consents_changed' ORDER BY id")
    .bind(customerId)
    .all<{ detail: string }>();
  return results.map((r) => JSON.parse(r.detail));
}

describe('the shopper’s consents', () => {
  it('sets exactly the consents given, records only changes, and unsubscribes with an empty list', async () => {
    const shopper = await verifiedShopper();
    expect(await getShopperConsents(env.DB, shopper.id)).toEqual([]);
    expect(await setShopperConsents(env.DB, shopper, ['marketing_newsletter', 'abandoned_cart', 'marketing_newsletter'], 1)).toEqual([
      'abandoned_cart',
      'marketing_newsletter',
    ]);
    await setShopperConsents(env.DB, shopper, ['marketing_newsletter', 'abandoned_cart'], 1);
    await setShopperConsents(env.DB, shopper, [], 1);
    expect(await getShopperConsents(env.DB, shopper.id)).toEqual([]);
    expect(await consentEvents(shopper.id)).toEqual([
      { from: [], to: ['abandoned_cart', 'marketing_newsletter'] },
      { from: ['abandoned_cart', 'marketing_newsletter'], to: [] },
    ]);
    const row = await env.DB.prepare('SELECT 1 FROM subscribers WHERE email = ?1').bind(shopper.email).first();
    expect(row).toBeNull();
  });

  it('neither reads nor changes the subscriber record of an unverified email', async () => {
    const shopper = await newShopper();
    await subscribeGuest(env.DB, { email: shopper.email, consents: ['abandoned_cart'] }, 1);
    expect(shopper.emailVerified).toBe(false);
    expect(await getShopperConsents(env.DB, shopper.id)).toEqual([]);
    expect((await apiError(setShopperConsents(env.DB, shopper, [], 1))).code).toBe('email_unverified');
    await markVerified(shopper.id);
    expect(await getShopperConsents(env.DB, shopper.id)).toEqual(['abandoned_cart']);
  });

  it('lets a guest sign-up add consents but never remove them', async () => {
    const shopper = await verifiedShopper();
    await setShopperConsents(env.DB, shopper, ['abandoned_cart'], 1);
    await subscribeGuest(env.DB, { email: shopper.email }, 1);
    expect(await getShopperConsents(env.DB, shopper.id)).toEqual(['abandoned_cart', 'marketing_newsletter']);
    await subscribeGuest(env.DB, { email: shopper.email, consents: ['abandoned_cart'] }, 1);
    expect(await getShopperConsents(env.DB, shopper.id)).toEqual(['abandoned_cart', 'marketing_newsletter']);
  });
});

describe('guest sign-up', () => {
  const singleOptIn = { ...env, NEWSLETTER_DOUBLE_OPT_IN: 'false' };
  const rowOf = (email: string) => env.DB.prepare('SELECT consents FROM subscribers WHERE email = ?1').bind(email).first<{ consents: string }>();

  it('with double opt-in (the default) writes nothing before the link, and the link adds the consents once', async () => {
    const email = uniqueEmail('doi');
    const pending = await requestGuestSubscription(env, { email, consents: ['abandoned_cart'], locale: 'fr' }, 1, 'https://shop.test/account');
    expect(pending).not.toBeNull();
    await pending!.work;
    expect(await rowOf(email)).toBeNull();
    const [mail] = await mailsTo(email, 'newsletter_confirmation');
    expect(mail!.subject).toBe('Confirmez votre inscription à la newsletter');
    const token = /https:\/\/shop\.test\/account#confirm-subscription=([\w-]+)/.exec(mail!.text)![1]!;
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits, base64url
    await confirmGuestSubscription(env.DB, token);
    expect(await rowOf(email)).toEqual({ consents: '["abandoned_cart"]' });
    const used = await apiError(confirmGuestSubscription(env.DB, token));
    expect(used.code).toBe('subscription_token_invalid');
    expect(fieldCodes(used)).toEqual({ token: 'invalid_or_expired' });
  });

  it('puts a confirmation that grows a registered customer’s consents on their timeline', async () => {
    const shopper = await newShopper();
    await subscribeGuest(env.DB, { email: shopper.email, consents: ['abandoned_cart'] }, 1);
    const pending = await requestGuestSubscription(env, { email: shopper.email.toUpperCase() }, 1, 'https://shop.test/');
    await pending!.work;
    const [mail] = await mailsTo(shopper.email, 'newsletter_confirmation');
    await confirmGuestSubscription(env.DB, /#confirm-subscription=([\w-]+)/.exec(mail!.text)![1]!);
    expect(await rowOf(shopper.email)).toEqual({ consents: '["abandoned_cart","marketing_newsletter"]' });
    expect(await consentEvents(shopper.id)).toEqual([{ from: ['abandoned_cart'], to: ['abandoned_cart', 'marketing_newsletter'] }]);
  });

  it('with NEWSLETTER_DOUBLE_OPT_IN=false subscribes at once and mails nothing', async () => {
    const email = uniqueEmail('single');
    expect(await requestGuestSubscription(singleOptIn, { email }, 1, 'https://shop.test/')).toBeNull();
    expect(await rowOf(email)).toEqual({ consents: '["marketing_newsletter"]' });
    expect(await mailsTo(email, 'newsletter_confirmation')).toEqual([]);
  });
});

describe('admin subscriber records', () => {
  it('keeps emails unique in any case (409 email_taken with a field code)', async () => {
    const email = uniqueEmail('sub');
    const created = await createSubscriber(env.DB, { email }, staff);
    expect(created).toMatchObject({ email, source: 'custom', consents: ['marketing_newsletter'] });
    const taken = await apiError(createSubscriber(env.DB, { email: email.toUpperCase() }, staff));
    expect(taken.code).toBe('email_taken');
    expect(fieldCodes(taken)).toEqual({ email: 'email_taken' });
    const other = await createSubscriber(env.DB, { email: uniqueEmail('sub') }, staff);
    expect((await apiError(updateSubscriber(env.DB, other.id, undefined, { email }, staff))).code).toBe('email_taken');
    expect(fieldCodes(await apiError(updateSubscriber(env.DB, other.id, created.id, { first_name: 'X' }, staff)))).toEqual({ id: 'mismatch' });
  });

  it('never deletes without a filter', async () => {
    const err = await apiError(deleteSubscribersMatching(env.DB, {}, staff, ['email']));
    expect(err.code).toBe('filter_required');
    const email = uniqueEmail('sub');
    await createSubscriber(env.DB, { email }, staff);
    expect(await deleteSubscribersMatching(env.DB, { email }, staff, ['email'])).toBe(1);
  });
});
