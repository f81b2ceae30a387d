// <account-newsletter>: consent toggles for a signed-in shopper (GET/PUT /storefront/customer/consents),
// an email sign-up for guests (POST /storefront/subscribers, double opt-in: it mails a link) and that
// link, `#confirm-subscription=<token>` (email-code.ts, on demand).
import { html } from 'lit';
import { call } from '../api';
import { live } from 'lit/directives/live.js';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import { AccountChangeEvent } from '../events';
import { input, looksLikeEmail } from '../fields';
import '../i18n/en-account';
import { type Area, catalogOf } from '../i18n/index';
import type { Consent } from '../types';

/**
 * Newsletter consent.
 *
 * @tagname account-newsletter
 * @summary Consent toggles when signed in, an email sign-up for guests.
 * @slot - Not used: the content is the element's own light DOM.
 * @csspart base - The frame.
 * @csspart status - The live region announcing saved choices.
 * @fires account-change - `detail.kind` is `consents` (`detail.data` the consent list), `subscribed` (a guest; a confirmation link is mailed) or `subscription-confirmed` (the `#confirm-subscription=<token>` link was opened).
 * @fires account-error - An API call failed; `detail` is the server's error shape.
 */
export class AccountNewsletter extends AccountElement {
  static override areas: Area[] = ['core', 'account'];
  static override lightStyles = [fieldStyles, accountStyles];
  static override properties = { ...AccountElement.properties, consents: { state: true } };

  /** @internal The signed-in shopper's consents (null while loading). */
  declare consents: Consent[] | null;
  private loadedFor: number | null = null;

  constructor() {
    super();
    this.consents = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.sessionChanged();
    if (location.hash.startsWith('#confirm-subscription=')) void this.withCode((v) => v.link(this));
  }

  protected override sessionChanged(): void {
    const id = this.session.customer?.id ?? null;
    if (id === this.loadedFor) return;
    this.loadedFor = id;
    this.consents = null;
    if (id !== null) void this.run(() => call(this.session.client.customer.consents.$get())).then((r) => (this.consents = r?.consents ?? []));
  }

  protected override renderContent() {
    const heading = html`<h2 tabindex="-1">${this.t('newsletter')}</h2>${this.renderAlert()}`;
    if (this.session.state === 'unknown') return html`${heading}<div class="sfa-skeleton"></div>`;
    if (!this.session.customer) {
      return html`${heading}
        <form method="post" novalidate aria-label=${this.t('newsletter')} @submit=${this.handleSubscribe}>
          ${input(this, { name: 'email', type: 'email', label: this.t('email'), autocomplete: 'email', required: true, inputmode: 'email' })}
          <div class="sfa-actions"><button class="sfa-button" type="submit" ?disabled=${this.busy}>${this.t('subscribe')}</button></div>
        </form>`;
    }
    const box = (consent: Consent, label: string) =>
      html`<label class="sfa-check"
        ><input type="checkbox" name=${consent} .checked=${live(!!this.consents?.includes(consent))} ?disabled=${!this.consents || this.busy} @change=${this.handleToggle} />${label}</label
      >`;
    return html`${heading}
      <fieldset class="sfa-field sfa-stack" aria-busy=${this.consents ? 'false' : 'true'}>
        <legend class="sfa-visually-hidden">${this.t('newsletter')}</legend>
        ${box('marketing_newsletter', this.t('consentNewsletter'))} ${box('abandoned_cart', this.t('consentCart'))}
      </fieldset>`;
  }

  /** @internal Saves at once: a toggle is the whole decision. */
  async handleToggle(): Promise<void> {
    const next = [...this.querySelectorAll<HTMLInputElement>('fieldset input:checked')].map((i) => i.name as Consent);
    const res = await this.run(() => call(this.session.client.customer.consents.$put({ json: { consents: next } })));
    this.consents = res ? res.consents : [...(this.consents ?? [])]; // on failure, show the stored state again
    if (!res) return;
    this.dispatchEvent(new AccountChangeEvent({ kind: 'consents', data: res.consents }));
    this.announce(this.t('saved'));
  }

  /** @internal */
  async handleSubscribe(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    if (!this.check(looksLikeEmail(email) ? {} : { email: email ? 'invalid_email' : 'required' })) return;
    const ok = await this.run(() =>
      call(
        this.session.client.subscribers.$post({ json: { email, consents: ['marketing_newsletter'], locale: catalogOf(this.language) as 'en' } }),
      ).then(() => true),
    );
    if (!ok) return;
    form.reset();
    this.dispatchEvent(new AccountChangeEvent({ kind: 'subscribed', data: { email } }));
    this.announce(this.t('subscribed'));
  }
}

define('account-newsletter', AccountNewsletter);

declare global {
  interface HTMLElementTagNameMap {
    'account-newsletter': AccountNewsletter;
  }
}
