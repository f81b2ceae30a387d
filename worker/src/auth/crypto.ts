// Small WebCrypto helpers shared by every token kind: random secrets and SHA-256 digests.
// Tokens we issue are random and high-entropy, so a plain SHA-256 is the right stored form (no salt needed):
// a leaked table reveals nothing usable.
import { base64url } from '../shared/base64url';

/** A random token: `prefix` + 256 bits, base64url. */
export function randomToken(prefix = ''): string {
  return prefix + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
