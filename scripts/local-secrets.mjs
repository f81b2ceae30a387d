// Local settings for `npm run dev`, the e2e suites and the benches (.dev.vars): a customer-token signing
// key (ES256 private JWK), the key that encrypts app client secrets, and ENVIRONMENT=local. Production sets these with `wrangler secret put`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function newSigningKey(kid = `local-${randomBytes(4).toString('hex')}`) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' });
}

export function newAppSecretsKey() {
  return randomBytes(32).toString('base64url');
}

/** Makes `.dev.vars` hold every local secret, keeping the ones already there. */
export function ensureDevVars(file = '.dev.vars') {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const additions = [];
  if (!/^TOKEN_SIGNING_KEY=/m.test(text)) additions.push(`TOKEN_SIGNING_KEY='${newSigningKey()}'`);
  if (!/^APP_SECRETS_KEY=/m.test(text)) additions.push(`APP_SECRETS_KEY=${newAppSecretsKey()}`);
  // Local only: turns on /dev/* (outbox, test orders) and http OIDC issuers; wrangler.toml says "production".
  if (!/^ENVIRONMENT=/m.test(text)) additions.push('ENVIRONMENT=local');
  if (additions.length) {
    writeFileSync(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${additions.join('\n')}\n`);
    console.log(`Wrote local secrets to ${file} (git-ignored).`);
  }
}
