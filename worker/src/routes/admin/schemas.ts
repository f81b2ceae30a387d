// zod pieces shared by the admin routes (one definition per field, so customers' nested addresses and
// /v3/customers/addresses validate alike), the batch limit, and who the timeline says acted.
import * as z from 'zod';
import type { Actor } from '../../db/timeline';
import { isCountryCode } from '../../shared/address-rules';
import { formFieldInput } from '../../validation';

/** Our batch limit for array bodies (BigCommerce: 10). */
export const MAX_BATCH = 100;

/** The address book's rule (shared/address-rules.ts): officially assigned ISO codes only, so the admin API and the shopper agree. */
const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code')
  .refine(isCountryCode, 'Not an ISO 3166-1 alpha-2 country code');

export const addressFields = {
  first_name: z.string().trim().min(1).max(255),
  last_name: z.string().trim().min(1).max(255),
  company: z.string().max(255).optional(),
  address1: z.string().trim().min(1).max(255),
  address2: z.string().max(255).optional(),
  city: z.string().trim().min(1).max(100),
  state_or_province: z.string().max(100).optional(),
  postal_code: z.string().max(30).optional(),
  country_code: countryCode,
  phone: z.string().max(50).optional(),
  address_type: z.enum(['residential', 'commercial']).optional(),
  label: z.string().max(100).optional(),
  delivery_instructions: z.string().max(1000).optional(),
  is_default_shipping: z.boolean().optional(),
  is_default_billing: z.boolean().optional(),
  form_fields: z.array(formFieldInput).max(100).optional(),
};

/** The admin token's name is who the timeline says acted ("staff"). */
export function staffActor(c: { var: { admin: { name: string } } }): Actor {
  return { type: 'staff', name: c.var.admin.name };
}
