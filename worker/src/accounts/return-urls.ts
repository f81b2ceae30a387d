// Where a browser flow may send the shopper back to (Customer Login SSO's `redirect_to`, OpenID
// Connect's `return_to`): a path on this site or a URL on the worker's own origin or one of the store's
// storefront origins (channels). An open redirect would turn a trusted sign-in link into a phishing hop.
import { listChannelOrigins } from '../db/channels';
import { storeConfig } from './settings';

/**
 * The Location to redirect to, or null when `target` is not allowed: a same-site relative path (a
 * single leading "/", never "//" or "/\", which browsers read as another host), or an absolute http(s)
 * URL on `ownOrigin` or a channel's storefront origin. Paths are resolved by the URL parser first, so
 * tabs, newlines and backslashes cannot smuggle a second slash past the prefix check.
 */
export async function safeReturnUrl(db: D1Database, ownOrigin: string, target: string): Promise<string | null> {
  // Control characters are never part of a legitimate target; URL parsers drop some of them silently.
  if (/[\u0000-\u001f\u007f]/.test(target)) return null;
  if (target.startsWith('/')) {
    if (target[1] === '/' || target[1] === '\\') return null;
    let url: URL;
    try {
      url = new URL(target, ownOrigin);
    } catch {
      return null;
    }
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (url.origin !== ownOrigin || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
    return path;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  if (url.origin === ownOrigin) return url.href;
  const channels = await listChannelOrigins(db);
  return channels.some((ch) => ch.origins.includes(url.origin)) ? url.href : null;
}

/**
 * The channel a (safe) return URL belongs to, by its storefront origin; 1, the default storefront,
 * otherwise. From the store configuration cached per isolate (accounts/settings.ts), as CORS reads it.
 */
export async function channelOfReturnUrl(db: D1Database, ownOrigin: string, returnTo: string): Promise<number> {
  if (returnTo.startsWith('/')) return 1;
  const origin = new URL(returnTo, ownOrigin).origin;
  return (await storeConfig(db)).byOrigin.get(origin) ?? 1;
}
