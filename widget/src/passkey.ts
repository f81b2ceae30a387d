// The passkey views (issue 14), loaded on demand by passkey-hook.ts; like oidc.ts it imports only types
// and its own texts (see kit.ts). For <account-login>: "Sign in with a passkey", passkey autofill
// (conditional mediation: the email field gets `autocomplete="username webauthn"` and a pending
// `navigator.credentials.get({mediation: 'conditional'})` once a guest comes to the form), and the
// signed-in view ("Signed in as …", sign out) with a one-time offer to create a passkey after a password
// or code sign-in on a device with a platform authenticator (dismissal remembered in localStorage per API
// base). For <account-signup> where the store allows it: "Sign up with a passkey" (the form's second submit
// button; after the code step the new account's passkey is created at once). For <account-profile>: the shopper's passkeys (name, created, last used, synced or this device
// only) with rename and remove, and "Add a passkey". Options and credentials travel as WebAuthn JSON: the
// browser's own helpers (PublicKeyCredential.parse…FromJSON, credential.toJSON()) where it has them, a
// small base64url conversion where it does not.
import type { AccountElement } from './account-element';
import type { ApiError, Data, StorefrontClient } from './api';
import type { AccountLogin } from './elements/account-login';
import en from './i18n/en-passkey';
import type { Kit } from './kit';
import type { Session } from './session';

type Passkey = Data<StorefrontClient['customer']['passkeys']['$get']>['data'][number];
type CreationJSON = Data<StorefrontClient['customer']['passkeys']['options']['$post']>['options'];
type RequestJSON = Data<StorefrontClient['session']['passkey']['options']['$post']>['options'];
/** A request body the typed client does not know (the optional `{current_password}` of options and delete). */
type Loose = never;

export default function passkeyViews(kit: Kit) {
  const { html, nothing, call, input, register, AccountChangeEvent, AccountLoginEvent } = kit;
  register('passkey', en, { de: () => import('./i18n/de-passkey'), fr: () => import('./i18n/fr-passkey') });
  /** Undefined where the browser has no WebAuthn: no button, no autofill, no "Add a passkey". */
  const pkc = () => (globalThis as { PublicKeyCredential?: typeof PublicKeyCredential }).PublicKeyCredential;

  // ---- WebAuthn JSON (base64url) ⇄ the browser's binary options and credentials
  const bin = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const text = (b: ArrayBuffer | null) =>
    b &&
    btoa(String.fromCharCode(...new Uint8Array(b)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const ids = (list?: { id: string }[]) => list?.map((d) => ({ ...d, id: bin(d.id) }));
  const creation = (o: CreationJSON): PublicKeyCredentialCreationOptions =>
    'parseCreationOptionsFromJSON' in pkc()!
      ? pkc()!.parseCreationOptionsFromJSON(o)
      : ({
          ...o,
          challenge: bin(o.challenge),
          user: { ...o.user, id: bin(o.user.id) },
          excludeCredentials: ids(o.excludeCredentials),
        } as PublicKeyCredentialCreationOptions);
  const request = (o: RequestJSON): PublicKeyCredentialRequestOptions =>
    'parseRequestOptionsFromJSON' in pkc()!
      ? pkc()!.parseRequestOptionsFromJSON(o)
      : ({ ...o, challenge: bin(o.challenge), allowCredentials: ids(o.allowCredentials) } as PublicKeyCredentialRequestOptions);
  const toJSON = (c: PublicKeyCredential) => {
    if (typeof c.toJSON === 'function') return c.toJSON() as { id: string; rawId: string; type: string; response: never };
    const r = c.response as AuthenticatorAttestationResponse & AuthenticatorAssertionResponse;
    return {
      id: c.id,
      rawId: text(c.rawId)!,
      type: c.type,
      authenticatorAttachment: c.authenticatorAttachment,
      clientExtensionResults: c.getClientExtensionResults(),
      response: (r.attestationObject
        ? { clientDataJSON: text(r.clientDataJSON), attestationObject: text(r.attestationObject), transports: r.getTransports?.() }
        : {
            clientDataJSON: text(r.clientDataJSON),
            authenticatorData: text(r.authenticatorData),
            signature: text(r.signature),
            userHandle: text(r.userHandle),
          }) as never,
    };
  };
  /** The language of the owner's "passkey added" mail. */
  const locale = (el: AccountElement) => (/^(de|fr)/i.exec(el.language)?.[0].toLowerCase() ?? 'en') as 'en';

  /** Shows a failure: the browser's (cancelled, timed out, already registered on this authenticator) or the API's, by code. */
  function fault(el: AccountElement, err: unknown, fieldFor?: (key: string) => string): void {
    if (err instanceof DOMException) {
      if (err.name !== 'AbortError') el.alert = el.t(err.name === 'InvalidStateError' ? 'e_passkey_exists' : 'passkeyFailed');
      return;
    }
    el.fail(err, fieldFor); // account-error, and the alert by the code's text
    if ((err as ApiError).code === 'last_sign_in_method') el.alert = el.t('passkeyLast');
  }

  /** Runs a passkey action with the busy state; failures go to fault(). Resolves to null when it worked, else the failure's code ('' without one). */
  async function attempt(el: AccountElement, work: () => Promise<unknown>, fieldFor?: (key: string) => string): Promise<string | null> {
    el.busy = true;
    el.alert = '';
    el.announce('');
    try {
      await work();
      return null;
    } catch (err) {
      fault(el, err, fieldFor);
      return (err as ApiError).code ?? '';
    } finally {
      el.busy = false;
    }
  }

  /** Creates a passkey for the signed-in shopper (`current_password` when the worker asked for a recent sign-in). */
  async function create(el: AccountElement, current_password?: string): Promise<Passkey> {
    const client = el.session.client.customer.passkeys;
    const { options } = await call(client.options.$post((current_password ? { json: { current_password } } : {}) as Loose));
    const credential = (await navigator.credentials.create({ publicKey: creation(options) })) as PublicKeyCredential;
    const { data } = await call(client.$post({ json: { credential: toJSON(credential), locale: locale(el) } }));
    el.announce(el.t('passkeyAdded'));
    el.dispatchEvent(new AccountChangeEvent({ kind: 'passkey-added', data }));
    return data;
  }

  // ---- The one-time offer to create a passkey after a password or code sign-in. Pending per session and
  // shown by whichever element is there: <account-login>'s signed-in view, or <account-profile> (in
  // <account-portal> the profile replaces the log-in form as soon as the shopper is signed in).
  const offers = new WeakSet<Session>();
  const offerKey = (el: AccountElement) => `storefront-accounts:passkey-offer:${el.session.api}`;
  /** Passkeys created by <account-signup>: a profile on the page loads its list again. */
  let signUpPasskeys = 0;
  /** Every element of the session renders again (the offer came or went). */
  const rerender = (el: AccountElement) => el.session.dispatchEvent(new Event('change'));

  /** After a password or code sign-in (not a passkey's), on a device with a platform authenticator, when the shopper has no passkey and never said "Not now". */
  async function considerOffer(el: AccountElement): Promise<void> {
    try {
      if (localStorage.getItem(offerKey(el)) || !(await pkc()?.isUserVerifyingPlatformAuthenticatorAvailable())) return;
      if ((await call(el.session.client.customer.passkeys.$get())).data.length) return;
    } catch {
      return; // storage blocked, or the list did not load: no offer
    }
    offers.add(el.session);
    rerender(el);
  }

  function dismiss(el: AccountElement): void {
    offers.delete(el.session);
    try {
      localStorage.setItem(offerKey(el), '1');
    } catch {
      // storage blocked: the offer comes back after the next password sign-in
    }
    rerender(el);
  }

  /** The offer: create a passkey now (`created` gets it), or "Not now" (never again on this browser). */
  const offerView = (el: AccountElement, created = (_: Passkey) => {}) =>
    html`<p>${el.t('passkeyOffer')}</p>
      <div class="sfa-actions">
        <button
          class="sfa-button"
          type="button"
          ?disabled=${el.busy}
          @click=${async () => (await attempt(el, () => create(el).then(created))) === null && dismiss(el)}
        >
          ${el.t('passkeyCreate')}
        </button>
        <button class="sfa-button sfa-secondary" type="button" @click=${() => dismiss(el)}>${el.t('notNow')}</button>
      </div>`;

  /** <account-login>: the passkey button, autofill and the signed-in view with the offer. */
  function login(el: AccountLogin): void {
    const client = el.session.client.session.passkey;
    /** The pending autofill request (set while one runs or after it failed, until the next sign-out). */
    let autofill: AbortController | undefined;
    /** The sign-in in progress is a passkey's: no offer to create one. */
    let byPasskey = false;

    /** Options → the browser's passkey (modal, or conditional with `signal`) → a session, adopted as a password log-in's. */
    async function signIn(signal?: AbortSignal): Promise<void> {
      const { options } = await call(client.options.$post());
      const credential = (await navigator.credentials.get({
        publicKey: request(options),
        mediation: signal ? 'conditional' : 'optional',
        signal,
      })) as PublicKeyCredential;
      const res = await call(client.$post({ json: { credential: toJSON(credential) } }));
      byPasskey = true;
      el.session.signedIn(res, res.customer);
      el.dispatchEvent(new AccountLoginEvent({ customer: res.customer }));
    }

    /**
     * Passkey autofill for a guest: the email field has the `webauthn` token as soon as the browser says it
     * can (no request), and the conditional request, which needs a challenge from the worker, starts when
     * the shopper comes to that field (pointer or focus): a guest's page view sends no session request
     * (issue 11), and the per-IP sign-in limit is not spent on page views. Once per sign-out; a challenge
     * that expired while the form waited is fetched again on the next interaction.
     */
    void pkc()
      ?.isConditionalMediationAvailable?.()
      .then(
        (ok) => {
          if (ok) el.autofill = ' webauthn';
          el.requestUpdate();
        },
        () => {},
      );
    function startAutofill(e: Event): void {
      if (autofill || !el.autofill || el.session.state !== 'signed-out' || (e.target as HTMLInputElement).name !== 'email') return;
      const ac = (autofill = new AbortController());
      signIn(ac.signal).catch((err) => {
        if (ac.signal.aborted) return;
        if ((err as ApiError).code === 'passkey_challenge_expired') autofill = undefined;
        else if (!(err instanceof DOMException)) fault(el, err); // the browser's own failures are its UI's business
        el.requestUpdate();
      });
    }
    el.addEventListener('focusin', startAutofill);
    el.addEventListener('pointerover', startAutofill);

    async function handleButton(): Promise<void> {
      autofill?.abort(); // one WebAuthn request at a time: the button's replaces autofill's
      if ((await attempt(el, () => signIn())) !== null) {
        autofill = undefined; // autofill again after a cancelled or failed attempt
        el.requestUpdate();
      }
    }

    el.addEventListener('account-login', () => {
      if (!byPasskey) void considerOffer(el);
      byPasskey = false;
    });

    const signedIn = () => {
      const c = el.session.customer;
      return html`<div class="sfa-stack">
        <p>${el.t('signedInAs', { name: c ? `${c.first_name} ${c.last_name}` : '' })}</p>
        ${offers.has(el.session) ? html`${el.renderAlert()}${offerView(el)}` : nothing}
        <div class="sfa-actions">
          <button class="sfa-button sfa-secondary" type="button" @click=${() => el.session.signOut(false, el)}>${el.t('signOut')}</button>
        </div>
      </div>`;
    };

    el.passkey = () => {
      if (el.session.isSignedIn) {
        autofill?.abort();
        autofill = undefined;
        return signedIn();
      }
      offers.delete(el.session); // signed out: an offer not taken may come after the next sign-in
      return pkc()
        ? html`<div class="sfa-stack">
            <button class="sfa-button sfa-secondary" type="button" ?disabled=${el.busy} @click=${handleButton}>${el.t('passkeySignIn')}</button>
          </div>`
        : nothing;
    };
  }

  /** <account-profile>: the passkey list, rename, remove, "Add a passkey". */
  function profile(el: AccountElement): void {
    const client = el.session.client.customer.passkeys;
    let list: Passkey[] | null = null;
    let loadedFor: number | undefined;
    let seen = 0;
    /** The passkey being renamed. */
    let editing: number | undefined;
    /** The worker asked for a recent sign-in: a shopper with a password may confirm it instead. */
    let askPassword = false;

    /** Loads the list for the shopper signed in now (none when signed out). */
    const sync = () => {
      const id = el.session.customer?.id;
      if (id === loadedFor && seen === signUpPasskeys) return;
      [loadedFor, list, editing, askPassword, seen] = [id, null, undefined, false, signUpPasskeys];
      if (id !== undefined)
        void call(client.$get()).then(
          (r) => {
            if (loadedFor === id) list = r.data;
            el.requestUpdate();
          },
          () => {}, // the section stays away; the rest of the profile works
        );
    };

    const password = () => el.querySelector<HTMLInputElement>('input[name=passkey_current_password]')?.value || undefined;
    const needsProof = (code: string | null) => {
      if (code === 'reauthentication_required' && el.session.customer?.has_password) askPassword = true;
      el.requestUpdate();
    };

    const add = async () => {
      const code = await attempt(el, async () => {
        const p = await create(el, password());
        list = [...(list ?? []).filter((x) => x.id !== p.id), p];
        askPassword = false;
      });
      needsProof(code);
    };

    const remove = async (p: Passkey) => {
      const current_password = password();
      const code = await attempt(el, async () => {
        try {
          await call(client[':id{[0-9]+}'].$delete({ param: { id: String(p.id) }, ...(current_password && { json: { current_password } }) }));
        } catch (err) {
          if ((err as ApiError).status !== 404) throw err; // gone already: as good as removed
        }
        list = (list ?? []).filter((x) => x !== p);
        askPassword = false;
        el.announce(el.t('passkeyRemoved', { name: p.name }));
        el.dispatchEvent(new AccountChangeEvent({ kind: 'passkey-removed', data: { id: p.id } }));
      });
      needsProof(code);
    };

    const edit = async (id: number | undefined) => {
      editing = id;
      el.errors = {};
      el.requestUpdate();
      await el.updateComplete;
      el.querySelector<HTMLElement>(id === undefined ? `#${el.uid}-pk` : 'input[name=passkey_name]')?.focus();
    };

    const rename = async (p: Passkey, e: SubmitEvent) => {
      e.preventDefault();
      const name = (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name=passkey_name]')!.value.trim();
      if (!el.check(name ? {} : { passkey_name: 'required' })) return;
      const code = await attempt(
        el,
        async () => {
          const { data } = await call(client[':id{[0-9]+}'].$patch({ param: { id: String(p.id) }, json: { name } }));
          list = (list ?? []).map((x) => (x.id === p.id ? data : x));
          el.dispatchEvent(new AccountChangeEvent({ kind: 'passkey-renamed', data }));
        },
        (key) => (key === 'name' ? 'passkey_name' : key),
      );
      if (code === null) await edit(undefined);
    };

    const date = (iso: string) => new Date(iso).toLocaleDateString(el.language, { dateStyle: 'medium' });

    const item = (p: Passkey) =>
      editing === p.id
        ? html`<li>
            <form class="sfa-stack" method="post" novalidate aria-label=${el.t('renameNamed', { name: p.name })} @submit=${(e: SubmitEvent) => rename(p, e)}>
              ${input(el, { name: 'passkey_name', label: el.t('passkeyName'), required: true, value: p.name, maxlength: 100 })}
              <div class="sfa-actions">
                <button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('save')}</button>
                <button class="sfa-button sfa-secondary" type="button" @click=${() => edit(undefined)}>${el.t('cancel')}</button>
              </div>
            </form>
          </li>`
        : html`<li class="sfa-actions">
            <span
              >${p.name}
              <span class="sfa-muted"
                >${el.t('passkeyCreated', { date: date(p.date_created) })}, ${p.last_used ? el.t('passkeyUsed', { date: date(p.last_used) }) : el.t('passkeyNeverUsed')} ·
                ${el.t(p.backed_up ? 'passkeySynced' : 'passkeyDevice')}</span
              ></span
            >
            <button class="sfa-button sfa-secondary" type="button" aria-label=${el.t('renameNamed', { name: p.name })} @click=${() => edit(p.id)}>${el.t('rename')}</button>
            <button class="sfa-button sfa-secondary" type="button" aria-label=${el.t('removeNamed', { name: p.name })} ?disabled=${el.busy} @click=${() => remove(p)}>
              ${el.t('remove')}
            </button>
          </li>`;

    el.passkey = () => {
      sync();
      if (!list) return nothing;
      return html`<section class="sfa-stack" aria-labelledby="${el.uid}-pk">
        <h3 id="${el.uid}-pk" tabindex="-1">${el.t('passkeys')}</h3>
        ${list.length ? html`<ul class="sfa-list">${list.map(item)}</ul>` : offers.has(el.session) ? nothing : html`<p class="sfa-muted">${el.t('passkeyIntro')}</p>`}
        ${askPassword ? input(el, { name: 'passkey_current_password', type: 'password', label: el.t('currentPassword'), autocomplete: 'current-password' }) : nothing}
        ${
          offers.has(el.session)
            ? offerView(el, (p) => (list = [...(list ?? []), p]))
            : pkc()
              ? html`<div class="sfa-actions">
              <button class="sfa-button sfa-secondary" type="button" ?disabled=${el.busy} @click=${add}>${el.t('passkeyAdd')}</button>
            </div>`
              : html`<p class="sfa-muted">${el.t('passkeyUnsupported')}</p>`
        }
      </section>`;
    };
  }

  /**
   * <account-signup>: "Sign up with a passkey", a second submit button of the form (the element sends no
   * password for it). Once the code step has signed the new shopper in, the passkey is created; should
   * the shopper cancel the browser's dialog, the offer waits in the profile.
   */
  function signup(el: AccountElement): void {
    el.addEventListener('account-signup', (e) => {
      if (e.detail.customer.has_password) return;
      // The event comes just before the session adopts the code's tokens: create once it has.
      setTimeout(() => {
        void attempt(el, () => create(el)).then((code) => {
          if (code === null) signUpPasskeys++;
          else offers.add(el.session);
          rerender(el);
        });
      });
    });
    el.passkey = () =>
      pkc()
        ? html`<button class="sfa-button sfa-secondary" type="submit" value="passkey" ?disabled=${el.busy}>${el.t('passkeySignUp')}</button>`
        : nothing;
  }

  /** Sets `el.passkey` for a log-in form, a sign-up form or a profile, once the element has the texts. */
  return async (el: AccountElement) => {
    await el.need('passkey');
    if (el.localName === 'account-login') login(el as AccountLogin);
    else if (el.localName === 'account-signup') signup(el);
    else profile(el);
    el.requestUpdate();
  };
}
