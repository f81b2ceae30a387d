// Shared zod pieces of the storefront routes (one definition per field, so sign-up and profile agree).
import * as z from 'zod';
import { CONSENTS } from '../../accounts/subscribers';

export const email = z.email('Enter a valid email address').max(250).transform((s) => s.trim());
export const name = z.string().trim().min(1, 'Required').max(100);
/** Passwords are never trimmed or truncated; the policy (length, common, email) is checked separately. */
export const password = z.string().max(1024);
export const formFieldValues = z
  .array(z.object({ name: z.string().min(1).max(255), value: z.union([z.string().max(10_000), z.number().finite(), z.array(z.string().max(1000)).max(100)]) }).strict())
  .max(100);
export const consents = z.array(z.enum(CONSENTS)).max(CONSENTS.length);
