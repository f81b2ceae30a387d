// Shared zod pieces of the storefront routes (one definition per field, so sign-up and profile agree).
import * as z from 'zod/mini';
import { CONSENTS } from '../../accounts/subscribers';
import { LOCALES } from '../../mail/templates';
import { formFieldInput } from '../../validation';

export const email = z.pipe(
  z.email('Enter a valid email address').check(z.maxLength(250)),
  z.transform((s) => s.trim()),
);
export const name = z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(100));
/** Passwords are never trimmed or truncated; the policy (length, common, email) is checked separately. */
export const password = z.string().check(z.maxLength(1024));
export const formFieldValues = z.array(formFieldInput).check(z.maxLength(100));
export const consents = z.array(z.enum(CONSENTS)).check(z.maxLength(CONSENTS.length));
/** The shopper's language for mails (`en` when absent). */
export const locale = z.optional(z.enum(LOCALES));
/** An emailed code as typed (trimmed; checked by accounts/email-ownership.ts). */
export const code = z.string().check(z.trim(), z.maxLength(20));
