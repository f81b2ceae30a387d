// accounts/orders.ts and accounts/order-claims.ts against real D1: recording orders (amounts checked
// against the currency, a customer's contact details copied), linking, the summary, and claiming guest
// orders: at once with a verified email, by a mailed code otherwise (a wrong code is 422
// claim_code_invalid / invalid_or_expired; the code is bound to the email it went to; codes are limited
// per email).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_CODE_LIMITS,
  claimVerified,
  confirmClaimCode,
  MAX_CLAIM_ATTEMPTS,
  sendClaimCode,
  startClaim,
} from '../../../worker/src/accounts/order-claims';
import {
  createOrders,
  getOrderSummary,
  getShopperOrder,
  linkOrder,
  listShopperOrders,
  type OrderInput,
  unlinkOrder,
} from '../../../worker/src/accounts/orders';
import { listOutboxMail } from '../../../worker/src/db/mail-outbox';
import { uniqueEmail } from '../../helpers/api';
import { markVerified } from '../../helpers/email-verified';
import { apiError, fieldCodes, newShopper, staff } from './records-fixtures';

const order = (over: Partial<OrderInput> = {}): OrderInput => ({
  status: 'completed',
  is_test: false,
  channel_id: 1,
  currency_code: 'EUR',
  subtotal: '20.00',
  tax: '0',
  shipping: '5',
  total: '25.00',
  items: [{ name: 'Mug', quantity: 2, price: '10' }],
  ...over,
});

async function mailedCode(email: string): Promise<string> {
  const mail = (await listOutboxMail(env.DB, 100)).find((m) => m.to === email && m.kind === 'order_claim');
  return /\b(\d{6})\b/.exec(mail!.text)![1]!;
}

describe('orders', () => {
  it('records orders, copying a customer’s email and names; a guest order keeps its own', async () => {
    const shopper = await newShopper();
    const guestEmail = uniqueEmail('guest');
    const [mine, guest] = await createOrders(
      env.DB,
      [
        order({ customer_id: shopper.id }),
        order({
          email: guestEmail,
          currency_code: 'JPY',
          subtotal: 1200,
          total: 1200,
          shipping: 0,
          items: [{ name: 'Tea', quantity: 1, price: 1200 }],
        }),
      ],
      staff,
    );
    expect(mine).toMatchObject({ customer_id: shopper.id, email: shopper.email, first_name: 'Sam', total: '25.00', item_count: 2 });
    expect(guest).toMatchObject({ is_guest: true, email: guestEmail, total: '1200' });
    expect(await getOrderSummary(env.DB, shopper.id)).toMatchObject({ order_count: 1, totals: [{ currency_code: 'EUR', total_spent: '25.00' }] });
    // The shopper sees their own order, not the guest one.
    expect((await getShopperOrder(env.DB, shopper.id, mine!.id)).items).toHaveLength(1);
    expect((await apiError(getShopperOrder(env.DB, shopper.id, guest!.id))).code).toBe('order_not_found');
  });

  it('refuses amounts finer than the currency and unknown customers with field codes, writing nothing', async () => {
    const err = await apiError(createOrders(env.DB, [order({ total: '25.001' }), order({ customer_id: 999_999_999 })], staff));
    expect(fieldCodes(err)).toEqual({ '0.total': 'invalid_value', '1.customer_id': 'not_found' });
  });

  it('links a guest order to a customer and back', async () => {
    const shopper = await newShopper();
    const [guest] = await createOrders(env.DB, [order({ email: uniqueEmail('guest') })], staff);
    expect(await linkOrder(env.DB, guest!.id, shopper.id, staff)).toMatchObject({ customer_id: shopper.id, is_guest: false });
    await unlinkOrder(env.DB, guest!.id, staff);
    expect((await apiError(getShopperOrder(env.DB, shopper.id, guest!.id))).code).toBe('order_not_found');
    expect(fieldCodes(await apiError(linkOrder(env.DB, guest!.id, 999_999_999, staff)))).toEqual({ customer_id: 'not_found' });
  });
});

describe('order claims', () => {
  it('attaches the guest orders of the account’s email after the mailed code, once', async () => {
    const email = uniqueEmail('claim');
    const [a, b] = await createOrders(env.DB, [order({ email }), order({ email })], staff);
    const shopper = await newShopper({ email });
    await sendClaimCode(env, shopper);
    const code = await mailedCode(email);
    const wrong = await apiError(confirmClaimCode(env.DB, shopper, code === '000000' ? '111111' : '000000'));
    expect(wrong.code).toBe('claim_code_invalid');
    expect(fieldCodes(wrong)).toEqual({ code: 'invalid_or_expired' });
    expect(await confirmClaimCode(env.DB, shopper, code)).toEqual([a!.id, b!.id].sort((x, y) => x - y));
    // Used: the same code is now worthless.
    expect((await apiError(confirmClaimCode(env.DB, shopper, code))).code).toBe('claim_code_invalid');
  });

  it('gives a code a limited number of tries, and no power once the account’s email changed', async () => {
    const email = uniqueEmail('claim');
    const shopper = await newShopper({ email });
    await sendClaimCode(env, shopper);
    const code = await mailedCode(email);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CLAIM_ATTEMPTS; i++) await apiError(confirmClaimCode(env.DB, shopper, wrongCode));
    expect((await apiError(confirmClaimCode(env.DB, shopper, code))).code).toBe('claim_code_invalid');

    await sendClaimCode(env, shopper);
    const fresh = await mailedCode(email);
    const moved = { ...shopper, email: uniqueEmail('moved') };
    expect((await apiError(confirmClaimCode(env.DB, moved, fresh))).code).toBe('claim_code_invalid');
  });

  it('claims at once with a verified email (and only then), counting what is claimable', async () => {
    const email = uniqueEmail('verified');
    const [a, b] = await createOrders(env.DB, [order({ email }), order({ email: email.toUpperCase() })], staff);
    const shopper = await newShopper({ email });
    const page = { page: 1, limit: 10 };
    expect((await listShopperOrders(env.DB, shopper.id, page)).claimable).toBe(0);
    expect((await apiError(claimVerified(env.DB, shopper))).code).toBe('email_unverified');
    await markVerified(shopper.id);
    const verified = { ...shopper, emailVerified: true };
    expect((await listShopperOrders(env.DB, verified.id, page)).claimable).toBe(2);
    expect(await startClaim(env, verified)).toEqual({ claimed: [a!.id, b!.id].sort((x, y) => x - y) });
    expect(await listShopperOrders(env.DB, verified.id, page)).toMatchObject({ claimable: 0, total: 2 });
  });

  it('limits codes per email (hourly), across deleting the account and signing up again', async () => {
    const email = uniqueEmail('limit');
    const first = await newShopper({ email });
    for (let i = 0; i < CLAIM_CODE_LIMITS.perHour; i++) expect(await startClaim(env, first)).toEqual({ codeSentFor: 900 });
    const refused = await apiError(sendClaimCode(env, first));
    expect(refused.code).toBe('rate_limited');
    const retryAfter = Number(refused.options.headers?.['Retry-After']);
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    await env.DB.prepare('DELETE FROM customers WHERE id = ?1').bind(first.id).run();
    const second = await newShopper({ email: email.toUpperCase() });
    expect((await apiError(sendClaimCode(env, second))).code).toBe('rate_limited');
  });

  it('caps codes per email per day', async () => {
    const email = uniqueEmail('daily');
    const shopper = await newShopper({ email });
    // Codes sent earlier today (outside the last hour): the daily cap counts them, the hourly one does not.
    const earlier = new Date(Date.now() - 2 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (let i = 0; i < CLAIM_CODE_LIMITS.perDay - 1; i++) {
      await env.DB.prepare("INSERT INTO order_claim_codes (customer_id, email, code_hash, expires_at, date_created) VALUES (NULL, ?1, 'x', ?2, ?2)")
        .bind(email, earlier)
        .run();
    }
    await sendClaimCode(env, shopper);
    const refused = await apiError(sendClaimCode(env, shopper));
    expect(refused.code).toBe('rate_limited');
    expect(Number(refused.options.headers?.['Retry-After'])).toBeGreaterThan(20 * 3600);
  });
});
