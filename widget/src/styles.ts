// Styles. The elements render their forms in the light DOM (password managers and the theme's own
// input and button styles reach them), styled by one constructable sheet adopted by the document in
// `@layer storefront-accounts`: unlayered theme CSS always wins. The shadow root holds only the frame
// (`::part(base)`, `::part(status)`). Constructable sheets need no `unsafe-inline` under a strict CSP.
import { css } from 'lit';

export const TAGS = 'account-login,account-signup,account-addresses,account-orders,account-newsletter,account-profile,account-portal,account-menu';

/** The frame in each element's shadow root. */
export const frameStyles = css`
  :host {
    display: block;
    color: inherit;
    font: inherit;
    max-width: var(--account-max-width, 40rem);
  }
  :host([hidden]) {
    display: none;
  }
  [part~='status']:not(:empty) {
    margin-block-start: var(--account-gap, 1rem);
    padding: 0.5em 0.75em;
    border-inline-start: 3px solid var(--account-success, #1e7b34);
  }
`;

/** Light-DOM form styles (every element; what only other forms need is in account-styles.ts). */
export const formStyles = `@layer storefront-accounts {
:where(${TAGS}) { --_gap: var(--account-gap, 1rem); --_radius: var(--account-radius, 0.375rem); --_border: var(--account-border, color-mix(in srgb, currentColor 35%, transparent)); --_accent: var(--account-accent, CanvasText); --_danger: var(--account-danger, #b3261e); }
:where(${TAGS}) :where(h2, h3) { margin: 0 0 var(--_gap); font-size: 1.25em; line-height: 1.3; }
:where(${TAGS}) :where(form, .sfa-stack) { display: grid; gap: var(--_gap); margin: 0 0 var(--_gap); }
.sfa-field { display: grid; gap: 0.25rem; min-width: 0; border: 0; margin: 0; padding: 0; }
.sfa-field :where(input:not([type=checkbox], [type=radio]), select, textarea) { box-sizing: border-box; width: 100%; min-height: 2.75rem; padding: 0.5rem 0.75rem; font: inherit; color: inherit; background: var(--account-input-background, transparent); border: 1px solid var(--_border); border-radius: var(--_radius); }
.sfa-field :where(input, select, textarea)[aria-invalid=true] { border-color: var(--_danger); }
.sfa-pw { display: flex; gap: 0.5rem; }
.sfa-pw input { flex: 1; min-width: 0; }
.sfa-optional, .sfa-hint, .sfa-muted { opacity: 0.75; font-size: 0.875em; }
.sfa-error { color: var(--_danger); font-size: 0.875em; }
.sfa-alert { color: var(--_danger); border: 1px solid var(--_danger); border-radius: var(--_radius); padding: 0.5em 0.75em; margin: 0; }
.sfa-button { box-sizing: border-box; min-height: 2.75rem; padding: 0.5rem 1.25rem; font: inherit; font-weight: 600; cursor: pointer; border-radius: var(--_radius); border: 1px solid var(--_accent); background: var(--_accent); color: var(--account-accent-contrast, Canvas); }
.sfa-button.sfa-secondary, .sfa-link { background: transparent; color: inherit; border-color: var(--_border); }
.sfa-link { border: 0; padding: 0; min-height: 0; font: inherit; text-decoration: underline; cursor: pointer; font-weight: inherit; }
.sfa-button:disabled { opacity: 0.6; cursor: progress; }
.sfa-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
:where(${TAGS}) :focus-visible { outline: 2px solid var(--account-focus, Highlight); outline-offset: 2px; }
}`;

const adopted = new WeakMap<Document, Set<string>>();

/** Adds a light-DOM sheet to a document once (never at import time: SSR has no document). */
export function adoptLightStyles(doc: Document, text: string): void {
  const done = adopted.get(doc) ?? new Set();
  if (done.has(text) || !('adoptedStyleSheets' in doc)) return;
  adopted.set(doc, done.add(text));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
