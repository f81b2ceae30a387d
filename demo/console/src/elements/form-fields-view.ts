// <form-fields-view>: the store's sign-up and address field definitions (/v3/customers/form-fields):
// list, "Add a field" (name, label, type, required, options for choice types, applies_to) and delete.
// After adding, it reads GET /storefront/form-fields — what the widget's sign-up form renders from —
// to confirm the shopper will see the field.
import { html, nothing } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { checked, ConsoleView, define, emptyState, formValues, loading, problemBox, textField } from '../base';
import { CHOICE_TYPES, FIELD_TYPES, type FormField, type FieldType } from '../types';

const TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text (one line)',
  multiline: 'Text (several lines)',
  number: 'Number',
  date: 'Date',
  checkbox: 'Single checkbox',
  checkboxes: 'Checkboxes (several choices)',
  radio: 'Radio buttons (one choice)',
  picklist: 'Drop-down list (one choice)',
  password: 'Password',
};

/** "Favourite colour?" → "favourite_colour" (the API allows lowercase letters, digits and underscores). */
export function slugify(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

/**
 * Sign-up and address field definitions.
 */
export class FormFieldsView extends ConsoleView {
  static override properties = {
    revision: { type: Number },
    fields: { state: true },
    problem: { state: true },
    formProblem: { state: true },
    deleteProblem: { state: true },
    fieldType: { state: true },
    saving: { state: true },
    added: { state: true },
    confirmDelete: { state: true },
    message: { state: true },
  };

  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare fields: FormField[] | null;
  /** @internal */
  declare problem: unknown;
  /** @internal */
  declare formProblem: unknown;
  /** @internal */
  declare deleteProblem: unknown;
  /** @internal The type chosen in the add form (options show for choice types). */
  declare fieldType: FieldType;
  /** @internal */
  declare saving: boolean;
  /** @internal The field just added, and whether the storefront lists it. */
  declare added: { field: FormField; onStorefront: boolean | null } | null;
  /** @internal */
  declare confirmDelete: number;
  /** @internal */
  declare message: string;
  /** The name box follows the label until someone types in it. */
  private nameTouched = false;
  private abort?: AbortController;

  constructor() {
    super();
    this.revision = 0;
    this.fields = null;
    this.problem = null;
    this.formProblem = null;
    this.deleteProblem = null;
    this.fieldType = 'text';
    this.saving = false;
    this.added = null;
    this.confirmDelete = 0;
    this.message = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision')) void this.load();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/customers/form-fields', { signal: abort.signal });
      this.fields = [...res.data].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id);
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private handleLabelInput(e: InputEvent) {
    if (this.nameTouched) return;
    const name = this.querySelector<HTMLInputElement>('#field-name');
    if (name) name.value = slugify((e.target as HTMLInputElement).value);
  }

  private async handleAdd(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const type = (v.type ?? 'text') as FieldType;
    const options = CHOICE_TYPES.includes(type)
      ? (v.options ?? '')
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean)
      : [];
    const appliesTo: FormField['applies_to'] = v.applies_to === 'address' ? 'address' : 'customer';
    const lastOrder = Math.max(0, ...(this.fields ?? []).filter((f) => f.applies_to === appliesTo).map((f) => f.sort_order));
    const body = {
      name: v.name ?? '',
      label: v.label ?? '',
      type,
      required: checked(form, 'required'),
      applies_to: appliesTo,
      sort_order: lastOrder + 1,
      ...(CHOICE_TYPES.includes(type) ? { options } : {}),
    };
    this.saving = true;
    this.formProblem = null;
    this.added = null;
    this.message = '';
    try {
      const res = await api('POST', '/v3/customers/form-fields', { body: [body] });
      const field = res.data[0]!;
      form.reset();
      this.nameTouched = false;
      this.fieldType = 'text';
      this.added = { field, onStorefront: null };
      await this.load();
      void this.checkStorefront(field);
      void this.focusLater('.outcome');
    } catch (err) {
      this.formProblem = err;
      void this.focusLater('#add-field-form [aria-invalid="true"], #add-field-form .problem');
    } finally {
      this.saving = false;
    }
  }

  /** What the widget's sign-up form reads: is the new field there? */
  private async checkStorefront(field: FormField) {
    try {
      const res = await fetch('/storefront/form-fields', { cache: 'no-store', headers: { Accept: 'application/json' } });
      const json = (await res.json()) as { customer: { name: string }[]; address: { name: string }[] };
      const list = field.applies_to === 'customer' ? json.customer : json.address;
      if (this.added?.field.id === field.id) this.added = { field, onStorefront: list.some((f) => f.name === field.name) };
    } catch {
      if (this.added?.field.id === field.id) this.added = { field, onStorefront: false };
    }
  }

  private async handleDelete(f: FormField) {
    this.saving = true;
    this.deleteProblem = null;
    try {
      await api('DELETE', '/v3/customers/form-fields', { query: { 'id:in': f.id } });
      this.confirmDelete = 0;
      this.added = null;
      this.message = `Field “${f.label}” deleted. Values shoppers entered stay stored and come back if a field with this name is added again.`;
      await this.load();
      void this.focusLater('#field-label');
    } catch (err) {
      this.deleteProblem = err;
    } finally {
      this.saving = false;
    }
  }

  private table(list: FormField[], caption: string) {
    if (!list.length) return emptyState('No fields yet.');
    return html`<div class="table-wrap">
      <table class="list">
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Options</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (f) => html`<tr id="field-${f.id}">
              <th scope="row">${f.label}</th>
              <td><code>${f.name}</code></td>
              <td>${TYPE_LABELS[f.type] ?? f.type}</td>
              <td>${f.required ? 'Required' : 'Optional'}</td>
              <td>${f.options.length ? f.options.join(', ') : html`<span class="muted">—</span>`}</td>
              <td>
                ${
                  this.confirmDelete === f.id
                    ? html`<div class="confirm" role="group" aria-label="Confirm deleting ${f.label}">
                      <p>Delete “${f.label}”? Shoppers will no longer see it; values already entered stay stored.</p>
                      ${problemBox(this.deleteProblem, 'The field was not deleted')}
                      <button type="button" class="danger" ?disabled=${this.saving} @click=${() => this.handleDelete(f)}>Delete field</button>
                      <button type="button" class="secondary" @click=${() => (this.confirmDelete = 0)}>Keep it</button>
                    </div>`
                    : html`<button
                      type="button"
                      class="secondary"
                      aria-label="Delete field ${f.label}"
                      @click=${() => {
                        this.confirmDelete = f.id;
                        this.deleteProblem = null;
                        void this.focusLater(`#field-${f.id} .confirm button`);
                      }}
                    >
                      Delete
                    </button>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private lists() {
    if (this.problem) return problemBox(this.problem, 'Could not load the fields');
    if (!this.fields) return loading('Loading fields…');
    return html`
      <h2>Sign-up form</h2>
      <p class="muted">Asked of shoppers when they create an account, after email, password and name.</p>
      ${this.table(
        this.fields.filter((f) => f.applies_to === 'customer'),
        'Sign-up form fields',
      )}
      <h2>Address form</h2>
      <p class="muted">Asked with every address in the shopper's address book.</p>
      ${this.table(
        this.fields.filter((f) => f.applies_to === 'address'),
        'Address form fields',
      )}
    `;
  }

  private outcome() {
    const a = this.added;
    if (!a) return nothing;
    const where = a.field.applies_to === 'customer' ? 'sign-up form' : 'address form';
    return html`<div class="outcome" role="status" tabindex="-1">
      <p>Added “${a.field.label}” to the ${where}.</p>
      <p>
        ${
          a.onStorefront === null
            ? 'Checking the storefront…'
            : a.onStorefront
              ? html`The storefront ${where} shows it now (it is in <code>GET /storefront/form-fields</code>). <a href="/">Open the demo storefront</a>.`
              : 'The storefront does not list it yet; reload the storefront in a minute (its field list is cached for 60 seconds).'
        }
      </p>
    </div>`;
  }

  private addForm() {
    const errors = this.formProblem instanceof ApiProblem ? this.formProblem.fields : {};
    const choice = CHOICE_TYPES.includes(this.fieldType);
    return html`<section class="card" aria-labelledby="add-field-h">
      <h2 id="add-field-h">Add a field</h2>
      ${this.outcome()}
      <form id="add-field-form" @submit=${this.handleAdd} novalidate>
        ${problemBox(this.formProblem, 'The field was not added')}
        <div class="grid-2">
          <div @input=${this.handleLabelInput}>${textField({ id: 'field-label', name: 'label', label: 'Label', required: true, error: errors.label, hint: 'What shoppers read, e.g. “Favourite colour”.' })}</div>
          <div @input=${() => (this.nameTouched = true)}>
            ${textField({ id: 'field-name', name: 'name', label: 'Name', required: true, error: errors.name, hint: 'How the value is stored: lowercase letters, digits and underscores.', pattern: '[a-z0-9_]+', maxlength: 64 })}
          </div>
        </div>
        <div class="grid-2">
          <div class="field ${errors.type ? 'invalid' : ''}">
            <label for="field-type">Type</label>
            <select id="field-type" name="type" @change=${(e: Event) => (this.fieldType = (e.target as HTMLSelectElement).value as FieldType)}>
              ${FIELD_TYPES.map((t) => html`<option value=${t} ?selected=${t === this.fieldType}>${TYPE_LABELS[t]}</option>`)}
            </select>
            ${errors.type ? html`<p class="error">${errors.type}</p>` : nothing}
          </div>
          <fieldset class="field">
            <legend>Applies to</legend>
            <label class="check"><input type="radio" name="applies_to" value="customer" checked /> Sign-up form</label>
            <label class="check"><input type="radio" name="applies_to" value="address" /> Address form</label>
          </fieldset>
        </div>
        ${
          choice
            ? html`<div class="field ${errors.options ? 'invalid' : ''}">
              <label for="field-options">Options <span class="req">(required, one per line)</span></label>
              <textarea id="field-options" name="options" rows="4" aria-invalid=${errors.options ? 'true' : 'false'} aria-describedby=${errors.options ? 'field-options-error' : nothing}></textarea>
              ${errors.options ? html`<p class="error" id="field-options-error">${errors.options}</p>` : nothing}
            </div>`
            : nothing
        }
        <label class="check"><input type="checkbox" name="required" /> Shoppers must fill it in</label>
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Adding…' : 'Add field'}</button>
        </div>
      </form>
    </section>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Sign-up fields</h1>
      <p class="lead">Custom fields of the storefront's sign-up and address forms. A new field shows in the storefront right away.</p>
      ${this.message ? html`<p class="status" role="status">${this.message}</p>` : nothing}
      ${this.addForm()}
      ${this.lists()}
    `;
  }
}

define('form-fields-view', FormFieldsView);
