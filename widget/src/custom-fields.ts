// The store's custom fields: rendered for every definition type, read from a form and checked with the
// same rules as the server (worker/src/shared/form-field-rules.ts, dependency-free), and their field
// codes put in words with what the definition knows (its maximum length, its range).
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldCode } from '../../worker/src/shared/error-codes';
import { checkFormFieldValue, DEFAULT_MAX_LENGTH } from '../../worker/src/shared/form-field-rules';
import { call } from './api';
import { describedBy, labelText, type FieldHost } from './fields';
import type { Session } from './session';
import type { FormFieldDefinition, FormFieldEntry, FormFields, FormFieldValue } from './types';
import type { AccountElement } from './account-element';

const definitions = new WeakMap<Session, Promise<FormFields>>();

/** The store's form field definitions (fetched once per page and session; a failure is not kept). */
export function formFields(session: Session): Promise<FormFields> {
  let request = definitions.get(session);
  if (!request) {
    request = call(session.client['form-fields'].$get()).catch((err) => {
      definitions.delete(session);
      throw err;
    });
    definitions.set(session, request);
  }
  return request;
}

/** Field name of a custom field in forms and error keys (the server's `form_fields.<name>`). */
export const customName = (def: FormFieldDefinition) => `form_fields.${def.name}`;

/** One custom field, rendered for its type, prefilled with `value` (or the definition's default). */
export function customField(host: FieldHost, def: FormFieldDefinition, value?: FormFieldValue): TemplateResult {
  const name = customName(def);
  const id = `${host.uid}-${name}`;
  const error = host.errors[name];
  const current = value ?? def.default_value ?? '';
  const errorEl = error ? html`<div class="sfa-error" id="${id}-error">${error}</div>` : nothing;
  const common = {
    invalid: error ? 'true' : 'false',
    described: describedBy(!!error && `${id}-error`),
  };
  const choices = (type: 'radio' | 'checkbox') => {
    const selected = Array.isArray(current) ? current : [String(current)];
    return html`<fieldset class="sfa-field" aria-describedby=${common.described}>
      <legend>${labelText(host, def.label, def.required)}</legend>
      ${def.options.map(
        (opt, i) => html`<label class="sfa-check"
          ><input
            type=${type}
            id="${id}-${i}"
            name=${name}
            value=${opt}
            ?checked=${selected.includes(opt)}
            ?required=${def.required && type === 'radio'}
            aria-invalid=${common.invalid}
            @change=${host.handleFieldInput}
          />${opt}</label
        >`,
      )}
      ${errorEl}
    </fieldset>`;
  };
  switch (def.type) {
    case 'checkboxes':
      return choices('checkbox');
    case 'radio':
      return choices('radio');
    case 'checkbox': {
      const on = def.options[0] ?? 'Yes';
      return html`<div class="sfa-field">
        <label class="sfa-check"
          ><input
            type="checkbox"
            id=${id}
            name=${name}
            value=${on}
            ?checked=${(Array.isArray(current) ? current[0] : current) === on}
            ?required=${def.required}
            aria-invalid=${common.invalid}
            aria-describedby=${common.described}
            @change=${host.handleFieldInput}
          />${def.label}</label
        >${errorEl}
      </div>`;
    }
    case 'picklist':
      return html`<div class="sfa-field">
        <label for=${id}>${labelText(host, def.label, def.required)}</label>
        <select id=${id} name=${name} ?required=${def.required} aria-invalid=${common.invalid} aria-describedby=${common.described} @change=${host.handleFieldInput}>
          <option value="">${host.t('choose')}</option>
          ${def.options.map((opt) => html`<option ?selected=${opt === current}>${opt}</option>`)}
        </select>
        ${errorEl}
      </div>`;
    case 'multiline':
      return html`<div class="sfa-field">
        <label for=${id}>${labelText(host, def.label, def.required)}</label>
        <textarea id=${id} name=${name} rows="3" maxlength=${def.max_length ?? nothing} ?required=${def.required} aria-invalid=${common.invalid} aria-describedby=${common.described} .defaultValue=${String(current)} @input=${host.handleFieldInput}></textarea>
        ${errorEl}
      </div>`;
    default: {
      const type = def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : def.type === 'password' ? 'password' : 'text';
      return html`<div class="sfa-field">
        <label for=${id}>${labelText(host, def.label, def.required)}</label>
        <input
          id=${id}
          name=${name}
          type=${type}
          autocomplete=${def.type === 'password' ? 'off' : nothing}
          min=${(def.type === 'date' ? def.min_date : def.min) ?? nothing}
          max=${(def.type === 'date' ? def.max_date : def.max) ?? nothing}
          maxlength=${def.max_length ?? nothing}
          ?required=${def.required}
          value=${String(current)}
          aria-invalid=${common.invalid}
          aria-describedby=${common.described}
          @input=${host.handleFieldInput}
        />
        ${errorEl}
      </div>`;
    }
  }
}

/**
 * Reads the custom fields of a form and checks them with the server's rules. `includeEmpty` sends
 * cleared values (profile edits) instead of leaving them out (sign-up).
 */
export function readCustomFields(form: HTMLFormElement, defs: FormFieldDefinition[], includeEmpty = false) {
  const data = new FormData(form);
  const values: FormFieldEntry[] = [];
  const errors: Record<string, FieldCode> = {};
  for (const def of defs) {
    const name = customName(def);
    let value: FormFieldValue | undefined;
    if (def.type === 'checkboxes') value = data.getAll(name).map(String);
    else {
      const raw = data.get(name);
      value = raw === null ? undefined : String(raw);
      if (def.type === 'number' && value !== undefined && value.trim() !== '' && Number.isFinite(Number(value))) value = Number(value);
    }
    const problem = checkFormFieldValue(def, value);
    if (problem) errors[name] = problem.code;
    else if (value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)) values.push({ name: def.name, value });
    else if (includeEmpty) values.push({ name: def.name, value: def.type === 'checkboxes' ? [] : '' });
  }
  return { values, errors };
}

/**
 * The text of a field code for a custom field (`form_fields.<name>`), with the definition's limits where
 * the code is about them; other fields: the general text of the code.
 */
export function customFieldText(el: AccountElement, defs: FormFieldDefinition[] | null, name: string, code: string | undefined): string {
  const def = defs?.find((d) => customName(d) === name);
  const date = def?.type === 'date';
  const limit = (value: string | number | null | undefined) =>
    date && value ? new Intl.DateTimeFormat(el.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`)) : value;
  const min = limit(date ? def.min_date : def?.min);
  const max = limit(date ? def.max_date : def?.max);
  if (code === 'too_long' && def) return el.t('f_too_long_max', { max: def.max_length ?? DEFAULT_MAX_LENGTH });
  if (code === 'too_small' && min != null) return el.t(date ? 'f_too_small_date' : 'f_too_small_min', { min });
  if (code === 'too_large' && max != null) return el.t(date ? 'f_too_large_date' : 'f_too_large_max', { max });
  return el.codeText(`f_${code}`, 'invalid');
}
