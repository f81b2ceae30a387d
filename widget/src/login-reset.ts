// The forgot-password views of <account-login>: request a link, "link sent", and set a new password
// from the emailed `#reset-password=<token>` link. Loaded on demand (a log-in page downloads them only
// when the shopper asks for a link or arrives through one); see kit.ts for why it imports only types.
import type { AccountLogin } from './elements/account-login';
import en from './i18n/en-reset';
import type { Kit } from './kit';

export default function resetViews({ html, nothing, call, input, looksLikeEmail, passwordShapeCode, register, AccountChangeEvent }: Kit) {
  register('reset', en, { de: () => import('./i18n/de-reset'), fr: () => import('./i18n/fr-reset') });

  async function requestLink(el: AccountLogin, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name=email]')!.value.trim();
    el.email = email;
    if (!el.check(looksLikeEmail(email) ? {} : { email: email ? 'invalid_email' : 'required' })) return;
    const ok = await el.run(() => call(el.session.client['password-reset'].$post({ json: { email } })).then(() => true));
    if (ok) await el.switchTo('sent');
  }

  async function setPassword(el: AccountLogin, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const password = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name=new_password]')!.value;
    // The shape rules (worker/src/shared/password-rules.ts) without the email: the token knows it, we do not.
    const problem = passwordShapeCode(password);
    if (!el.check(problem ? { new_password: problem } : {})) return;
    const ok = await el.run(() =>
      call(
        el.session.client['password-reset'].confirm.$post({
          // The language of the owner's "password changed" notice (this chunk imports nothing: no catalogOf).
          json: { token: el.resetToken, new_password: password, locale: (/^(de|fr)/i.exec(el.language)?.[0].toLowerCase() ?? 'en') as 'en' },
        }),
      ).then(() => true),
    );
    if (!ok) return;
    // The token is spent: take it out of the address bar and history.
    history.replaceState(history.state, '', location.pathname + location.search);
    el.dispatchEvent(new AccountChangeEvent({ kind: 'password-reset' }));
    await el.switchTo('login');
    el.announce(el.t('resetDone'));
  }

  /** The view for the element's forgot-password mode (`forgot`, `sent` or `reset`). */
  return (el: AccountLogin) => {
    const title = html`<h2 tabindex="-1">${el.t('forgotTitle')}</h2>`;
    const back = html`<button class="sfa-link" type="button" @click=${() => el.switchTo('login')}>${el.t('backToSignIn')}</button>`;
    if (el.mode === 'sent') return html`${title}<p>${el.t('linkSent', { email: el.email })}</p>${back}`;
    if (el.mode === 'forgot') {
      return html`${title}
        <form method="post" novalidate aria-label=${el.t('forgotTitle')} @submit=${(e: SubmitEvent) => requestLink(el, e)}>
          <p>${el.t('forgotIntro')}</p>
          ${el.renderAlert()}
          ${input(el, { name: 'email', type: 'email', label: el.t('email'), autocomplete: 'username', required: true, value: el.email, inputmode: 'email' })}
          <div class="sfa-actions"><button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('sendLink')}</button>${back}</div>
        </form>`;
    }
    return html`${title}
      <form method="post" novalidate aria-label=${el.t('forgotTitle')} @submit=${(e: SubmitEvent) => setPassword(el, e)}>
        ${el.renderAlert()}
        ${input(el, {
          name: 'new_password',
          type: el.reveal ? 'text' : 'password',
          label: el.t('newPassword'),
          autocomplete: 'new-password',
          required: true,
          hint: el.t('ruleLength'),
          after: el.passwordToggle(),
        })}
        <div class="sfa-actions">
          <button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('setPassword')}</button>
          ${el.errors.token ? html`<button class="sfa-link" type="button" @click=${el.handleForgot}>${el.t('forgot')}</button>` : nothing}
        </div>
      </form>`;
  };
}
