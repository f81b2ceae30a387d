// Light-DOM styles beyond the log-in form (a log-in page does not load them): the other forms' pieces
// (sign-up and the account area) and the account area's lists, cards, tables, navigation and menu.
import { TAGS } from './styles';

/** Form pieces of sign-up and the account area: rows, checkboxes, fieldsets, password rules, loading placeholders. */
export const fieldStyles = `@layer storefront-accounts {
:where(${TAGS}) :where(h3) { font-size: 1.05em; }
.sfa-field legend { padding: 0; margin-block-end: 0.25rem; }
.sfa-check { display: flex; gap: 0.5rem; align-items: center; }
.sfa-check input { width: 1.125rem; height: 1.125rem; margin: 0; accent-color: var(--_accent); }
.sfa-row { display: grid; gap: var(--_gap); grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); }
.sfa-rules { list-style: none; margin: 0; padding: 0; font-size: 0.875em; }
.sfa-rules [data-met=true]::before { content: '✓ '; } .sfa-rules [data-met=false]::before { content: '○ '; }
.sfa-danger { border-color: var(--_danger); color: var(--_danger); background: transparent; }
.sfa-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.sfa-skeleton { min-height: 6rem; border-radius: var(--_radius); background: color-mix(in srgb, currentColor 8%, transparent); }
}`;

/** Light-DOM styles of the account area (lists, cards, tables, navigation, menu, dialogs); used with fieldStyles. */
export const accountStyles = `@layer storefront-accounts {
.sfa-card { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap); }
.sfa-list { list-style: none; margin: 0 0 var(--_gap); padding: 0; display: grid; gap: var(--_gap); }
.sfa-table { width: 100%; border-collapse: collapse; font-size: 0.9375em; }
.sfa-table :where(th, td) { text-align: start; padding: 0.25rem 0.5rem 0.25rem 0; }
.sfa-table .sfa-num { text-align: end; }
.sfa-badge { display: inline-block; padding: 0 0.5em; border: 1px solid var(--_border); border-radius: 1em; font-size: 0.8125em; }
.sfa-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0 0 var(--_gap); padding: 0; list-style: none; border-bottom: 1px solid var(--_border); }
.sfa-nav a { display: inline-block; padding: 0.5rem 0; color: inherit; text-decoration: none; border-bottom: 2px solid transparent; }
.sfa-nav a[aria-current=page] { border-bottom-color: var(--_accent); font-weight: 600; }
account-menu { position: relative; display: inline-block; }
.sfa-menu { position: absolute; inset-inline-end: 0; z-index: 10; min-width: 12rem; margin: 0.25rem 0 0; padding: 0.25rem 0; list-style: none; background: var(--account-menu-background, Canvas); color: var(--account-menu-color, CanvasText); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.15); }
.sfa-menu :where(a, button) { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem 1rem; text-align: start; color: inherit; background: none; border: 0; font: inherit; text-decoration: none; cursor: pointer; }
:where(${TAGS}) dialog { max-width: min(28rem, calc(100vw - 2rem)); border: 1px solid var(--_border); border-radius: var(--_radius); color: inherit; background: var(--account-dialog-background, Canvas); }
}`;
