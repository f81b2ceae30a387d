// The one rule of "the last way in", as SQL: a customer can sign in when they have a password, a link to
// an enabled OpenID Connect provider, or a passkey. Removing one of them is refused when nothing else
// would remain; the check is a condition of the DELETE itself (db/oidc.ts, db/passkeys.ts), so two
// concurrent removals cannot both pass it.

/**
 * SQL that is true when customer `?1` keeps a way in besides the one being removed: `exceptProvider` (a
 * parameter holding the provider slug being unlinked) or `exceptPasskey` (a parameter holding the passkey
 * id being deleted).
 */
export function keepsAnotherWayInSql(except: { exceptProvider?: string; exceptPasskey?: string }): string {
  const otherProvider = except.exceptProvider ? ` AND o.provider <> ${except.exceptProvider}` : '';
  const otherPasskey = except.exceptPasskey ? ` AND k.id <> ${except.exceptPasskey}` : '';
  return `((SELECT password_hash IS NOT NULL FROM customers WHERE id = ?1)
    OR EXISTS (SELECT 1 FROM customer_identities o JOIN oidc_providers p ON p.slug = o.provider AND p.issuer = o.issuer AND p.enabled = 1
               WHERE o.customer_id = ?1${otherProvider})
    OR EXISTS (SELECT 1 FROM passkeys k WHERE k.customer_id = ?1${otherPasskey}))`;
}
