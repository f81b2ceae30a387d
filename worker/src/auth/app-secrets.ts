// App credentials: client ids (public) and client secrets (shared with the app, shown once). A secret
// signs Customer Login SSO tokens and current-customer JWTs (HS256), so the worker must be able to read
// it back: it is stored AES-256-GCM encrypted with APP_SECRETS_KEY, never in plain text and never
// hashed. The client id is the GCM additional data, so a ciphertext copied onto another app's row
// does not decrypt.
import type { Bindings } from '../env';
import { ApiError } from '../errors';
import { base64url, fromBase64url } from '../shared/base64url';

const FORMAT = 'v1';

/** A new public client id: 128 random bits, lowercase hex (safe in query strings and JWT claims). */
export function newClientId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new client secret: 256 random bits, base64url. */
export function newClientSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

// The imported key is cached per isolate per configured value.
let cached: { raw: string; key: Promise<CryptoKey> } | undefined;

const unavailable = () =>
  new ApiError('unavailable', { detail: 'APP_SECRETS_KEY is missing or does not match the stored secrets (see docs/deploy.md: Configuration).' });

function secretsKey(env: Bindings): Promise<CryptoKey> {
  const raw = env.APP_SECRETS_KEY;
  if (!raw) {
    console.error('APP_SECRETS_KEY is not configured');
    throw unavailable();
  }
  if (cached?.raw !== raw) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = fromBase64url(raw.trim());
    } catch {
      bytes = new Uint8Array(0);
    }
    if (bytes.length !== 32) {
      console.error('APP_SECRETS_KEY must be 32 bytes, base64url');
      throw unavailable();
    }
    cached = { raw, key: crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']) };
  }
  return cached.key;
}

/** `v1.<iv>.<ciphertext>` (base64url), bound to `clientId`. */
export async function encryptClientSecret(env: Bindings, clientId: string, secret: string): Promise<string> {
  const key = await secretsKey(env);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(clientId) },
    key,
    new TextEncoder().encode(secret),
  );
  return `${FORMAT}.${base64url(iv)}.${base64url(new Uint8Array(ciphertext))}`;
}

/** The plain secret; a 503 when the key is missing or is not the one that encrypted it. */
export async function decryptClientSecret(env: Bindings, clientId: string, stored: string): Promise<string> {
  const key = await secretsKey(env);
  const [format, iv, ciphertext] = stored.split('.');
  try {
    if (format !== FORMAT || !iv || !ciphertext) throw new Error('unknown secret format');
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64url(iv), additionalData: new TextEncoder().encode(clientId) },
      key,
      fromBase64url(ciphertext),
    );
    return new TextDecoder().decode(plain);
  } catch (err) {
    console.error('app secret could not be decrypted', clientId, err instanceof Error ? err.message : err);
    throw unavailable();
  }
}

/** The HMAC key bytes of a secret, as BigCommerce apps use it: the secret's UTF-8 bytes. */
export function hmacKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
