// Shared zod pieces of the storefront routes (one definition per field, so sign-up and profile agree).
import * as z from 'zod';
import { CONSENTS } from '../../accounts/subscribers';
import { LOCALES } from '../../mail/templates';
import { formFieldInput } from '../../validation';

export const email = z
  .email('Enter a valid email address')
  .max(250)
  .transform((s) => s.trim());
export const name = z.string().trim().min(1, 'Required').max(100);
/** Passwords are never trimmed or truncated; the policy (length, common, email) is checked separately. */
export const password = z.string().max(1024);
export const formFieldValues = z.array(formFieldInput).max(100);
export const consents = z.array(z.enum(CONSENTS)).max(CONSENTS.length);
/** The shopper's language for mails (`en` when absent). */
export const locale = z.enum(LOCALES).optional();
/** An emailed code as typed (trimmed; checked by accounts/email-ownership.ts). */
export const code = z.string().trim().max(20);
