// <groups-view>: customer groups over the V2 API (/v2/customer_groups: plain arrays, no envelope):
// list with member counts, add, rename / make default, delete (its customers move to no group).
import { html, nothing } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { checked, ConsoleView, define, emptyState, formValues, loading, problemBox, statusLine, textField } from '../base';
import type { Group } from '../types';

type Editing = { kind: 'none' } | { kind: 'edit'; id: number } | { kind: 'delete'; id: number };

/**
 * Customer groups.
 */
export class GroupsView extends ConsoleView {
  static override properties = {
    revision: { type: Number },
    groups: { state: true },
    counts: { state: true },
    problem: { state: true },
    formProblem: { state: true },
    rowProblem: { state: true },
    editing: { state: true },
    saving: { state: true },
    message: { state: true },
  };

  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare groups: Group[] | null;
  /** @internal Customers per group id. */
  declare counts: Map<number, number>;
  /** @internal */
  declare problem: unknown;
  /** @internal The add form failed. */
  declare formProblem: unknown;
  /** @internal A rename or delete failed. */
  declare rowProblem: unknown;
  /** @internal */
  declare editing: Editing;
  /** @internal */
  declare saving: boolean;
  /** @internal */
  declare message: string;
  private abort?: AbortController;

  constructor() {
    super();
    this.revision = 0;
    this.groups = null;
    this.counts = new Map();
    this.problem = null;
    this.formProblem = null;
    this.rowProblem = null;
    this.editing = { kind: 'none' };
    this.saving = false;
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
      const groups = await api('GET', '/v2/customer_groups', { query: { limit: 250 }, signal: abort.signal });
      this.groups = groups;
      // Member counts: one small request per group (a demo store has a handful).
      const counts = await Promise.all(
        groups.map((g) =>
          api('GET', '/v3/customers', { query: { 'customer_group_id:in': g.id, limit: 1 }, signal: abort.signal }).then(
            (r) => [g.id, 'pagination' in r.meta ? r.meta.pagination.total : 0] as const,
            () => [g.id, -1] as const,
          ),
        ),
      );
      this.counts = new Map(counts);
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private async handleAdd(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    this.formProblem = null;
    this.message = '';
    this.saving = true;
    try {
      const g = await api('POST', '/v2/customer_groups', { body: { name: v.name ?? '', is_default: checked(form, 'is_default') } });
      form.reset();
      this.message = `Group “${g.name}” added.`;
      await this.load();
    } catch (err) {
      this.formProblem = err;
      void this.focusLater('#group-name');
    } finally {
      this.saving = false;
    }
  }

  private async handleEdit(e: SubmitEvent, g: Group) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = formValues(form).name ?? '';
    const isDefault = checked(form, 'is_default');
    const body: Record<string, unknown> = {};
    if (name !== g.name) body.name = name;
    if (isDefault !== g.is_default) body.is_default = isDefault;
    this.rowProblem = null;
    if (!Object.keys(body).length) {
      this.editing = { kind: 'none' };
      this.message = 'Nothing changed.';
      return;
    }
    this.saving = true;
    try {
      await api('PUT', '/v2/customer_groups/:id', { param: { id: g.id }, body });
      this.editing = { kind: 'none' };
      this.message = `Group “${name}” saved.`;
      await this.load();
      void this.focusLater(`#group-${g.id} button`);
    } catch (err) {
      this.rowProblem = err;
    } finally {
      this.saving = false;
    }
  }

  private async handleDelete(g: Group) {
    this.saving = true;
    this.rowProblem = null;
    try {
      await api('DELETE', '/v2/customer_groups/:id', { param: { id: g.id } });
      this.editing = { kind: 'none' };
      this.message = `Group “${g.name}” deleted; its customers now have no group.`;
      await this.load();
      void this.focusLater('#group-name');
    } catch (err) {
      this.rowProblem = err;
    } finally {
      this.saving = false;
    }
  }

  private start(editing: Editing) {
    this.editing = editing;
    this.rowProblem = null;
    this.message = '';
    void this.focusLater(editing.kind === 'edit' ? `#group-${editing.id} input` : `#group-${(editing as { id: number }).id} .confirm button`);
  }

  private row(g: Group) {
    const n = this.counts.get(g.id);
    const e = this.editing;
    const errors = this.rowProblem instanceof ApiProblem ? this.rowProblem.fields : {};
    if (e.kind === 'edit' && e.id === g.id) {
      return html`<tr id="group-${g.id}">
        <td colspan="4">
          <form class="inline-form" @submit=${(ev: SubmitEvent) => this.handleEdit(ev, g)} novalidate>
            ${problemBox(this.rowProblem, 'The group was not saved')}
            ${textField({ id: `group-${g.id}-name`, name: 'name', label: 'Group name', value: g.name, required: true, error: errors.name })}
            <label class="check"><input type="checkbox" name="is_default" .checked=${g.is_default} /> Default group for new sign-ups</label>
            <div class="actions">
              <button type="submit" ?disabled=${this.saving}>Save group</button>
              <button type="button" class="secondary" @click=${() => (this.editing = { kind: 'none' })}>Cancel</button>
            </div>
          </form>
        </td>
      </tr>`;
    }
    return html`<tr id="group-${g.id}">
      <th scope="row">${g.name}</th>
      <td>${g.is_default ? html`<span class="badge badge-registered">Default for sign-ups</span>` : nothing}</td>
      <td class="num">${n === undefined ? '…' : n < 0 ? '?' : n}</td>
      <td>
        ${
          e.kind === 'delete' && e.id === g.id
            ? html`<div class="confirm" role="group" aria-label="Confirm deleting ${g.name}">
              <p>Delete “${g.name}”? Its ${n ?? ''} customers move to no group.</p>
              ${problemBox(this.rowProblem, 'The group was not deleted')}
              <button type="button" class="danger" ?disabled=${this.saving} @click=${() => this.handleDelete(g)}>Delete group</button>
              <button type="button" class="secondary" @click=${() => (this.editing = { kind: 'none' })}>Keep it</button>
            </div>`
            : html`<div class="actions">
              <button type="button" class="secondary" aria-label="Edit group ${g.name}" @click=${() => this.start({ kind: 'edit', id: g.id })}>Edit</button>
              <button type="button" class="secondary" aria-label="Delete group ${g.name}" @click=${() => this.start({ kind: 'delete', id: g.id })}>Delete</button>
            </div>`
        }
      </td>
    </tr>`;
  }

  private list() {
    if (this.problem) return problemBox(this.problem, 'Could not load the groups');
    if (!this.groups) return loading('Loading groups…');
    if (!this.groups.length) return emptyState('No customer groups yet. Add one below.');
    return html`<div class="table-wrap">
      <table class="list">
        <caption class="visually-hidden">Customer groups</caption>
        <thead>
          <tr><th scope="col">Group</th><th scope="col">Default</th><th scope="col" class="num">Customers</th><th scope="col">Actions</th></tr>
        </thead>
        <tbody>
          ${this.groups.map((g) => this.row(g))}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const errors = this.formProblem instanceof ApiProblem ? this.formProblem.fields : {};
    return html`
      <h1 tabindex="-1">Customer groups</h1>
      <p class="lead">Groups sort customers for pricing and access. New sign-ups join the default group.</p>
      ${this.message ? statusLine(this.message) : nothing}
      ${this.list()}
      <section class="card" aria-labelledby="add-group-h">
        <h2 id="add-group-h">Add a group</h2>
        <form class="inline-form" @submit=${this.handleAdd} novalidate>
          ${problemBox(this.formProblem, 'The group was not added')}
          ${textField({ id: 'group-name', name: 'name', label: 'Group name', required: true, error: errors.name })}
          <label class="check"><input type="checkbox" name="is_default" /> Default group for new sign-ups</label>
          <div class="actions"><button type="submit" ?disabled=${this.saving}>Add group</button></div>
        </form>
      </section>
    `;
  }
}

define('groups-view', GroupsView);
