// What a password must be: 8–128 characters (code points), no composition rules, never truncated,
// not the account's email (or its local part), not one of the most common passwords (NIST SP 800-63B).
// The rules that need no database are here; the common-password list lives in D1 (db/common-passwords.ts,
// consulted by accounts/passwords.ts). Problems are field errors with stable codes: clients translate
// the code, never the English message.
import { fieldError, type FieldError } from '../errors';

/** The one source of the length rule (the widget's hints and the README say the same). */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export const COMMON_PASSWORD_MESSAGE = 'This password is too common; choose another';

/** The checks that need no database: length and "not your email". */
export function passwordShapeProblem(password: string, email?: string): FieldError | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return fieldError('password_too_short', `Password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length > MAX_PASSWORD_LENGTH) return fieldError('password_too_long', `Password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (email && (lower === email.toLowerCase() || lower === email.split('@')[0]!.toLowerCase())) {
    return fieldError('password_is_email', 'Password must not be your email address');
  }
  return null;
}

/** The problem of a password found on the common list. */
export function commonPasswordProblem(): FieldError {
  return fieldError('password_too_common', COMMON_PASSWORD_MESSAGE);
}
