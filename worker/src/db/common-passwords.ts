// SQL for the common-password list (migration 0002: 10,000 entries, lowercase). It lives in D1, not in
// the bundle: it is consulted only on sign-up and password changes and would be half the worker's size.

/** Which of `candidates` (lowercased by the caller) are on the list; one query for any number. */
export async function findCommonPasswords(db: D1Database, candidates: readonly string[]): Promise<Set<string>> {
  if (!candidates.length) return new Set();
  const { results } = await db
    .prepare('SELECT password FROM common_passwords WHERE password IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(candidates))
    .all<{ password: string }>();
  return new Set(results.map((r) => r.password));
}
