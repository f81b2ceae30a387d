// accounts/subscribers.ts against real D1: the shopper's consents (an empty list unsubscribes; only a
// change goes on the timeline), guest sign-up that only ever adds, and the admin records (email unique
// in any case, a DELETE never without a filter).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  createSubscriber,
  deleteSubscribersMatching,
  getShopperConsents,
  setShopperConsents,
  subscribeGuest,
  updateSubscriber,
} from '../../../worker/src/accounts/subscribers';
import { uniqueEmail } from '../../helpers/api';
import { apiError, fieldCodes, newShopper, staff } from './records-fixtures';

async function consentEvents(customerId: number) {
  const { results } = await env.DB.prepare("SELECT detail FROM timeline_events WHERE customer_id = ?1 AND type = 'consents_changed' ORDER BY id")
    .bind(customerId)
    .all<{ detail: string }>();
  return results.map((r) => JSON.parse(r.detail));
}

describe('the shopper’s consents', () => {
  it('sets exactly the consents given, records only changes, and unsubscribes with an empty list', async () => {
    const shopper = await newShopper();
    expect(await getShopperConsents(env.DB, shopper)).toEqual([]);
    expect(await setShopperConsents(env.DB, shopper, ['marketing_newsletter', 'abandoned_cart', 'marketing_newsletter'], 1)).toEqual([
      'abandoned_cart',
      'marketing_newsletter',
    ]);
    await setShopperConsents(env.DB, shopper, ['marketing_newsletter', 'abandoned_cart'], 1);
    await setShopperConsents(env.DB, shopper, [], 1);
    expect(await getShopperConsents(env.DB, shopper)).toEqual([]);
    expect(await consentEvents(shopper.id)).toEqual([
      { from: [], to: ['abandoned_cart', 'marketing_newsletter'] },
      { from: ['abandoned_cart', 'marketing_newsletter'], to: [] },
    ]);
    const row = await env.DB.prepare('SELECT 1 FROM subscribers WHERE email = ?1').bind(shopper.email).first();
    expect(row).toBeNull();
  });

  it('lets a guest sign-up add consents but never remove them', async () => {
    const shopper = await newShopper();
    await setShopperConsents(env.DB, shopper, ['abandoned_cart'], 1);
    await subscribeGuest(env.DB, { email: shopper.email }, 1);
    expect(await getShopperConsents(env.DB, shopper)).toEqual(['abandoned_cart', 'marketing_newsletter']);
    await subscribeGuest(env.DB, { email: shopper.email, consents: ['abandoned_cart'] }, 1);
    expect(await getShopperConsents(env.DB, shopper)).toEqual(['abandoned_cart', 'marketing_newsletter']);
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
