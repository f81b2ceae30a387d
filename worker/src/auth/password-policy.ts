// What a password must be: 8–128 characters (code points), no composition rules, never truncated,
// not the account's email, not one of the most common passwords (NIST SP 800-63B).
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

let common: Set<string> | undefined;

/** Returns a message for the shopper, or null when the password is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (email && (lower === email.toLowerCase() || lower === email.split('@')[0]!.toLowerCase())) {
    return 'Password must not be your email address';
  }
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  if (common.has(lower)) return 'This password is too common; choose another';
  return null;
}
