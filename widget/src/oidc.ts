// The OpenID Connect views, loaded on demand by oidc-hook.ts: "Continue with …" buttons for log-in and
// sign-up, messages for `#oidc-error=<code>`, and the profile's linked identities (link, unlink). Like
// login-reset.ts it imports only types and its own texts (see kit.ts).
import type { AccountElement } from './account-element';
import type { ApiError, Data, StorefrontClient } from './api';
import en from './i18n/en-oidc';
import type { Kit } from './kit';
import type { OidcProvider } from './oidc-hook';

type Identity = Data<StorefrontClient['customer']['identities']['$get']>['data'][number];

export default function oidcViews(kit: Kit) {
  const { html, nothing, call, input, register, AccountChangeEvent } = kit;
  register('oidc', en, { de: () => import('./i18n/de-oidc'), fr: () => import('./i18n/fr-oidc') });

  /** The text of an OIDC error code (the area's `e_<code>` texts); after a provider sign-in, a reset is asked for in its own words. */
  const errorText = (el: AccountElement, code: string | undefined) =>
    code === 'password_reset_required' ? el.t('oidcResetRequired') : el.codeText(`e_${code}`, 'oidcFailed');

  /** Shows a failed call like every other (account-error event), with the OIDC code's message when it has one. */
  const failed = (el: AccountElement, err: unknown, fieldFor?: (key: string) => string) => {
    el.fail(err, fieldFor);
    const { code } = err as ApiError;
    if (code) el.alert = errorText(el, code);
  };

  /**
   * Sends the page to a URL the worker answered (a start URL, a provider's authorization endpoint): only
   * https, the worker's own origin, or http on a loopback host while the worker itself runs on http (local
   * development). Anything else, a `javascript:` URL above all, is never navigated to.
   */
  const go = (el: AccountElement, url: string): void => {
    let target: URL;
    let worker: URL;
    try {
      target = new URL(url);
      worker = new URL(el.session.api);
    } catch {
      target = worker = new URL('about:blank');
    }
    const local = target.protocol === 'http:' && worker.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(target.hostname);
    if (target.protocol === 'https:' || target.origin === worker.origin || local) {
      // The worker sets the refresh cookie on the way back, where the widget cannot see it: the session
      // hint (session.ts) makes the return page ask. Should the attempt fail, that one refresh clears it.
      el.session.hint(true);
      kit.navigate(url);
    } else el.alert = el.t('oidcFailed');
  };

  /** "or", then a button per provider; each leaves for the provider, which sends the shopper back to this page. */
  const buttons = (el: AccountElement, providers: OidcProvider[]) =>
    html`<div class="sfa-stack">
      <p class="sfa-muted">${el.t('or')}</p>
      ${providers.map(
        (p) =>
          html`<button class="sfa-button sfa-secondary" type="button" @click=${() => go(el, `${p.start_url}?return_to=${encodeURIComponent(location.href)}`)}>
            ${el.t('continueWith', { name: p.name })}
          </button>`,
      )}
    </div>`;

  /**
   * The profile's "Sign-in methods": linked providers with Unlink, and Link buttons for the others.
   * Sets `el.oidc` (the view); returns what to call when the session changes (reloads for a new shopper).
   */
  function identities(el: AccountElement, providers: OidcProvider[], back: { error?: string; linked?: string }) {
    let list: Identity[] | null = null;
    let loadedFor: number | undefined;
    const nameOf = (slug: string) => providers.find((p) => p.slug === slug)?.name ?? slug;

    const sync = () => {
      const id = el.session.customer?.id;
      if (id === loadedFor) return;
      loadedFor = id;
      list = null;
      if (id === undefined) return;
      void call(el.session.client.customer.identities.$get()).then(
        (r) => {
          if (loadedFor === id) list = r.data;
          el.requestUpdate();
        },
        () => {}, // the section stays away; the rest of the profile works
      );
    };

    const link = async (p: OidcProvider) => {
      el.busy = true;
      el.alert = '';
      try {
        // Linking adds a way in, so a customer with a password confirms it (the worker insists).
        const password = el.querySelector<HTMLInputElement>('input[name=oidc_current_password]')?.value;
        const json = password ? { return_to: location.href, current_password: password } : { return_to: location.href };
        const res = await call(el.session.client.customer.oidc[':provider'].link.$post({ param: { provider: p.slug }, json }));
        go(el, res.authorization_url); // only a URL just requested for this account (docs/security.md: "OpenID Connect: why it is built this way")
      } catch (err) {
        // A wrong password is the password field's error (the worker names it `current_password`).
        failed(el, err, (key) => (key === 'current_password' ? 'oidc_current_password' : key));
      } finally {
        el.busy = false;
      }
    };

    const unlink = async (i: Identity) => {
      el.busy = true;
      el.alert = '';
      el.announce('');
      try {
        await call(el.session.client.customer.identities[':provider'].$delete({ param: { provider: i.provider } }));
        el.announce(el.t('unlinked', { name: i.name ?? i.provider }));
      } catch (err) {
        if ((err as ApiError).status !== 404) {
          failed(el, err); // 409 last_sign_in_method: "this is your only way to sign in"
          return;
        }
      } finally {
        el.busy = false;
      }
      list = (list ?? []).filter((x) => x !== i);
      el.dispatchEvent(new AccountChangeEvent({ kind: 'identity-unlinked', data: { provider: i.provider } }));
    };

    el.oidc = () => {
      if (!list) return nothing;
      const linkable = providers.filter((p) => !list!.some((i) => i.provider === p.slug));
      return html`<section class="sfa-stack" aria-labelledby="${el.uid}-oidc">
        <h3 id="${el.uid}-oidc">${el.t('signInMethods')}</h3>
        ${
          list.length
            ? html`<ul class="sfa-list">
              ${list.map(
                (i) => html`<li class="sfa-actions">
                  <span>${i.name ?? i.provider}${i.email ? html` <span class="sfa-muted">${i.email}</span>` : nothing}</span>
                  <button class="sfa-button sfa-secondary" type="button" aria-label=${el.t('unlinkProvider', { name: i.name ?? i.provider })} ?disabled=${el.busy} @click=${() => unlink(i)}>
                    ${el.t('unlink')}
                  </button>
                </li>`,
              )}
            </ul>`
            : nothing
        }
        ${
          linkable.length && el.session.customer?.has_password
            ? input(el, { name: 'oidc_current_password', type: 'password', label: el.t('currentPassword'), autocomplete: 'current-password' })
            : nothing
        }
        ${
          linkable.length
            ? html`<div class="sfa-actions">
              ${linkable.map(
                (p) =>
                  html`<button class="sfa-button sfa-secondary" type="button" ?disabled=${el.busy} @click=${() => link(p)}>${el.t('linkProvider', { name: p.name })}</button>`,
              )}
            </div>`
            : nothing
        }
      </section>`;
    };
    if (back.error) el.alert = errorText(el, back.error);
    if (back.linked) {
      el.announce(el.t('linkedTo', { name: nameOf(back.linked) }));
      el.dispatchEvent(new AccountChangeEvent({ kind: 'identity-linked', data: { provider: back.linked } }));
    }
    sync();
    el.requestUpdate();
    return sync;
  }

  /** Takes `#oidc-error=<code>` (for the profile also `#oidc-linked=<slug>`) out of the URL: the first element to look shows it. */
  const fragment = (profile: boolean): { error?: string; linked?: string } => {
    const m = (profile ? /^#oidc-(error|linked)=([\w-]+)$/ : /^#oidc-(error)=([\w-]+)$/).exec(location.hash);
    if (!m) return {};
    history.replaceState(history.state, '', location.pathname + location.search);
    return { [m[1]!]: m[2] };
  };

  /** See offerOidc (oidc-hook.ts). */
  async function offer(el: AccountElement, providers: OidcProvider[], profile: boolean): Promise<(() => void) | undefined> {
    const back = fragment(profile);
    await el.need('oidc');
    if (profile) return identities(el, providers, back);
    if (providers.length) el.oidc = () => buttons(el, providers);
    if (back.error) el.alert = errorText(el, back.error);
    el.requestUpdate();
    return undefined;
  }

  return { offer };
}
