// What a password must be: 8–128 characters (code points), no composition rules, never truncated,
// not the account's email (or its local part), not one of the most common passwords (NIST SP 800-63B).
// The common list (10,000 entries) lives in D1 (migration 0002), not in the bundle: it is only
// consulted on sign-up and password changes, and would otherwise be half the worker's size.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** The checks that need no database: length and "not your email". */
export function passwordShapeProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (email && (lower === email.toLowerCase() || lower === email.split('@')[0]!.toLowerCase())) {
    return 'Password must not be your email address';
  }
  return null;
}

export const COMMON_PASSWORD_MESSAGE = 'This password is too common; choose another';

/** Problems of several passwords at once (one query), in order; null where a password is acceptable. */
export async function passwordProblems(db: D1Database, items: readonly { password: string; email?: string }[]): Promise<(string | null)[]> {
  const shape = items.map((i) => passwordShapeProblem(i.password, i.email));
  const candidates = items.filter((_, k) => !shape[k]).map((i) => i.password.toLowerCase());
  let common = new Set<string>();
  if (candidates.length) {
    const { results } = await db
      .prepare('SELECT password FROM common_passwords WHERE password IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(candidates))
      .all<{ password: string }>();
    common = new Set(results.map((r) => r.password));
  }
  return items.map((i, k) => shape[k] ?? (common.has(i.password.toLowerCase()) ? COMMON_PASSWORD_MESSAGE : null));
}

/** Returns a message for the shopper, or null when the password is acceptable. */
export async function passwordProblem(db: D1Database, password: string, email?: string): Promise<string | null> {
  return (await passwordProblems(db, [{ password, email }]))[0]!;
}
