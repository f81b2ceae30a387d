// What every console view shares: light-DOM rendering (one stylesheet, console.css, styles the whole
// page and the browser's form handling and accessibility tree see plain elements), the problem box,
// the pager, loading and empty states, and form-field helpers that wire labels, errors and aria-invalid.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiProblem, fieldLabel, isAbort } from './api';
import type { Pagination } from './types';

export abstract class ConsoleView extends LitElement {
  protected override createRenderRoot() {
    return this;
  }

  /** Moves focus to the view's heading (after navigation, so screen readers announce the new page). */
  focusHeading(): void {
    this.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Focuses the first element matching `selector` once the pending render is done. */
  protected async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }
}

/** Registers an element once (the bundle may be evaluated twice in dev reloads). */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

/** A plain-language error box; `role="alert"` so it is announced when it appears. */
export function problemBox(problem: unknown, heading = 'That did not work'): TemplateResult | typeof nothing {
  if (!problem || isAbort(problem)) return nothing;
  const p = problem instanceof ApiProblem ? problem : null;
  const message = p?.message ?? (problem instanceof Error ? problem.message : typeof problem === 'string' ? problem : 'Unexpected error.');
  const errors = Object.entries(p?.body?.errors ?? {});
  return html`<div class="problem" role="alert">
    <p><strong>${heading}.</strong> ${message}</p>
    ${
      errors.length
        ? html`<ul>
          ${errors.map(([path, msg]) => html`<li>${fieldLabel(path)}: ${msg}</li>`)}
        </ul>`
        : nothing
    }
  </div>`;
}

export function loading(what = 'Loading…'): TemplateResult {
  return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${what}</p>`;
}

export function emptyState(message: string | TemplateResult, action?: TemplateResult): TemplateResult {
  return html`<div class="empty">
    <p>${message}</p>
    ${action ?? nothing}
  </div>`;
}

/** Previous / page x of y / next, as buttons (they change the list, they do not leave the page). */
export function pager(p: Pagination | undefined, go: (page: number) => void, what = 'results'): TemplateResult | typeof nothing {
  if (!p || p.total_pages <= 1) return nothing;
  return html`<nav class="pager" aria-label="Pages of ${what}">
    <button type="button" class="secondary" ?disabled=${p.current_page <= 1} @click=${() => go(p.current_page - 1)}>Previous page</button>
    <span>Page ${p.current_page} of ${p.total_pages} <span class="muted">(${p.total} ${what})</span></span>
    <button type="button" class="secondary" ?disabled=${p.current_page >= p.total_pages} @click=${() => go(p.current_page + 1)}>Next page</button>
  </nav>`;
}

let ids = 0;
/** A page-unique id prefix for label/aria wiring in a view. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  value?: string;
  type?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  autocomplete?: string;
  maxlength?: number;
  pattern?: string;
  inputmode?: string;
}

/** A labelled input with its hint and its error wired through aria-describedby. */
export function textField(o: FieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : '';
  const errorId = o.error ? `${o.id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="field ${o.error ? 'invalid' : ''}">
    <label for=${o.id}>${o.label}${o.required ? html` <span class="req">(required)</span>` : nothing}</label>
    <input
      id=${o.id}
      name=${o.name}
      type=${o.type ?? 'text'}
      ?required=${o.required ?? false}
      autocomplete=${o.autocomplete ?? 'off'}
      maxlength=${o.maxlength ?? nothing}
      pattern=${o.pattern ?? nothing}
      .value=${o.value ?? ''}
      inputmode=${o.inputmode ?? nothing}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
    />
    ${o.hint ? html`<p class="hint" id=${hintId}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="error" id=${errorId}>${o.error}</p>` : nothing}
  </div>`;
}

let flash = '';
/** A message for the next view to show, when an action moved to another page (a customer created or deleted). */
export function setFlash(message: string): void {
  flash = message;
}
/** The message setFlash left, once. */
export function takeFlash(): string {
  const message = flash;
  flash = '';
  return message;
}

/** A polite live region for "Saved." style confirmations. */
export function statusLine(message: string): TemplateResult {
  return html`<p class="status" role="status">${message}</p>`;
}

/** Form values as strings (trimmed), checkboxes as booleans. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) out[k] = typeof v === 'string' ? v.trim() : '';
  return out;
}

export function checked(form: HTMLFormElement, name: string): boolean {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
}
