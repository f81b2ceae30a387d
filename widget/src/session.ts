// The shopper's session, one per API base and shared by every element on the page: the access token
// lives in memory only; the refresh token is an HttpOnly cookie the widget never sees, except in
// bearer-refresh mode (below).
// - Refresh at start and shortly before expiry; every caller shares the one refresh in flight. The
//   refresh answers the profile too, so a signed-in page load is one request before the elements show data.
// - At start, only when the session hint says this browser may hold a session: the refresh cookie is
//   HttpOnly on the worker's origin, so the widget cannot look at it, and a refresh just to learn "no
//   session" would cost every guest page view a request (and a 401 in the console). The hint is a
//   localStorage entry of the shop's origin (every tab sees it), one per API base: set whenever tokens
//   arrive (log-in, sign-up, emailed code, password change, a refresh), just before the page leaves for an
//   OpenID Connect provider (oidc.ts; a failed return costs one refresh, which clears it), and by the
//   `#sfa-session` fragment (the worker ends a Customer Login SSO redirect with it unless `redirect_to`
//   has a fragment of its own: the widget never sees that sign-in); cleared by signing out (this device or everywhere), deleting the account and a refresh
//   answered 401. A network failure keeps it (the next page asks again). Where storage is blocked the
//   widget refreshes at every start, as before the hint. Sessions from before the hint existed are not
//   migrated: those shoppers look signed out until they sign in again (any refresh would be the guest's
//   request this avoids; such sessions end within 30 days anyway).
// - A 401 on an authenticated call triggers one refresh and a retry; a second failure signs out.
// - Refreshes are serialised across tabs with navigator.locks: the server rotates the refresh token on
//   every use and revokes the whole session family when a rotated token is presented again, so two tabs
//   refreshing with the same cookie at once would sign the shopper out everywhere.
// - Tabs tell each other about new tokens (with the profile) and sign-outs over a BroadcastChannel.
// - Bearer-refresh mode: a worker with REFRESH_IN_BODY=true also answers `refresh_token` in the body, for
//   browsers that refuse its (partitioned, third-party) cookie. Only then the widget keeps the token, as
//   the session hint's value (so every rule above that clears the hint drops the token too: sign-out,
//   deletion, a refresh answered 401), and sends it in the body of the refresh (the worker rotates it:
//   the answer's token replaces it) and of the log-out. The trade-off, why it is the store's opt-in and
//   never the default: script on the shop's origin (an XSS hole, a compromised third-party tag) can read
//   localStorage, so it could take the refresh token away and keep the session alive elsewhere for up to
//   its 30 days (until sign-out everywhere or a password change), where the HttpOnly cookie only lets it
//   act while the page is open. Cross-tab: the token is read from storage inside the refresh lock (the
//   tab before may just have rotated it); a tab adopting another's tokens writes nothing (the storage is
//   shared), and `hint(true)` (before leaving for an OpenID provider, `#sfa-session`, sign-up) never
//   overwrites a value: writing back an older token would present a rotated one next time, which revokes
//   the whole family.
import { call, createClient, type ApiError, type StorefrontClient } from './api';
import { AccountLogoutEvent } from './events';
import type { Customer, SessionTokens } from './types';

export type SessionState = 'unknown' | 'signed-in' | 'signed-out';
export type { LogoutReason } from './events';
import type { LogoutReason } from './events';

type Message = { type: 'token'; access_token: string; expires_at: number; customer: Customer } | { type: 'logout'; reason: LogoutReason };

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

// Members set in the constructor (or later) are `declare`d: no field initialisers in the log-in page's bundle.
export class Session extends EventTarget {
  /** Origin (and optional path prefix) of the worker, e.g. https://accounts.example.com */
  declare readonly api: string;
  declare readonly client: StorefrontClient;
  /** The same API without the bearer token and the refresh-and-retry (refresh and log-out use it). */
  declare private readonly cookieClient: StorefrontClient;
  state: SessionState = 'unknown';
  customer: Customer | null = null;

  private token: string | null = null;
  private expiresAt = 0;
  declare private timer?: ReturnType<typeof setTimeout>;
  declare private refreshing?: Promise<boolean> | null;
  declare private started?: Promise<void>;
  declare private channel?: BroadcastChannel;
  declare private readonly hintKey: string;

  /** @param api the API base without a trailing slash (sessionFor takes it off). */
  constructor(api: string) {
    super();
    this.api = api;
    this.client = createClient(this.api, (input, init) => this.fetch(input, init));
    this.cookieClient = createClient(this.api, (input, init) => fetch(input, { ...init, credentials: 'include' }));
    // The hint's key is the channel's name: both are this API base's session.
    this.hintKey = `storefront-accounts:${this.api}`;
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(this.hintKey);
      this.channel.onmessage = (e: MessageEvent<Message>) => this.handleMessage(e.data);
    }
  }

  /** Starts the session once: a refresh, which brings the profile, when the hint says there may be a session (else none). */
  start(): Promise<void> {
    return (this.started ??= (async () => {
      if (!(this.hinted() && (await this.refresh())) && this.state === 'unknown') this.setState('signed-out');
    })());
  }

  /** Whether this browser may hold a session: the hint, or `#sfa-session` (taken out of the URL); true when storage is blocked. */
  private hinted(): boolean {
    if (location.hash === '#sfa-session') {
      history.replaceState(history.state, '', location.pathname + location.search);
      this.hint(true);
    }
    return !!this.stored();
  }

  /** The hint's value: '1', the refresh token (bearer-refresh mode), or null; '1' where storage is blocked. */
  private stored(): string | null {
    try {
      return localStorage.getItem(this.hintKey);
    } catch {
      return '1';
    }
  }

  /** The body of a refresh or log-out: the refresh token in bearer-refresh mode, else none (the cookie carries it). */
  private bearer() {
    const token = this.stored();
    // Longer than '1' (`token?.[1]`): a refresh token, not the plain hint.
    return { json: token?.[1] ? { refresh_token: token } : undefined };
  }

  /**
   * @internal Sets or clears the session hint (see the top of this file): `true` sets '1' unless a value is
   * there, a string (the refresh token of bearer-refresh mode, or '1') replaces it.
   */
  hint(on: boolean | string): void {
    try {
      if (!on) localStorage.removeItem(this.hintKey);
      else if (on !== true) localStorage.setItem(this.hintKey, on);
      else if (!this.stored()) localStorage.setItem(this.hintKey, '1');
    } catch {
      // storage blocked: start() refreshes every time instead
    }
  }

  /** Whether an access token is held (the shopper is signed in on this page). */
  get isSignedIn(): boolean {
    return this.state === 'signed-in';
  }

  /** fetch() with the bearer token and credentials; on a 401 refreshes once and retries, then signs out. */
  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const send = () => {
      const headers = new Headers(init.headers);
      if (this.token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${this.token}`);
      return fetch(input, { ...init, headers, credentials: 'include' });
    };
    const used = this.token;
    const res = await send();
    if (res.status !== 401 || !used) return res;
    if (await this.refresh(used)) {
      const retried = await send();
      if (retried.status !== 401) return retried;
    }
    this.end('expired');
    return res;
  };

  /**
   * Gets a fresh access token. Concurrent callers share one request; across tabs the lock makes them
   * take turns, and a tab that waited reuses the token another tab just broadcast.
   * @param stale the token a caller saw rejected: anything newer counts as already refreshed.
   */
  refresh(stale?: string | null): Promise<boolean> {
    return (this.refreshing ??= this.withLock(async () => {
      if (this.token && this.token !== stale && this.expiresAt - Date.now() > REFRESH_MARGIN_MS) return true;
      try {
        // The refresh answers the profile: no GET /storefront/customer before the elements show data.
        const res = await call(this.cookieClient.session.refresh.$post(this.bearer()));
        this.signedIn(res, res.customer);
        return true;
      } catch (err) {
        // The server says there is no session: the next page load asks for none. A network failure or a 5xx proves nothing.
        if ((err as ApiError).status === 401) this.hint(false);
        return false;
      }
    }).finally(() => {
      this.refreshing = null;
    }));
  }

  /** Called by elements after log-in, sign-up or a password change (and by a refresh): adopt the new tokens and profile, tell the other tabs. */
  signedIn(tokens: SessionTokens, customer: Customer): void {
    const msg = { type: 'token', access_token: tokens.access_token, expires_at: Date.now() + tokens.expires_in * 1000, customer } as const;
    // The session hint (in storage every tab shares: the other tabs need not set it). `refresh_token`
    // only in bearer-refresh mode; without one (the worker left that mode) a kept token goes.
    this.hint(tokens.refresh_token ?? '1');
    this.post(msg);
    this.adopt(msg);
  }

  /** Replace the cached profile after an edit. */
  updateCustomer(customer: Customer): void {
    this.customer = customer;
    this.emit();
  }

  /**
   * Signs out on this device (or every device), here and in the other tabs.
   * @param source the element that asked; it fires `account-logout` (else the document does).
   */
  async signOut(everywhere = false, source?: EventTarget): Promise<void> {
    try {
      await call(everywhere ? this.client.sessions.$delete() : this.cookieClient.session.$delete(this.bearer()));
    } catch {
      // the server session may outlive this (offline); the token is dropped here regardless
    } finally {
      this.end(everywhere ? 'everywhere' : 'user', true, source);
    }
  }

  /** Ends the session locally (the server side is gone or was ended) and tells the other tabs. */
  end(reason: LogoutReason, broadcast = true, source?: EventTarget): void {
    const wasSignedIn = this.token !== null || this.state === 'signed-in';
    this.token = null;
    this.expiresAt = 0;
    this.customer = null;
    clearTimeout(this.timer);
    if (broadcast) this.post({ type: 'logout', reason });
    // Signed out on purpose (this device, everywhere) or deleted: no session to look for. `expired` came
    // through a failed refresh (a 401 cleared the hint there); `other-tab` (no broadcast): that tab did.
    if (broadcast && reason !== 'expired') this.hint(false);
    this.setState('signed-out');
    if (wasSignedIn) (source ?? (typeof document === 'object' ? document : this)).dispatchEvent(new AccountLogoutEvent({ reason }));
  }

  /** Takes tokens and the profile (new here, or from another tab) and schedules the next refresh. */
  private adopt(msg: Message & { type: 'token' }): void {
    this.token = msg.access_token;
    this.expiresAt = msg.expires_at;
    // `??`: a tab still running the widget from before the refresh answered the profile sends none.
    this.customer = msg.customer ?? this.customer;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () =>
        void this.refresh(this.token).then((ok) => {
          if (!ok) this.end('expired');
        }),
      Math.max(5_000, this.expiresAt - Date.now() - REFRESH_MARGIN_MS),
    );
    this.setState('signed-in');
  }

  private handleMessage(msg: Message): void {
    if (msg.type === 'token') {
      if (msg.expires_at > this.expiresAt) this.adopt(msg);
    } else if (this.token || this.state === 'signed-in') {
      this.end('other-tab', false);
    }
  }

  private post(msg: Message): void {
    try {
      this.channel?.postMessage(msg);
    } catch {
      // a closed channel (page unloading): nothing to tell
    }
  }

  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'object' ? navigator.locks : undefined;
    return locks ? (locks.request(`storefront-accounts:refresh:${this.api}`, fn) as Promise<T>) : fn();
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

const sessions = new Map<string, Session>();

/** The shared session for an API base. */
export function sessionFor(api: string): Session {
  const key = api.replace(/\/+$/, '');
  let session = sessions.get(key);
  if (!session) sessions.set(key, (session = new Session(key)));
  return session;
}

/** Forget every session (tests). */
export function resetSessions(): void {
  for (const s of sessions.values()) s['channel']?.close();
  sessions.clear();
}

/** The origin this script was loaded from: the default API base. */
export function scriptOrigin(): string {
  try {
    const origin = new URL(import.meta.url).origin;
    if (origin !== 'null') return origin;
  } catch {
    // not a URL (some test runners)
  }
  return typeof location === 'object' ? location.origin : '';
}
