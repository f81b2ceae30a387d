// Form pieces shared by the elements: labelled inputs with described errors, email and password checks
// (the store's custom fields are in custom-fields.ts, which a log-in page does not load).
import { html, nothing, type TemplateResult } from 'lit';

/** What a field needs from its element: ids, errors, messages, the input handler. */
export interface FieldHost {
  uid: string;
  /** Field errors (texts) by field name. */
  errors: Record<string, string | undefined>;
  t(key: 'optional' | 'choose'): string;
  handleFieldInput(e: Event): void;
}

export interface InputOptions {
  name: string;
  label: string;
  type?: string;
  autocomplete?: string;
  value?: string | null;
  required?: boolean;
  hint?: unknown;
  maxlength?: number;
  inputmode?: string;
  /** Rendered after the input inside the same row (e.g. a show-password button). */
  after?: unknown;
}

export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || nothing;

export const labelText = (host: FieldHost, label: string, required?: boolean) =>
  html`${label}${required ? nothing : html` <span class="sfa-optional">(${host.t('optional')})</span>`}`;

/** A labelled <input> with its hint and error wired through aria-describedby. */
export function input(host: FieldHost, o: InputOptions): TemplateResult {
  const id = `${host.uid}-${o.name}`;
  const error = host.errors[o.name];
  const control = html`<input
    id=${id}
    name=${o.name}
    type=${o.type ?? 'text'}
    autocomplete=${o.autocomplete ?? nothing}
    inputmode=${o.inputmode ?? nothing}
    maxlength=${o.maxlength ?? nothing}
    value=${o.value ?? ''}
    ?required=${o.required}
    aria-invalid=${error ? 'true' : 'false'}
    aria-describedby=${describedBy(o.hint !== undefined && `${id}-hint`, !!error && `${id}-error`)}
    @input=${host.handleFieldInput}
  />`;
  return html`<div class="sfa-field">
    <label for=${id}>${labelText(host, o.label, o.required)}</label>
    ${o.after ? html`<div class="sfa-pw">${control}${o.after}</div>` : control}
    ${o.hint !== undefined ? html`<div class="sfa-hint" id="${id}-hint">${o.hint}</div>` : nothing}
    ${error ? html`<div class="sfa-error" id="${id}-error">${error}</div>` : nothing}
  </div>`;
}

/** A basic email shape check (the server has the last word). */
export const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** The password rules a new password must meet before we ask the server (which adds the common list). */
export { passwordIsEmail, passwordShapeCode } from '../../worker/src/shared/password-rules';
