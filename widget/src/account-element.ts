// The base of every element: finds the shared session for its API base, renders a small frame in its
// shadow root (parts `base` and `status`) and its content in the light DOM, speaks the page's language,
// and turns API failures into field errors, a form-level alert and an `account-error` event. Errors are
// shown by code (the body's `code` and field `codes`, see i18n/index.ts), never by the server's English.
import { html, LitElement, render, type PropertyValues, type TemplateResult } from 'lit';
import type { FieldCode } from '../../worker/src/shared/error-codes';
import { ApiError } from './api';
import type { EmailViews } from './email-code';
import { AccountErrorEvent } from './events';
import { codeText, langOf, loadCatalog, translate, type Area, type MessageKey } from './i18n/index';
import { kit } from './kit';
import { scriptOrigin, sessionFor, type Session } from './session';
import { adoptLightStyles, formStyles, frameStyles } from './styles';

let counter = 0;
/** The emailed-code views (email-code.ts), once loaded. */
let emailViews: ((el: AccountElement, open: (views: EmailViews) => unknown) => Promise<unknown>) | undefined;

export abstract class AccountElement extends LitElement {
  static override styles = frameStyles;
  /** @internal Message areas the element needs (see i18n/index.ts). */
  static areas: Area[] = ['core'];
  /** @internal Light-DOM sheets the element needs beyond the form styles. */
  static lightStyles: string[] = [];
  static override properties = {
    api: { reflect: true },
    errors: { state: true },
    alert: { state: true },
    statusText: { state: true },
    busy: { state: true },
  };

  /** Base URL of the Storefront Accounts worker (attribute `api`). Default: the origin the script came from; an ancestor's `api` attribute also counts. */
  declare api: string | undefined;
  // Members marked @internal are public only for the lazily loaded views (login-reset.ts, oidc.ts).
  /** @internal Field errors (texts in the page language) by field name (server keys, e.g. `email`, `form_fields.size`). */
  declare errors: Record<string, string>;
  /** @internal A form-level error, shown in a role="alert" box above the form. */
  declare alert: string;
  /** The last success message, announced through the live status region. */
  declare protected statusText: string;
  /** @internal A request is in flight (buttons disabled). */
  declare busy: boolean;
  /** @internal Prefix for ids in the light DOM, unique per element. */
  readonly uid = `sfa${++counter}`;
  // `declare`d, not initialised: class fields cost bytes in every page's bundle.
  /** @internal */
  declare session: Session;
  /** @internal "Continue with …" buttons or the linked identities (oidc.ts), once loaded. */
  declare oidc?: () => unknown;
  /** @internal The passkey views (passkey.ts), once loaded: <account-login>'s button or signed-in view, <account-profile>'s passkeys. */
  declare passkey?: () => unknown;
  /** @internal An emailed-code view (email-code.ts), shown instead of the content while set. */
  declare code?: () => unknown;
  /** Message areas in use: the class's, plus those of views loaded later (`need`). */
  declare private areas: Area[];

  constructor() {
    super();
    this.errors = {};
    this.alert = '';
    this.statusText = '';
    this.busy = false;
    this.areas = (this.constructor as typeof AccountElement).areas;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.loadLanguage();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const ctor = this.constructor as typeof AccountElement;
    adoptLightStyles(this.ownerDocument, formStyles);
    for (const sheet of ctor.lightStyles) adoptLightStyles(this.ownerDocument, sheet);
    this.session = sessionFor(this.api || this.closest('[api]')?.getAttribute('api') || scriptOrigin());
    this.session.addEventListener('change', this.handleSessionChange);
    this.loadLanguage();
    void this.session.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session.removeEventListener('change', this.handleSessionChange);
  }

  /** The element's language tag (its `lang`, an ancestor's, or the document's). */
  get language(): string {
    return langOf(this);
  }

  /** A message in the element's language. */
  t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private loadLanguage(): void {
    void loadCatalog(this.language, this.areas)?.then(() => this.requestUpdate());
  }

  /** @internal Adds a message area (for a view loaded on demand) and resolves once its texts are there. */
  async need(area: Area): Promise<void> {
    if (!this.areas.includes(area)) this.areas = [...this.areas, area];
    await loadCatalog(this.language, this.areas);
  }

  private handleSessionChange = (): void => {
    this.requestUpdate();
    this.sessionChanged();
  };

  /** Called when the shopper signs in or out, or the profile changes. */
  protected sessionChanged(): void {}

  // Wait for a lazily loaded catalog instead of flashing English text first.
  protected override shouldUpdate(changed: PropertyValues): boolean {
    return super.shouldUpdate(changed) && loadCatalog(this.language, this.areas) === null;
  }

  protected override render(): TemplateResult {
    return html`<div part="base"><slot></slot></div><div part="status" role="status" aria-live="polite">${this.statusText}</div>`;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    render(this.code ? this.code() : this.renderContent(), this, { host: this });
  }

  /** The light-DOM content. */
  protected abstract renderContent(): unknown;

  /** @internal Runs `open` with the emailed-code views and their texts, loading them on first use (errors go to the alert). */
  withCode(open: (views: EmailViews) => unknown): Promise<unknown> {
    return this.run(async () => (emailViews ??= (await import('./email-code')).default(kit))(this, open));
  }

  /** @internal Clears a field's error as soon as the shopper edits it. */
  handleFieldInput(event: Event): void {
    const name = (event.target as HTMLInputElement).name;
    if (name && this.errors[name]) {
      const { [name]: _, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** @internal Shows client-side field errors (field name → field code, as the server would answer); returns true when there were none. */
  check(codes: Record<string, FieldCode>): boolean {
    this.errors = Object.fromEntries(Object.entries(codes).map(([k, code]) => [k, this.fieldText(k, code)]));
    this.alert = '';
    if (!Object.keys(codes).length) return true;
    this.alert = this.t('e_validation_failed');
    void this.focusFirstInvalid();
    return false;
  }

  protected async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** @internal The text of an error or field code key (`e_<code>`, `f_<code>`) in the element's language, else of `fallback`. */
  codeText(key: string, fallback: MessageKey, params?: Record<string, string | number>): string {
    return codeText(this.language, key, fallback, params);
  }

  /**
   * @internal The text of a field code for one field. Elements with the store's custom fields override it
   * to fill in what the definition knows (its maximum length, its earliest date).
   */
  fieldText(_name: string, code: string | undefined): string {
    return this.codeText(`f_${code}`, 'invalid');
  }

  /**
   * @internal Runs an API call with busy state and error handling: field errors go onto their fields (keys
   * renamed by `fieldFor`), everything else into the alert; every failure fires `account-error`.
   */
  async run<T>(work: () => Promise<T>, fieldFor: (key: string) => string = (k) => k): Promise<T | undefined> {
    this.busy = true;
    this.alert = '';
    this.statusText = '';
    try {
      return await work();
    } catch (err) {
      this.fail(err, fieldFor);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** @internal */
  fail(err: unknown, fieldFor: (key: string) => string = (k) => k): void {
    const e = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
    const { errors, codes } = e;
    // The error's own properties are the failure's (api.ts ApiError): the server's error shape.
    this.dispatchEvent(new AccountErrorEvent({ ...e }));
    const fields: Record<string, string> = {};
    // `errors` and `codes` have the same keys; a field without a code gets the general text.
    for (const key of Object.keys({ ...errors, ...codes })) fields[fieldFor(key)] = this.fieldText(fieldFor(key), codes?.[key]);
    this.errors = fields;
    this.alert = this.messageFor(e);
    if (Object.keys(fields).length) void this.focusFirstInvalid();
  }

  /** The alert text for a failure, by its code; elements override for their own cases. */
  protected messageFor(e: ApiError): string {
    if (!e.status) return this.t('network');
    if (Object.keys(this.errors).length) return this.t('e_validation_failed');
    return this.codeText(`e_${e.code}`, 'failed');
  }

  /** @internal A success message: shown and announced. */
  announce(text: string): void {
    this.statusText = text;
  }

  /** @internal */
  renderAlert(): unknown {
    return this.alert ? html`<p class="sfa-alert" role="alert">${this.alert}</p>` : null;
  }
}

/** Registers an element unless the name is taken (a second copy of the script, or SSR without a registry). */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'object' && !customElements.get(name)) customElements.define(name, ctor);
}
