// How many attempts a key gets (Workers `ratelimits` bindings, wrangler.toml): log-in and current-password
// checks, sign-up, password reset and order-claim mails, validate-credentials. Callers limit *before* any
// hashing or mail, so a flood costs us nothing. Keys are per IP (middleware/rate-limit.ts; IPv6 per /64,
// the smallest block one subscriber gets), per email (several IPs must not add up to unlimited guesses
// at one account) or per customer. The bindings count per Cloudflare location; the per-email limits on
// failed password checks that hold across locations are in D1 (accounts/login-failures.ts).
import type { Bindings } from '../env';
import { ApiError } from '../errors';

export type LimiterName = 'LOGIN_LIMITER' | 'SIGNUP_LIMITER' | 'RESET_LIMITER' | 'CREDENTIALS_LIMITER';

/**
 * Each binding's `simple = { limit, period }` as wrangler.toml configures it (the binding cannot be asked;
 * test/worker/admin/bigcommerce-compat.test.ts checks the two agree).
 */
export const LIMITS: Record<LimiterName, { limit: number; period: 10 | 60 }> = {
  LOGIN_LIMITER: { limit: 10, period: 60 },
  SIGNUP_LIMITER: { limit: 10, period: 60 },
  RESET_LIMITER: { limit: 5, period: 60 },
  CREDENTIALS_LIMITER: { limit: 20, period: 60 },
};

/**
 * The 429 headers of a binding's refusal, BigCommerce's names beside `Retry-After` (docs/admin-api.md "Errors
 * and codes"): the quota and window from LIMITS, nothing left, and the time to the end of the current window.
 * The binding counts in windows of `period` seconds aligned to the epoch (as the local simulation does;
 * Cloudflare does not publish its boundaries and counts per location, so a retry may meet one more 429).
 */
export function limiterHeaders(name: LimiterName, now = Date.now()): Record<string, string> {
  const { limit, period } = LIMITS[name];
  const windowMs = period * 1000;
  const resetMs = windowMs - (now % windowMs);
  return {
    'Retry-After': String(Math.max(1, Math.ceil(resetMs / 1000))),
    'X-Rate-Limit-Requests-Quota': String(limit),
    'X-Rate-Limit-Time-Window-Ms': String(windowMs),
    'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
    'X-Rate-Limit-Requests-Left': '0',
  };
}

/** Throws 429 `rate_limited` when `key` is over the limit of `name`. */
export async function enforceLimit(env: Bindings, name: LimiterName, key: string): Promise<void> {
  const limiter = env[name];
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `${name}:${key}` });
  if (!success) throw new ApiError('rate_limited', { headers: limiterHeaders(name) });
}

/** The per-email key: case and surrounding spaces do not make a new key. */
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
/**
 * The per-IP key; requests without a client IP (local tools) share one. An IPv6 address counts by its
 * /64: one subscriber (a home, a phone, a VM) gets a whole /64 and can rotate through 2^64 addresses,
 * so keying the full /128 would give it unlimited attempts. IPv4-mapped IPv6 counts as its IPv4 address.
 */
export const ipKey = (ip: string | undefined) => `ip:${ip === undefined ? 'unknown' : ipBlock(ip)}`;

/** `ip` itself for IPv4 (or anything unparsable), its /64 network for IPv6 (`2001:db8:0:1::/64`). */
export function ipBlock(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, ''); // no zone id (fe80::1%eth0)
  if (!address.includes(':')) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a trailing dotted IPv4 expanded); null when malformed. */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const b = v4.slice(1).map(Number);
    if (b.some((x) => x > 255)) return null;
    text = `${text.slice(0, v4.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':') : []);
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}
