// zod pieces shared by the admin routes (one definition per field, so customers' nested addresses and
// /v3/customers/addresses validate alike), the batch limit, and who the timeline says acted.
import * as z from 'zod/mini';
import type { Actor } from '../../db/timeline';
import { isCountryCode } from '../../shared/address-rules';
import { formFieldInput } from '../../validation';

/** Our batch limit for array bodies (BigCommerce: 10). */
export const MAX_BATCH = 100;

/** The address book's rule (shared/address-rules.ts): officially assigned ISO codes only, so the admin API and the shopper agree. */
const countryCode = z
  .string()
  .check(z.regex(/^[A-Za-z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code'), z.refine(isCountryCode, 'Not an ISO 3166-1 alpha-2 country code'));

export const addressFields = {
  first_name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  last_name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  company: z.optional(z.string().check(z.maxLength(255))),
  address1: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  address2: z.optional(z.string().check(z.maxLength(255))),
  city: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  state_or_province: z.optional(z.string().check(z.maxLength(100))),
  postal_code: z.optional(z.string().check(z.maxLength(30))),
  country_code: countryCode,
  phone: z.optional(z.string().check(z.maxLength(50))),
  address_type: z.optional(z.enum(['residential', 'commercial'])),
  label: z.optional(z.string().check(z.maxLength(100))),
  delivery_instructions: z.optional(z.string().check(z.maxLength(1000))),
  is_default_shipping: z.optional(z.boolean()),
  is_default_billing: z.optional(z.boolean()),
  form_fields: z.optional(z.array(formFieldInput).check(z.maxLength(100))),
};

/** The admin token's name is who the timeline says acted ("staff"). */
export function staffActor(c: { var: { admin: { name: string } } }): Actor {
  return { type: 'staff', name: c.var.admin.name };
}
