// The password rules that need no database, in one place: 8–128 characters (code points), no
// composition rules, never truncated, not the account's email (or its local part) (NIST SP 800-63B).
// Used by the worker (auth/password-policy.ts, which adds the common-password list kept in D1) and, so
// the shopper hears about a problem before a round trip, by the widget (fields.ts; the on-demand
// login-reset.ts through kit.ts). Dependency-free. The widget takes only the codes (it translates them,
// widget/src/i18n `f_password_*`); the English messages are for the API and tree-shaken out of it.
import type { FieldError } from './error-codes';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordShapeCode = 'password_too_short' | 'password_too_long' | 'password_is_email';

/** Whether the password is the email address or its local part (case-insensitive); false without an email. */
export function passwordIsEmail(password: string, email = ''): boolean {
  const lower = password.toLowerCase();
  email = email.toLowerCase();
  return !!email && (lower === email || lower === email.split('@')[0]);
}

/** The first shape rule the password breaks (length, then "not your email"), or null. */
export function passwordShapeCode(password: string, email?: string): PasswordShapeCode | null {
  const length = [...password].length;
  return length < MIN_PASSWORD_LENGTH
    ? 'password_too_short'
    : length > MAX_PASSWORD_LENGTH
      ? 'password_too_long'
      : passwordIsEmail(password, email)
        ? 'password_is_email'
        : null;
}

const MESSAGES: Record<PasswordShapeCode, string> = {
  password_too_short: `Password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  password_too_long: `Password must be at most ${MAX_PASSWORD_LENGTH} characters`,
  password_is_email: 'Password must not be your email address',
};

/** The shape check as a field error (stable code + English message), or null. */
export function passwordShapeProblem(password: string, email?: string): FieldError | null {
  const code = passwordShapeCode(password, email);
  return code && { code, message: MESSAGES[code] };
}
