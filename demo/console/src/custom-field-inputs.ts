// The store's custom form fields (GET /v3/customers/form-fields) as console inputs, one per definition
// type, and read back into the admin API's `{name, value}` entries. The worker checks the values with
// its one rule (shared/form-field-rules.ts) and its field errors come back onto these inputs. A field
// the storefront's sign-up requires is marked, not enforced: the admin API accepts customers without it
// (as BigCommerce's does), so staff can create a customer whose answers they do not know.
import { html, nothing, type TemplateResult } from 'lit';
import type { FormField, FormFieldEntry } from './types';

/** The form control name of a custom field: `form_fields.<name>`, after the scope (`a2.` for an address). */
export const customFieldName = (scope: string, def: FormField) => `${scope}form_fields.${def.name}`;

/** An id from a control name (`a2.form_fields.shoe_size` → `new-a2-form_fields-shoe_size`). */
export const controlId = (name: string) => `new-${name.replace(/\./g, '-')}`;

function requiredNote(def: FormField) {
  return def.required ? html` <span class="req">(required at the storefront's sign-up)</span>` : nothing;
}

/** One custom field for its type, prefilled with the definition's default value. */
export function customFieldInput(scope: string, def: FormField, error?: string): TemplateResult {
  const name = customFieldName(scope, def);
  const id = controlId(name);
  const errorId = `${id}-error`;
  const invalid = error ? 'true' : 'false';
  const errorEl = error ? html`<p class="error" id=${errorId}>${error}</p>` : nothing;
  const current = def.default_value ?? '';
  const choices = (type: 'radio' | 'checkbox') =>
    html`<fieldset class="field ${error ? 'invalid' : ''}" aria-describedby=${error ? errorId : nothing}>
      <legend>${def.label}${requiredNote(def)}</legend>
      ${def.options.map(
        (opt, i) =>
          html`<label class="check"
            ><input type=${type} id="${id}-${i}" name=${name} value=${opt} ?checked=${opt === current} aria-invalid=${invalid} /> ${opt}</label
          >`,
      )}
      ${errorEl}
    </fieldset>`;
  switch (def.type) {
    case 'checkboxes':
      return choices('checkbox');
    case 'radio':
      return choices('radio');
    case 'checkbox': {
      const on = def.options[0] ?? 'Yes';
      return html`<div class="field ${error ? 'invalid' : ''}">
        <label class="check"
          ><input type="checkbox" id=${id} name=${name} value=${on} ?checked=${current === on} aria-invalid=${invalid} aria-describedby=${error ? errorId : nothing} />
          ${def.label}${requiredNote(def)}</label
        >
        ${errorEl}
      </div>`;
    }
    case 'picklist':
      return html`<div class="field ${error ? 'invalid' : ''}">
        <label for=${id}>${def.label}${requiredNote(def)}</label>
        <select id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${error ? errorId : nothing}>
          <option value="">Not answered</option>
          ${def.options.map((opt) => html`<option value=${opt} ?selected=${opt === current}>${opt}</option>`)}
        </select>
        ${errorEl}
      </div>`;
    case 'multiline':
      return html`<div class="field ${error ? 'invalid' : ''}">
        <label for=${id}>${def.label}${requiredNote(def)}</label>
        <textarea id=${id} name=${name} rows="3" maxlength=${def.max_length ?? nothing} aria-invalid=${invalid} aria-describedby=${error ? errorId : nothing} .value=${current}></textarea>
        ${errorEl}
      </div>`;
    default: {
      const type = def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : def.type === 'password' ? 'password' : 'text';
      return html`<div class="field ${error ? 'invalid' : ''}">
        <label for=${id}>${def.label}${requiredNote(def)}</label>
        <input
          id=${id}
          name=${name}
          type=${type}
          autocomplete="off"
          min=${(def.type === 'date' ? def.min_date : def.min) ?? nothing}
          max=${(def.type === 'date' ? def.max_date : def.max) ?? nothing}
          maxlength=${def.max_length ?? nothing}
          .value=${current}
          aria-invalid=${invalid}
          aria-describedby=${error ? errorId : nothing}
        />
        ${errorEl}
      </div>`;
    }
  }
}

/** The answered custom fields of `scope` in `data`, as the admin API takes them (unanswered ones are left out). */
export function readCustomFields(data: FormData, scope: string, defs: readonly FormField[]): FormFieldEntry[] {
  const out: FormFieldEntry[] = [];
  for (const def of defs) {
    const name = customFieldName(scope, def);
    if (def.type === 'checkboxes') {
      const values = data.getAll(name).map(String);
      if (values.length) out.push({ name: def.name, value: values });
      continue;
    }
    const raw = data.get(name);
    const value = typeof raw === 'string' ? (def.type === 'multiline' ? raw : raw.trim()) : '';
    if (value === '') continue;
    // A number goes as a number; anything else as typed, for the worker to name the problem.
    out.push({ name: def.name, value: def.type === 'number' && Number.isFinite(Number(value)) ? Number(value) : value });
  }
  return out;
}
