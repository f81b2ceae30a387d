// The emailed-code views (issue 12), loaded on demand by every element that needs one (see kit.ts for
// why it imports only types): the code step (one input, `autocomplete="one-time-code"`, resend after a
// minute), sign-in with an emailed code (<account-login>), the code step right after sign-up
// (<account-signup>), confirming and changing the email (<account-profile>), the "add earlier guest
// orders" offer (<account-orders>), and the mail links `#email-code=<code>&email=<email>` (asks first),
// `#email-change=<code>` and `#confirm-subscription=<token>`. A view is shown instead of the element's
// content while `el.code` is set (AccountElement.update).
import type { ClientResponse } from 'hono/client';
import type { AccountElement } from './account-element';
import type { StorefrontClient } from './api';
import type { AccountOrders } from './elements/account-orders';
import en from './i18n/en-email';
import type { MessageKey } from './i18n/index';
import type { Kit } from './kit';
import type { Customer, EmailState, SessionTokens } from './types';

type Post<In, Out> = { $post(args: { json: In }): Promise<ClientResponse<Out, 200 | 202, 'json'>> };
type Session = SessionTokens & { customer: Customer };
/**
 * The routes of the issue-12 contract (/tmp/issue12-contract.md) as the widget calls them. Intersected
 * with the client's type, which comes from the worker's routes: once those declare the same routes this
 * adds nothing and can go.
 */
type Contract = {
  session: {
    code: Post<{ email: string; locale?: string }, { status: 'sent'; resend_after: number }> & {
      confirm: Post<{ email: string; code: string }, Session>;
    };
  };
  customer: {
    email: { confirm: Post<{ code: string }, { customer: Customer }> };
    orders: { claim: { $post(): Promise<ClientResponse<{ claimed: number }, 200, 'json'>> } };
  };
  subscribers: { confirm: Post<{ token: string }, { status: 'confirmed' }> };
};

/** What a code step needs. */
interface Step {
  /** Where the code was sent (shown). */
  email: string;
  /** Checks the code and does what follows (throws the API's error on a wrong code). */
  confirm(code: string): Promise<unknown>;
  /** Sends a new code; without it the step offers none. */
  send?: () => Promise<unknown>;
  /** A code was just sent: a new one only after a minute. */
  sent?: boolean;
  /** A code from a mail link (after the shopper said yes, see askSignIn): filled in and checked at once. */
  code?: string;
  /** A line above the form. */
  note?: MessageKey;
  /** The ways out: [text, action]. */
  out?: [MessageKey, () => void][];
  alert?: string;
}

export default function emailViews({ html, nothing, call, input, looksLikeEmail, register, AccountChangeEvent, AccountLoginEvent }: Kit) {
  register('email', en, { de: () => import('./i18n/de-email'), fr: () => import('./i18n/fr-email') });

  const api = (el: AccountElement) => el.session.client as StorefrontClient & Contract;
  const locale = (el: AccountElement) => (/^(de|fr)/i.exec(el.language)?.[0].toLowerCase() ?? 'en') as 'en';
  const changed = (
    el: AccountElement,
    kind: 'email-verified' | 'email-change-requested' | 'email-changed' | 'orders-claimed' | 'subscription-confirmed',
    data?: unknown,
  ) => el.dispatchEvent(new AccountChangeEvent({ kind, data }));
  /** Elements whose "send a new code" waits for its minute. */
  const waiting = new WeakSet<AccountElement>();

  /** Takes a spent mail link out of the address bar and history (and so from the other elements). */
  const dropHash = () => history.replaceState(history.state, '', location.pathname + location.search);

  async function show(el: AccountElement, view: (() => unknown) | undefined, alert = ''): Promise<void> {
    el.code = view;
    el.errors = {};
    el.alert = alert;
    el.requestUpdate();
    await el.updateComplete;
    (el.querySelector<HTMLElement>('form input:not([hidden])') ?? el.querySelector<HTMLElement>('h2'))?.focus();
  }

  const close = (el: AccountElement) => show(el, undefined);

  function cooldown(el: AccountElement): void {
    waiting.add(el);
    setTimeout(() => {
      waiting.delete(el);
      el.requestUpdate();
    }, 60_000);
  }

  const sendCode = (el: AccountElement, email: string) => call(api(el).session.code.$post({ json: { email, locale: locale(el) } }));

  /** A sign-in code (or the sign-up's verify code) for `email` → a new session, adopted after `before` (events while the element is still on the page). */
  async function signInWithCode(el: AccountElement, email: string, code: string, before: (s: Session) => void): Promise<void> {
    const res = await call(api(el).session.code.confirm.$post({ json: { email, code } }));
    before(res);
    el.session.signedIn(res, res.customer);
  }

  async function confirm(el: AccountElement, s: Step, code: string): Promise<void> {
    if (!el.check(/^\d{6}$/.test(code) ? {} : { code: code ? 'invalid_or_expired' : 'required' })) return;
    const ok = await el.run(() => s.confirm(code).then(() => true));
    // A wrong code is a field error; the alert says what to do rather than "correct the fields".
    if (!ok && el.errors.code) el.alert = el.t('e_code_invalid');
  }

  async function resend(el: AccountElement, s: Step): Promise<void> {
    if (!(await el.run(() => s.send!().then(() => true)))) return;
    cooldown(el);
    el.announce(el.t('resent'));
    el.querySelector<HTMLElement>(`#${el.uid}-code`)?.focus();
  }

  /** The code step. */
  async function step(el: AccountElement, s: Step): Promise<void> {
    if (s.sent) cooldown(el);
    const wait = `${el.uid}-wait`;
    await show(
      el,
      () =>
        html`<h2 tabindex="-1">${el.t('codeTitle')}</h2>
          <form
            method="post"
            novalidate
            aria-label=${el.t('codeTitle')}
            @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              void confirm(el, s, (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name=code]')!.value.trim());
            }}
          >
            ${s.note ? html`<p>${el.t(s.note)}</p>` : nothing}
            <p>${el.t('codeSent', { email: s.email })}</p>
            ${el.renderAlert()}
            <input type="email" name="username" autocomplete="username" value=${s.email} hidden readonly />
            ${input(el, { name: 'code', label: el.t('code'), autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, required: true, value: s.code })}
            <div class="sfa-actions">
              <button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('confirm')}</button>
              ${
                s.send
                  ? html`<button
                      class="sfa-button sfa-secondary"
                      type="button"
                      ?disabled=${el.busy || waiting.has(el)}
                      aria-describedby=${waiting.has(el) ? wait : nothing}
                      @click=${() => resend(el, s)}
                    >
                      ${el.t('resend')}
                    </button>`
                  : nothing
              }
              ${(s.out ?? []).map(([label, action]) => html`<button class="sfa-link" type="button" @click=${action}>${el.t(label)}</button>`)}
            </div>
            ${s.send && waiting.has(el) ? html`<p class="sfa-hint" id=${wait}>${el.t('resendWait')}</p>` : nothing}
          </form>`,
      s.alert,
    );
    if (s.code) await confirm(el, s, s.code);
  }

  /** Confirms the shopper's own (current) email with a code sent to it; the answer is a fresh session. */
  async function verify(el: AccountElement, then?: () => Promise<unknown>, note?: MessageKey): Promise<void> {
    const email = el.session.customer!.email;
    await sendCode(el, email);
    await step(el, {
      email,
      sent: true,
      note,
      send: () => sendCode(el, email),
      confirm: async (code) => {
        await signInWithCode(el, email, code, () => changed(el, 'email-verified'));
        await close(el);
        el.announce(el.t('emailVerified'));
        await then?.();
      },
      out: [['later', () => void close(el)]],
    });
  }

  /** <account-profile>: the new address and the current password → a code to the new address → confirmed. */
  function changeForm(el: AccountElement): Promise<void> {
    const c = el.session.customer!;
    return show(
      el,
      () =>
        html`<h2 tabindex="-1">${el.t('changeEmail')}</h2>
          <form method="post" novalidate aria-label=${el.t('changeEmail')} @submit=${(e: SubmitEvent) => requestChange(el, e)}>
            ${el.renderAlert()}
            <input type="email" name="username" autocomplete="username" value=${c.email} hidden readonly />
            ${input(el, { name: 'email', type: 'email', label: el.t('newEmail'), autocomplete: 'email', required: true, inputmode: 'email' })}
            ${c.has_password ? input(el, { name: 'current_password', type: 'password', label: el.t('currentPassword'), autocomplete: 'current-password', required: true }) : nothing}
            <div class="sfa-actions">
              <button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('sendCode')}</button>
              <button class="sfa-button sfa-secondary" type="button" @click=${() => close(el)}>${el.t('cancel')}</button>
            </div>
          </form>`,
    );
  }

  async function requestChange(el: AccountElement, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = form.querySelector<HTMLInputElement>('input[name=email]')!.value.trim();
    const password = form.querySelector<HTMLInputElement>('input[name=current_password]');
    const errors: Record<string, 'required' | 'invalid_email'> = {};
    if (!looksLikeEmail(email)) errors.email = email ? 'invalid_email' : 'required';
    if (password && !password.value) errors.current_password = 'required';
    if (!el.check(errors)) return;
    const res = await el.run(() => call(api(el).customer.$patch({ json: { email, current_password: password?.value } })));
    if (!res) return;
    el.session.updateCustomer(res.customer);
    changed(el, 'email-change-requested', res.customer);
    await changeStep(el, true);
  }

  /** The code step of a pending email change (its code went to the new address). */
  function changeStep(el: AccountElement, sent = false, code?: string): Promise<void> {
    return step(el, {
      email: (el.session.customer as EmailState | null)?.pending_email ?? '',
      sent,
      code,
      confirm: async (value) => {
        const res = await call(api(el).customer.email.confirm.$post({ json: { code: value } }));
        el.session.updateCustomer(res.customer);
        changed(el, 'email-changed', res.customer);
        await close(el);
        el.announce(el.t('emailChanged'));
      },
      out: [
        ['changeEmail', () => void changeForm(el)],
        ['cancel', () => void close(el)],
      ],
    });
  }

  /** <account-login>: "Email me a code": the email (prefilled), then the code → signed in. */
  function signInForm(el: AccountElement, email: string): Promise<void> {
    return show(
      el,
      () =>
        html`<h2 tabindex="-1">${el.t('codeSignIn')}</h2>
          <form
            method="post"
            novalidate
            aria-label=${el.t('codeSignIn')}
            @submit=${async (e: SubmitEvent) => {
              e.preventDefault();
              const value = (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name=email]')!.value.trim();
              if (!el.check(looksLikeEmail(value) ? {} : { email: value ? 'invalid_email' : 'required' })) return;
              if (await el.run(() => sendCode(el, value).then(() => true))) await signInStep(el, value);
            }}
          >
            <p>${el.t('codeIntro')}</p>
            ${el.renderAlert()}
            ${input(el, { name: 'email', type: 'email', label: el.t('email'), autocomplete: 'username', required: true, value: email, inputmode: 'email' })}
            <div class="sfa-actions">
              <button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('sendCode')}</button>
              <button class="sfa-link" type="button" @click=${() => close(el)}>${el.t('backToSignIn')}</button>
            </div>
          </form>`,
    );
  }

  /** The code step of a sign-in (a code was sent to `email`); `code` from a mail link. */
  function signInStep(el: AccountElement, email: string, alert?: string, code?: string): Promise<void> {
    const wasSignedIn = el.session.isSignedIn;
    return step(el, {
      email,
      sent: !code,
      code,
      alert,
      send: () => sendCode(el, email),
      confirm: async (value) => {
        await signInWithCode(el, email, value, (s) =>
          el.dispatchEvent(wasSignedIn ? new AccountChangeEvent({ kind: 'email-verified' }) : new AccountLoginEvent({ customer: s.customer })),
        );
        await close(el);
        el.announce(el.t('emailVerified'));
      },
      out: wasSignedIn ? undefined : [['backToSignIn', () => void close(el)]],
    });
  }

  /**
   * `#email-code=<code>&email=<email>`: anyone can mail a link with a code for their own account, and
   * confirming it at once would sign the shopper into that account unawares (login CSRF). So it asks
   * "Sign in as <email>?" and confirms only on the click; the shopper's own email (signed in) needs no
   * question. A link without a usable email is dropped.
   */
  async function askSignIn(el: AccountElement, email: string, code: string): Promise<void> {
    if (!looksLikeEmail(email)) return;
    if (el.session.customer?.email.toLowerCase() === email.toLowerCase()) return signInStep(el, email, undefined, code);
    const title = `${el.uid}-ask`;
    let clicked = false;
    await show(
      el,
      () =>
        html`<h2 tabindex="-1" id=${title}>${el.t('linkAsk', { email })}</h2>
          <form
            method="post"
            novalidate
            aria-labelledby=${title}
            @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              if (!clicked) void signInStep(el, email, undefined, code);
              clicked = true;
            }}
          >
            <div class="sfa-actions">
              <button class="sfa-button" type="submit">${el.t('signIn')}</button>
              <button
                class="sfa-link"
                type="button"
                @click=${() => {
                  el.announce('');
                  void close(el);
                }}
              >
                ${el.t('linkCancel')}
              </button>
            </div>
          </form>`,
    );
    el.announce(el.t('linkNote'));
    el.querySelector<HTMLElement>('form button[type=submit]')?.focus();
  }

  /** <account-orders>: "N earlier orders … add them?" → claimed (after confirming the email if it is not). */
  function claimOffer(el: AccountOrders, n: number): void {
    const claim = async () => {
      const res = await el.run(() => call(api(el).customer.orders.claim.$post()));
      if (!res) return;
      el.offer = undefined;
      changed(el, 'orders-claimed', res);
      await el.load(1);
      el.announce(el.t('claimed', { n: 'claimed' in res ? res.claimed : 0 }));
    };
    const handleClaim = () => ((el.session.customer as EmailState | null)?.email_verified ? claim() : el.run(() => verify(el, claim, 'claimVerify')));
    el.offer = () =>
      html`<div class="sfa-card">
        <p>${n === 1 ? el.t('claimOne') : el.t('claimMany', { n })}</p>
        <button class="sfa-button" type="button" ?disabled=${el.busy} @click=${handleClaim}>${el.t('claim')}</button>
      </div>`;
    el.requestUpdate();
  }

  /** The mail links: `#email-code=<code>&email=<email>` (sign-in / sign-up code), `#email-change=<code>` (signed in), `#confirm-subscription=<token>`. */
  async function link(el: AccountElement): Promise<void> {
    const params = new URLSearchParams(location.hash.slice(1));
    const code = params.get('email-code');
    const change = params.get('email-change');
    const token = params.get('confirm-subscription');
    if (code !== null) {
      dropHash();
      await askSignIn(el, params.get('email') ?? '', code);
    } else if (change !== null && el.session.isSignedIn) {
      dropHash();
      await changeStep(el, false, change);
    } else if (token !== null) {
      dropHash();
      const res = await el.run(() => call(api(el).subscribers.confirm.$post({ json: { token } })));
      if (!res) {
        // The token has no field to show it on: the alert says what to do.
        if (el.errors.token) [el.errors, el.alert] = [{}, el.t('e_subscription_token_invalid')];
        return;
      }
      changed(el, 'subscription-confirmed');
      el.announce(el.t('subscriptionConfirmed'));
    }
  }

  const views = {
    verify,
    changeEmail: (el: AccountElement) => ((el.session.customer as EmailState | null)?.pending_email ? changeStep(el) : changeForm(el)),
    /** <account-login>: "Email me a code" (with the email typed so far), or `sent` (a password log-in was answered `email_unverified`: a code is on its way). */
    signIn: (el: AccountElement, sent?: 1) => {
      const email = el.querySelector<HTMLInputElement>('input[name=email]')?.value.trim() ?? '';
      return sent ? signInStep(el, email, el.t('e_email_unverified')) : signInForm(el, email);
    },
    /** <account-signup>, right after the account was created (the code is on its way); `tokens` when the store lets the shopper in before confirming (policy `optional`). */
    signUp: (el: AccountElement, customer: Customer, tokens: SessionTokens | undefined, done: (c: Customer) => void) =>
      step(el, {
        email: customer.email,
        sent: true,
        send: () => sendCode(el, customer.email),
        confirm: async (code) => {
          await signInWithCode(el, customer.email, code, (s) => {
            done(s.customer);
            changed(el, 'email-verified');
          });
          await close(el);
          el.announce(el.t('emailVerified'));
        },
        out: tokens && [
          [
            'later',
            () => {
              done(customer);
              void close(el);
              el.session.signedIn(tokens, customer);
            },
          ],
        ],
      }),
    claimOffer,
    link,
  };
  /** Runs `open` once the element has the texts. */
  return async (el: AccountElement, open: (v: typeof views) => unknown) => {
    await el.need('email');
    return open(views);
  };
}
export type EmailViews = Parameters<ReturnType<typeof emailViews>>[1] extends (v: infer V) => unknown ? V : never;
