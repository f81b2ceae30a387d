// The shopper's address book: GET / POST /storefront/customer/addresses, PATCH / DELETE /{id}. The
// live-shopper middleware has proven the token; every operation is scoped to that customer, so another
// customer's address answers 404 exactly like a missing one (no probing of ids). Unlimited addresses;
// defaults first, then newest. Rules (field checks, duplicates, defaults): accounts/addresses.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { addShopperAddress, deleteShopperAddress, listShopperAddresses, updateShopperAddress } from '../../accounts/addresses';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { ADDRESS_TYPES } from '../../shared/address-rules';
import { liveRead } from '../../middleware/live-shopper';
import { validate } from '../../validation';
import { formFieldValues } from './shapes';

// zod checks types and bounds the size; what a shopper must fix (required, length, postal code,
// state) is checkAddress's job, so every message and field code reads the same for every caller.
const text = z.string({ error: 'Enter text' }).check(z.maxLength(2000, 'This is too long'));
const flag = z.boolean({ error: 'Expected true or false' });

const addressBody = z.strictObject({
  first_name: z.optional(text),
  last_name: z.optional(text),
  company: z.optional(text),
  address1: z.optional(text),
  address2: z.optional(text),
  city: z.optional(text),
  state_or_province: z.optional(text),
  postal_code: z.optional(text),
  country_code: z.optional(text),
  phone: z.optional(text),
  address_type: z.optional(z.enum(ADDRESS_TYPES, { error: 'Choose residential or commercial' })),
  label: z.optional(text),
  delivery_instructions: z.optional(text),
  is_default_shipping: z.optional(flag),
  is_default_billing: z.optional(flag),
  form_fields: z.optional(formFieldValues),
});

function parseId(param: string): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1) throw new ApiError('address_not_found');
  return id;
}

const addresses = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ data: (await liveRead(c, listShopperAddresses)).value }))

  .post('/', validate('json', addressBody), async (c) => {
    const { address, created } = await addShopperAddress(c.env.DB, c.var.shopper, c.req.valid('json'));
    // An address the shopper already has: 200 with it, not 201 (nothing new was stored).
    return created ? c.json({ data: address }, 201) : c.json({ data: address }, 200);
  })

  .patch('/:id{[0-9]+}', validate('json', addressBody), async (c) => {
    const address = await updateShopperAddress(c.env.DB, c.var.shopper, parseId(c.req.param('id')), c.req.valid('json'));
    return c.json({ data: address }, 200);
  })

  .delete('/:id{[0-9]+}', async (c) => {
    await deleteShopperAddress(c.env.DB, c.var.shopper, parseId(c.req.param('id')));
    return c.body(null, 204);
  });

export default addresses;
