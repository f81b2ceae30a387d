// Passkeys (WebAuthn; docs/storefront-api.md "Passkeys"), rules in accounts/passkeys.ts:
//   POST   /storefront/customer/passkeys/options   registration options (recent authentication) + the browser cookie
//   POST   /storefront/customer/passkeys           {credential, name?} → 201 {data: Passkey}
//   GET    /storefront/customer/passkeys           {data: Passkey[]}
//   PATCH  /storefront/customer/passkeys/{id}      {name} → {data: Passkey}
//   DELETE /storefront/customer/passkeys/{id}      → 204 (recent authentication; never the last way in)
//   POST   /storefront/session/passkey/options     sign-in options (guest, per-IP limit) + the browser cookie
//   POST   /storefront/session/passkey             {credential} → a session, as POST /storefront/session answers
// The `sfa_webauthn` cookie binds a challenge to the browser that asked for it: HttpOnly, SameSite=None
// (the widget calls the worker from the store's origin), partitioned like the refresh cookie, sent to
// /storefront only. The relying party id is the channel's `passkey_rp_id` (customer settings; default
// RP_ID), else the hostname of the request's allowed Origin.
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import {
  authenticationOptions,
  CHALLENGE_TTL_SECONDS,
  type Ceremony,
  deletePasskey,
  listShopperPasskeys,
  registerPasskey,
  registrationOptions,
  renamePasskey,
  signInWithPasskey,
} from '../../accounts/passkeys';
import { storeSettings } from '../../accounts/settings';
import { randomToken } from '../../auth/crypto';
import { deliverSession } from '../../auth/refresh-tokens';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { localeOf } from '../../mail/templates';
import { channelOf, isAllowed } from '../../middleware/cors';
import { liveRead } from '../../middleware/live-shopper';
import { clientIp, rateLimit } from '../../middleware/rate-limit';
import { afterResponse } from '../../middleware/request-context';
import { validate } from '../../validation';
import { locale } from './shapes';

type Ctx = Context<AppEnv>;

export const WEBAUTHN_COOKIE = 'sfa_webauthn';
const WEBAUTHN_COOKIE_PATH = '/storefront';
const COOKIE_VALUE = /^[\w-]{43}$/;

const b64 = (max: number) => z.string().check(z.maxLength(max));
const registrationCredential = z.looseObject({
  id: b64(1400),
  rawId: b64(1400),
  type: z.string().check(z.maxLength(20)),
  response: z.looseObject({
    clientDataJSON: b64(8192),
    attestationObject: b64(65536),
    transports: z.optional(z.array(z.string().check(z.maxLength(30))).check(z.maxLength(10))),
  }),
});
const authenticationCredential = z.looseObject({
  id: b64(1400),
  rawId: b64(1400),
  type: z.string().check(z.maxLength(20)),
  response: z.looseObject({
    clientDataJSON: b64(8192),
    authenticatorData: b64(8192),
    signature: b64(2048),
    userHandle: z.optional(z.nullable(b64(200))),
  }),
});
const passkeyName = z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(100), z.regex(/^[^\r\n]*$/, 'Must be one line'));

const registerBody = z.strictObject({ credential: registrationCredential, name: z.optional(passkeyName), locale });
const renameBody = z.strictObject({ name: passkeyName });
const signInBody = z.strictObject({ credential: authenticationCredential });
const proofBody = z.strictObject({ current_password: z.optional(z.string().check(z.maxLength(1024))) });

/** An optional JSON body `{current_password}` (the recent-authentication proof of an account with a password). */
async function optionalProof(c: Ctx): Promise<string | undefined> {
  const isJson = /^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '');
  const text = isJson ? await c.req.text() : '';
  let body: unknown = {};
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError('malformed_json');
    }
  }
  const parsed = proofBody.safeParse(body);
  if (!parsed.success) throw new ApiError('bad_request');
  return parsed.data.current_password;
}

/** The browser's binding cookie: the one it has, or a new one; (re)set on every options answer. */
function bindBrowser(c: Ctx): string {
  const existing = getCookie(c, WEBAUTHN_COOKIE);
  const value = existing && COOKIE_VALUE.test(existing) ? existing : randomToken();
  setCookie(c, WEBAUTHN_COOKIE, value, {
    httpOnly: true,
    secure: true,
    sameSite: 'None',
    partitioned: true,
    path: WEBAUTHN_COOKIE_PATH,
    maxAge: 2 * CHALLENGE_TTL_SECONDS,
  });
  return value;
}

/**
 * The relying party: the channel's `passkey_rp_id` (customer settings; store-wide default RP_ID), else
 * the hostname of the request's Origin when the store trusts it, else the worker's own.
 */
async function relyingParty(c: Ctx): Promise<{ rpId: string; rpName: string }> {
  let rpId = (await storeSettings(c.env, await channelOf(c))).storefront_accounts.passkey_rp_id;
  if (!rpId) {
    const origin = c.req.header('Origin');
    rpId = origin && URL.canParse(origin) && (await isAllowed(c, origin)) ? new URL(origin).hostname : new URL(c.req.url).hostname;
  }
  return { rpId, rpName: c.env.RP_NAME?.trim() || rpId };
}

/** What a verification needs of the request: the browser's cookie and the origins the store trusts. */
const ceremonyOf = (c: Ctx): Ceremony => ({
  browser: getCookie(c, WEBAUTHN_COOKIE),
  isAllowedOrigin: (origin) => isAllowed(c, origin),
});

/** The shopper's language for a mail of a bodyless request (`?locale=`, else Accept-Language; else English). */
const requestLocale = (c: Ctx) => localeOf(c.req.query('locale') ?? c.req.header('Accept-Language')?.slice(0, 2).toLowerCase());

function parseId(param: string): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1) throw new ApiError('passkey_not_found');
  return id;
}

/** The signed-in part, mounted at /storefront/customer/passkeys (the live-shopper check applies). */
export const customerPasskeys = new Hono<AppEnv>()
  .post('/options', async (c) => {
    const currentPassword = await optionalProof(c);
    const rp = await relyingParty(c);
    const options = await registrationOptions(c.env, c.var.shopper, { ...rp, browser: bindBrowser(c), currentPassword });
    return c.json({ options });
  })

  .get('/', async (c) => c.json({ data: (await liveRead(c, listShopperPasskeys)).value }))

  .post('/', validate('json', registerBody), async (c) => {
    const body = c.req.valid('json');
    const { passkey, mail } = await registerPasskey(c.env, c.var.shopper, body.credential, {
      ...ceremonyOf(c),
      name: body.name,
      locale: body.locale ?? requestLocale(c),
    });
    await afterResponse(c, mail);
    return c.json({ data: passkey }, 201);
  })

  .patch('/:id{[0-9]+}', validate('json', renameBody), async (c) => {
    const passkey = await renamePasskey(c.env, c.var.shopper, parseId(c.req.param('id')), c.req.valid('json').name);
    return c.json({ data: passkey }, 200);
  })

  .delete('/:id{[0-9]+}', async (c) => {
    const currentPassword = await optionalProof(c);
    const { mail } = await deletePasskey(c.env, c.var.shopper, parseId(c.req.param('id')), { currentPassword, locale: requestLocale(c) });
    await afterResponse(c, mail);
    return c.body(null, 204);
  });

/** The guest part, mounted at /storefront/session. */
export const passkeySession = new Hono<AppEnv>()
  .post('/passkey/options', rateLimit('LOGIN_LIMITER'), async (c) => {
    const { rpId } = await relyingParty(c);
    const options = await authenticationOptions(c.env, { rpId, browser: bindBrowser(c) });
    return c.json({ options });
  })

  // Limited per IP like log-in, in a count of its own (before validation): a response needs a challenge
  // of /passkey/options (which counts with log-in), but a junk one still costs a hash and a D1 batch on
  // the primary; a real sign-in spends one of each, not two of the log-in count.
  .post('/passkey', rateLimit('LOGIN_LIMITER', 'passkey'), validate('json', signInBody), async (c) => {
    const { customer, session } = await signInWithPasskey(c.env, c.req.valid('json').credential, {
      ...ceremonyOf(c),
      client: { ip: clientIp(c), userAgent: c.req.header('User-Agent'), channelId: await channelOf(c) },
    });
    return c.json({ customer, ...deliverSession(c, session) });
  });
