// What a password must be: 8–128 characters (code points), no composition rules, never truncated,
// not the account's email (or its local part), not one of the most common passwords (NIST SP 800-63B).
// The rules that need no database are shared/password-rules.ts (the widget checks the same ones); the
// common-password list lives in D1 (db/common-passwords.ts, consulted by accounts/passwords.ts).
// Problems are field errors with stable codes: clients translate the code, never the English message.
import { fieldError, type FieldError } from '../errors';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordShapeProblem } from '../shared/password-rules';

export const COMMON_PASSWORD_MESSAGE = 'This password is too common; choose another';

/** The problem of a password found on the common list. */
export function commonPasswordProblem(): FieldError {
  return fieldError('password_too_common', COMMON_PASSWORD_MESSAGE);
}
