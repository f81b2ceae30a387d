// <customer-metafields>: a customer's metafields (/v3/customers/{id}/metafields), the key/value data
// apps attach to them: list, add, edit (only what changed is sent) and delete after a confirmation. The
// permission set says who sees a field; only the two `_sf_access` ones ever reach the shopper's widget.
import { html, nothing } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { ConsoleView, define, emptyState, formValues, loading, problemBox, statusLine, textField } from '../base';
import { formatDateTime } from '../format';
import type { Metafield, PermissionSet } from '../types';

// BigCommerce's permission sets; the admin API reads every one, the storefront only the `_sf_access` ones.
const PERMISSIONS: { value: PermissionSet; label: string }[] = [
  { value: 'app_only', label: 'Not for the shopper: app only (app_only)' },
  { value: 'read', label: 'Not for the shopper: apps read (read)' },
  { value: 'write', label: 'Not for the shopper: apps read and write (write)' },
  { value: 'read_and_sf_access', label: 'The shopper sees it (read_and_sf_access)' },
  { value: 'write_and_sf_access', label: 'The shopper sees and changes it (write_and_sf_access)' },
];
const permissionLabel = (p: string) => PERMISSIONS.find((x) => x.value === p)?.label ?? p;

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; id: number } | { kind: 'delete'; id: number };

/**
 * A customer's metafields.
 */
export class CustomerMetafields extends ConsoleView {
  static override properties = {
    customerId: { type: Number },
    fields: { state: true },
    editing: { state: true },
    problem: { state: true },
    formProblem: { state: true },
    saving: { state: true },
    message: { state: true },
  };

  /** The customer whose metafields are shown. */
  declare customerId: number;
  /** @internal */
  declare fields: Metafield[] | null;
  /** @internal */
  declare editing: Editing;
  /** @internal */
  declare problem: unknown;
  /** @internal */
  declare formProblem: unknown;
  /** @internal */
  declare saving: boolean;
  /** @internal */
  declare message: string;
  private abort?: AbortController;

  constructor() {
    super();
    this.customerId = 0;
    this.fields = null;
    this.editing = { kind: 'none' };
    this.problem = null;
    this.formProblem = null;
    this.saving = false;
    this.message = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('customerId') && this.customerId) void this.load();
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/customers/:customerId/metafields', {
        param: { customerId: this.customerId },
        query: { limit: 250 },
        signal: abort.signal,
      });
      this.fields = res.data as Metafield[];
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private start(editing: Editing) {
    this.editing = editing;
    this.formProblem = null;
    this.message = '';
    if (editing.kind === 'add' || editing.kind === 'edit') void this.focusLater('.metafield-form input');
    if (editing.kind === 'delete') void this.focusLater('.metafields .confirm button');
  }

  private cancel() {
    this.editing = { kind: 'none' };
    this.formProblem = null;
    void this.focusLater('.add-metafield');
  }

  private async handleSave(e: SubmitEvent, existing?: Metafield) {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const value = ((e.target as HTMLFormElement).elements.namedItem('value') as HTMLTextAreaElement).value;
    const permission = (v.permission_set ?? 'app_only') as PermissionSet;
    this.saving = true;
    this.formProblem = null;
    try {
      if (existing) {
        const changes: { namespace?: string; key?: string; value?: string; description?: string; permission_set?: PermissionSet } = {};
        if (v.namespace !== existing.namespace) changes.namespace = v.namespace;
        if (v.key !== existing.key) changes.key = v.key;
        if (value !== existing.value) changes.value = value;
        if ((v.description ?? '') !== existing.description) changes.description = v.description ?? '';
        if (permission !== existing.permission_set) changes.permission_set = permission;
        if (Object.keys(changes).length) {
          await api('PUT', '/v3/customers/:customerId/metafields/:metafieldId', {
            param: { customerId: this.customerId, metafieldId: existing.id },
            body: changes,
          });
          this.message = `Metafield ${v.namespace}.${v.key} saved.`;
        } else this.message = 'Nothing changed.';
      } else {
        await api('POST', '/v3/customers/:customerId/metafields', {
          param: { customerId: this.customerId },
          body: { namespace: v.namespace ?? '', key: v.key ?? '', value, permission_set: permission, description: v.description ?? '' },
        });
        this.message = `Metafield ${v.namespace}.${v.key} added.`;
      }
      this.editing = { kind: 'none' };
      await this.load();
      void this.focusLater('.add-metafield');
    } catch (err) {
      this.formProblem = err;
      void this.focusLater('.metafield-form [aria-invalid="true"], .metafield-form .problem');
    } finally {
      this.saving = false;
    }
  }

  private async handleDelete(m: Metafield) {
    this.saving = true;
    this.formProblem = null;
    try {
      await api('DELETE', '/v3/customers/:customerId/metafields/:metafieldId', { param: { customerId: this.customerId, metafieldId: m.id } });
      this.editing = { kind: 'none' };
      this.message = `Metafield ${m.namespace}.${m.key} deleted.`;
      await this.load();
      void this.focusLater('.add-metafield');
    } catch (err) {
      this.formProblem = err;
    } finally {
      this.saving = false;
    }
  }

  private form(m?: Metafield) {
    const errors = this.formProblem instanceof ApiProblem ? this.formProblem.fields : {};
    const p = `metafield-${m?.id ?? 'new'}`;
    return html`<form class="metafield-form card-inner" @submit=${(e: SubmitEvent) => this.handleSave(e, m)} novalidate>
      <h3>${m ? `Edit ${m.namespace}.${m.key}` : 'New metafield'}</h3>
      ${problemBox(this.formProblem, 'The metafield was not saved')}
      <div class="grid-2">
        ${textField({ id: `${p}-namespace`, name: 'namespace', label: 'Namespace', value: m?.namespace ?? '', required: true, maxlength: 64, error: errors.namespace, hint: 'Groups an app’s fields, e.g. loyalty' })}
        ${textField({ id: `${p}-key`, name: 'key', label: 'Key', value: m?.key ?? '', required: true, maxlength: 64, error: errors.key })}
      </div>
      <div class="field ${errors.value ? 'invalid' : ''}">
        <label for="${p}-value">Value <span class="req">(required)</span></label>
        <textarea id="${p}-value" name="value" rows="2" maxlength="65535" .value=${m?.value ?? ''} aria-invalid=${errors.value ? 'true' : 'false'} aria-describedby=${errors.value ? `${p}-value-error` : nothing}></textarea>
        ${errors.value ? html`<p class="error" id="${p}-value-error">${errors.value}</p>` : nothing}
      </div>
      <div class="grid-2">
        <div class="field ${errors.permission_set ? 'invalid' : ''}">
          <label for="${p}-permission">Who may see it</label>
          <select id="${p}-permission" name="permission_set">
            ${PERMISSIONS.map((x) => html`<option value=${x.value} ?selected=${x.value === (m?.permission_set ?? 'app_only')}>${x.label}</option>`)}
          </select>
          ${errors.permission_set ? html`<p class="error">${errors.permission_set}</p>` : nothing}
        </div>
        ${textField({ id: `${p}-description`, name: 'description', label: 'Description', value: m?.description ?? '', maxlength: 255, error: errors.description })}
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : m ? 'Save metafield' : 'Add metafield'}</button>
        <button type="button" class="secondary" @click=${this.cancel}>Cancel</button>
      </div>
    </form>`;
  }

  private item(m: Metafield) {
    const e = this.editing;
    if (e.kind === 'edit' && e.id === m.id) return html`<li id="metafield-${m.id}">${this.form(m)}</li>`;
    const name = `${m.namespace}.${m.key}`;
    return html`<li id="metafield-${m.id}" class="metafield">
      <p class="metafield-head"><code>${name}</code> <span class="badge">${permissionLabel(m.permission_set)}</span></p>
      <p class="metafield-value">${m.value}</p>
      ${m.description ? html`<p class="muted small">${m.description}</p>` : nothing}
      <p class="muted small">By ${m.owner_client_id || 'an app'} · changed <time datetime=${m.date_modified}>${formatDateTime(m.date_modified)}</time></p>
      ${
        e.kind === 'delete' && e.id === m.id
          ? html`<div class="confirm" role="group" aria-label="Confirm deleting ${name}">
            <p>Delete ${name}? Apps that read it will no longer find it.</p>
            ${problemBox(this.formProblem, 'The metafield was not deleted')}
            <button type="button" class="danger" ?disabled=${this.saving} @click=${() => this.handleDelete(m)}>Delete metafield</button>
            <button type="button" class="secondary" @click=${this.cancel}>Keep it</button>
          </div>`
          : html`<div class="actions">
            <button type="button" class="secondary" aria-label="Edit metafield ${name}" @click=${() => this.start({ kind: 'edit', id: m.id })}>Edit</button>
            <button type="button" class="secondary" aria-label="Delete metafield ${name}" @click=${() => this.start({ kind: 'delete', id: m.id })}>Delete</button>
          </div>`
      }
    </li>`;
  }

  override render() {
    return html`
      ${problemBox(this.problem, 'Could not load the metafields')}
      ${this.message ? statusLine(this.message) : nothing}
      ${!this.fields && !this.problem ? loading('Loading metafields…') : nothing}
      ${this.fields && !this.fields.length && this.editing.kind !== 'add' ? emptyState('No metafields. Apps add them through the admin API; you can add one here.') : nothing}
      ${this.fields?.length ? html`<ul class="metafields">${this.fields.map((m) => this.item(m))}</ul>` : nothing}
      ${
        this.editing.kind === 'add'
          ? this.form()
          : html`<button type="button" class="add-metafield secondary" @click=${() => this.start({ kind: 'add' })}>Add a metafield</button>`
      }
    `;
  }
}

define('customer-metafields', CustomerMetafields);
