// What the views loaded on demand (login-reset.ts, oidc.ts, email-code.ts, passkey.ts, address-form.ts,
// order-detail.ts) use from the main bundle. They are handed it instead of importing it: a lazy chunk
// that imported Lit or the API client would make esbuild move that shared code out of account-login.js
// into a third file, which costs a log-in page about 0.9 KB gzip. So lazy modules import only types and
// their own English texts (what only one element has, e.g. the custom-field helpers, it hands over itself).
import { html, nothing } from 'lit';
import { call } from './api';
import { AccountChangeEvent, AccountLoginEvent } from './events';
import { input, looksLikeEmail, passwordShapeCode } from './fields';
import { register } from './i18n/index';

export const kit = {
  html,
  nothing,
  call,
  input,
  looksLikeEmail,
  passwordShapeCode,
  register,
  AccountChangeEvent,
  AccountLoginEvent,
  /** Leaves the page (to an OpenID provider); a seam for tests. */
  navigate: (url: string) => location.assign(url),
};
export type Kit = typeof kit;
