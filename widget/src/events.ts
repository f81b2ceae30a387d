// The events the elements fire: small typed CustomEvent classes, all bubbling and composed so a theme
// can listen on any ancestor (or document). Declared in GlobalEventHandlersEventMap for typed listeners.
import type { Failure } from './api';
import type { Customer } from './types';

const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

export type LogoutReason = 'user' | 'everywhere' | 'expired' | 'other-tab' | 'deleted';

/** The shopper signed in (`detail.customer`). */
export class AccountLoginEvent extends CustomEvent<{ customer: Customer }> {
  constructor(detail: { customer: Customer }) {
    super('account-login', init(detail));
  }
}

/**
 * The shopper was signed out: `detail.reason` is `user` (this device), `everywhere`, `deleted` (account
 * erased), `expired` (the session ended on the server) or `other-tab`. Fired by the element that signed
 * out, or by `document` when no element did.
 */
export class AccountLogoutEvent extends CustomEvent<{ reason: LogoutReason }> {
  constructor(detail: { reason: LogoutReason }) {
    super('account-logout', init(detail));
  }
}

/** A new account was created and signed in (`detail.customer`). */
export class AccountSignupEvent extends CustomEvent<{ customer: Customer }> {
  constructor(detail: { customer: Customer }) {
    super('account-signup', init(detail));
  }
}

export type ChangeKind =
  | 'profile'
  | 'password'
  | 'address-added'
  | 'address-updated'
  | 'address-deleted'
  | 'consents'
  | 'subscribed'
  | 'password-reset'
  | 'identity-linked'
  | 'identity-unlinked'
  | 'email-verified'
  | 'email-change-requested'
  | 'email-changed'
  | 'orders-claimed'
  | 'subscription-confirmed'
  | 'passkey-added'
  | 'passkey-renamed'
  | 'passkey-removed';

/** Something the shopper saved: `detail.kind` says what, `detail.data` is the saved record when there is one. */
export class AccountChangeEvent extends CustomEvent<{ kind: ChangeKind; data?: unknown }> {
  constructor(detail: { kind: ChangeKind; data?: unknown }) {
    super('account-change', init(detail));
  }
}

/**
 * An API call failed: `detail` is the server's error body (shared/api-types.ts `ErrorBody`): switch on
 * `detail.code` and the field codes in `detail.codes`, not on the English `title` / `errors`. Status 0:
 * the network failed (no code).
 */
export class AccountErrorEvent extends CustomEvent<Failure> {
  constructor(detail: Failure) {
    super('account-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'account-login': AccountLoginEvent;
    'account-logout': AccountLogoutEvent;
    'account-signup': AccountSignupEvent;
    'account-change': AccountChangeEvent;
    'account-error': AccountErrorEvent;
  }
}
