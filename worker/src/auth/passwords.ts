// Password hashing: PBKDF2-HMAC-SHA-256 through WebCrypto.
//
// Why chained rounds: OWASP asks for ≥ 600,000 iterations, but production Workers refuse a single
// PBKDF2 call above 100,000 iterations (local workerd does not, so the cap is enforced here, not by the
// platform). We run `rounds` calls of ≤ 100,000 iterations each, every round keyed by the password and
// salted with the original salt plus the previous round's output, so no round can be skipped or
// precomputed without the password.
//
// Stored form: `pbkdf2-sha256$v=<version>$i=<total>,c=<per call>$<salt b64url>$<hash b64url>`.
// Parameters live in the string, so old hashes keep verifying after the defaults are raised, and
// `needsUpgrade` tells the log-in route to re-hash with the current parameters.
import { base64url, fromBase64url } from '../shared/base64url';

/** Production Workers refuse PBKDF2 above this per call. */
export const MAX_ITERATIONS_PER_CALL = 100_000;

export interface HashParams {
  version: number;
  iterations: number;
  perCall: number;
}

/** Current parameters: 600,000 iterations in total (OWASP 2023 for PBKDF2-HMAC-SHA-256). */
export const CURRENT_PARAMS: HashParams = { version: 1, iterations: 600_000, perCall: 100_000 };

const encoder = new TextEncoder();

/** One WebCrypto PBKDF2 call; refuses what production Workers would refuse. */
async function pbkdf2Call(key: CryptoKey, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  if (iterations > MAX_ITERATIONS_PER_CALL) {
    throw new RangeError(`PBKDF2 call of ${iterations} iterations exceeds the Workers limit of ${MAX_ITERATIONS_PER_CALL}`);
  }
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, params: HashParams): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  let remaining = params.iterations;
  let out: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  while (remaining > 0) {
    const n = Math.min(params.perCall, remaining);
    const roundSalt = new Uint8Array(salt.length + out.length);
    roundSalt.set(salt);
    roundSalt.set(out, salt.length);
    out = await pbkdf2Call(key, roundSalt, n);
    remaining -= n;
  }
  return out;
}

export async function hashPassword(password: string, params: HashParams = CURRENT_PARAMS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, params);
  return `pbkdf2-sha256$v=${params.version}$i=${params.iterations},c=${params.perCall}$${base64url(salt)}$${base64url(hash)}`;
}

export function parseHash(stored: string): (HashParams & { salt: Uint8Array<ArrayBuffer>; hash: Uint8Array<ArrayBuffer> }) | null {
  const m = /^pbkdf2-sha256\$v=(\d+)\$i=(\d+),c=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!m) return null;
  return {
    version: Number(m[1]),
    iterations: Number(m[2]),
    perCall: Number(m[3]),
    salt: fromBase64url(m[4]!),
    hash: fromBase64url(m[5]!),
  };
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export interface VerifyResult {
  valid: boolean;
  /** The hash uses older parameters: re-hash with CURRENT_PARAMS now that the password is known. */
  needsUpgrade: boolean;
}

export async function verifyPassword(password: string, stored: string | null): Promise<VerifyResult> {
  const parsed = stored ? parseHash(stored) : null;
  if (!parsed) {
    // Hash a dummy anyway so "no password set" takes as long as a wrong password.
    await burnPasswordTime(password);
    return { valid: false, needsUpgrade: false };
  }
  const hash = await derive(password, parsed.salt, parsed);
  const valid = timingSafeEqual(hash, parsed.hash);
  const needsUpgrade = valid && (parsed.version < CURRENT_PARAMS.version || parsed.iterations < CURRENT_PARAMS.iterations);
  return { valid, needsUpgrade };
}

const DUMMY_SALT = new Uint8Array(16);

/** Spends the time of one verification, for unknown accounts (enumeration by timing). */
async function burnPasswordTime(password: string): Promise<void> {
  await derive(password, DUMMY_SALT, CURRENT_PARAMS);
}
