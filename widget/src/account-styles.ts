// Light-DOM styles of the account-area elements only (a log-in page does not load them).
import { TAGS } from './styles';

/** Light-DOM styles of the account area (lists, cards, tables, navigation, menu, dialogs). */
export const accountStyles = `@layer storefront-accounts {
.sfa-card { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap); }
.sfa-list { list-style: none; margin: 0 0 var(--_gap); padding: 0; display: grid; gap: var(--_gap); }
.sfa-skeleton { min-height: 6rem; border-radius: var(--_radius); background: color-mix(in srgb, currentColor 8%, transparent); }
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
