// Passkeys, the part in the main bundle: loads the passkey views (passkey.ts) for <account-login>,
// <account-profile> and (where the store allows sign-up without a password) <account-signup>, which set
// `el.passkey`. The log-in page's base bundle carries only this loader, the `passkey` render slot and
// the email field's `webauthn` autofill token (set once autofill runs).
import type { AccountElement } from './account-element';
import { kit } from './kit';

let views: Promise<(el: AccountElement) => Promise<void>> | undefined;

/** Loads the passkey views and hands them the element; a chunk that fails to load leaves the element without them. */
export const offerPasskeys = (el: AccountElement): Promise<void> =>
  (views ??= import('./passkey').then((m) => m.default(kit))).then(
    (v) => v(el),
    () => {},
  );
