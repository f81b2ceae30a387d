// The element gallery (/gallery/, issue 15): every element of the widget alone in a panel, with its
// documented attributes as controls, a language switch, a theme switch and a live log of the `account-*`
// events. The panels, their controls and the events listened for come from custom-elements.json (copied
// beside this file by scripts/build-assets.mjs --demo; `npm run manifest` regenerates it from the JSDoc),
// so a new element, attribute or event shows up here without touching this file. No inline code or style:
// the page runs under the demo's strict CSP.
import { sessionFor } from '/widget/storefront-accounts.js';

// The seeded local shopper (demo/seed.mjs DEMO_SHOPPER), also printed on the demo store's banner.
const DEMO_SHOPPER = { email: 'shopper@example.com', password: 'demo-shopper-2026' };
// Signed-out elements first; an element the manifest adds later goes at the end.
const ORDER = [
  'account-login',
  'account-signup',
  'account-menu',
  'account-portal',
  'account-profile',
  'account-addresses',
  'account-orders',
  'account-newsletter',
];
// These show only a placeholder while nobody is signed in (the manifest cannot say so).
const NEEDS_SESSION = new Set(['account-profile', 'account-addresses', 'account-orders']);
const LOCALES = ['en', 'de', 'fr'];
const THEMES = ['light', 'dark', 'linen', 'neon'];
const MAX_LOG = 50;

const $ = (selector, root = document) => root.querySelector(selector);
const session = sessionFor(new URL('/widget/storefront-accounts.js', location.href).origin);
/** @type {Map<string, {tag: string, values: Map<string, string>, stage: HTMLElement, markup: HTMLElement, note: HTMLElement | null, element: HTMLElement | null}>} */
const panels = new Map();
const params = new URLSearchParams(location.search);
let locale = LOCALES.includes(params.get('lang') ?? '') ? params.get('lang') : 'en';

function node(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

/** Text with `code` spans for the manifest's backticks. */
function richText(text) {
  return text.split(/`([^`]*)`/).map((part, i) => (i % 2 ? node('code', { text: part }) : part));
}

/** The declared custom elements, with what the gallery shows of them. */
function elementsOf(manifest) {
  const found = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      found.push({
        tag: d.tagName,
        summary: d.summary ?? '',
        // `lang` is the language switch's, for every element at once.
        attributes: (d.attributes ?? []).filter((a) => a.name && a.name !== 'lang'),
        events: (d.events ?? []).map((e) => e.name).filter(Boolean),
      });
    }
  }
  const rank = (tag) => (ORDER.includes(tag) ? ORDER.indexOf(tag) : ORDER.length);
  return found.sort((a, b) => rank(a.tag) - rank(b.tag) || a.tag.localeCompare(b.tag));
}

/** boolean → checkbox, number → number input, anything else (string, string | undefined, unions) → text input. */
function kindOf(attribute) {
  const types = (attribute.type?.text ?? 'string')
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t !== 'undefined' && t !== 'null');
  if (types.length === 1 && (types[0] === 'boolean' || types[0] === 'number')) return types[0];
  return 'string';
}

/** The manifest's default (`'#signup'`, `10`, `false`) as the text a page would write. */
function defaultOf(attribute) {
  const d = attribute.default;
  if (d === undefined || d === "''" || d === '""') return '';
  return d.replace(/^(['"`])(.*)\1$/, '$2');
}

function control(info, attribute, values) {
  const id = `${info.tag}--${attribute.name}`;
  const kind = kindOf(attribute);
  const fallback = defaultOf(attribute);
  const hint = node('p', { class: 'g-hint', id: `${id}-hint` }, ...richText(attribute.description ?? ''));
  if (fallback && kind !== 'boolean' && !/\bdefault\b/i.test(attribute.description ?? ''))
    hint.append(' Default: ', node('code', { text: fallback }), '.');
  const label = node('label', { for: id }, node('code', { text: attribute.name }));
  let input;
  if (kind === 'boolean') {
    input = node('input', { id, type: 'checkbox', name: attribute.name, 'aria-describedby': hint.id });
    input.addEventListener('change', () => {
      if (input.checked) values.set(attribute.name, '');
      else values.delete(attribute.name);
      mount(panels.get(info.tag));
    });
    return node('div', { class: 'g-control g-control-check' }, input, label, hint);
  }
  input = node('input', {
    id,
    type: kind === 'number' ? 'number' : 'text',
    name: attribute.name,
    placeholder: fallback || undefined,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': hint.id,
  });
  // On change (blur or Enter), not on every key: each change mounts a fresh element.
  input.addEventListener('change', () => {
    if (input.value === '') values.delete(attribute.name);
    else values.set(attribute.name, input.value);
    mount(panels.get(info.tag));
  });
  return node('div', { class: 'g-control' }, label, input, hint);
}

function panel(info) {
  const titleId = `${info.tag}-title`;
  const values = new Map();
  const form = node('form', { class: 'g-controls', 'aria-label': `${info.tag} attributes` });
  form.addEventListener('submit', (e) => e.preventDefault()); // Enter in a text field: its change event applies it
  const fieldset = node('fieldset', {}, node('legend', { text: 'Attributes' }));
  for (const attribute of info.attributes) fieldset.append(control(info, attribute, values));
  if (!info.attributes.length) fieldset.append(node('p', { class: 'g-hint', text: 'None besides api and lang.' }));
  form.append(fieldset);
  if (info.events.length) {
    const fires = node('p', { class: 'g-hint' }, 'Fires ');
    info.events.forEach((name, i) => fires.append(i ? ', ' : '', node('code', { text: name })));
    form.append(fires);
  }
  const markup = node('code');
  form.append(node('p', { class: 'g-hint', text: 'Markup' }), node('pre', { class: 'g-markup' }, markup));

  const note = NEEDS_SESSION.has(info.tag)
    ? node(
        'p',
        { class: 'g-note', hidden: true },
        'Nobody is signed in, so this element shows only a placeholder: use ',
        node('strong', { text: 'Sign in as the demo shopper' }),
        ' above or the ',
        node('code', { text: '<account-login>' }),
        ' panel.',
      )
    : null;
  const stage = node('div', { class: 'g-stage' });
  const section = node(
    'section',
    { class: 'g-panel panel', id: info.tag, 'aria-labelledby': titleId, 'data-panel': info.tag },
    node('h2', { id: titleId }, node('code', { text: `<${info.tag}>` })),
    info.summary ? node('p', { class: 'g-summary', text: info.summary }) : null,
    node('div', { class: 'g-panel-body' }, form, node('div', { class: 'g-preview' }, note, stage)),
  );
  const entry = { tag: info.tag, values, stage, markup, note, element: null };
  panels.set(info.tag, entry);
  mount(entry);
  return section;
}

/** Replaces the panel's element by a fresh one with the current attributes and language (as a page load would). */
function mount(entry) {
  const el = document.createElement(entry.tag);
  for (const [name, value] of entry.values) el.setAttribute(name, value);
  el.setAttribute('lang', locale);
  entry.stage.replaceChildren(el);
  entry.element = el;
  const attrs = [...entry.values].map(([name, value]) =>
    value === '' ? ` ${name}` : ` ${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`,
  );
  entry.markup.textContent = `<${entry.tag}${attrs.join('')} lang="${locale}"></${entry.tag}>`;
  return el;
}

// --- Language: each element's own `lang` (the widget also reads an ancestor's or <html>'s). A language
// the page has used before is already loaded, and the elements render their texts when they render: a
// fresh element per switch shows the language exactly as a page in it would.
function setLocale(next) {
  locale = next;
  for (const entry of panels.values()) mount(entry);
  remember('lang', next === 'en' ? null : next);
}

// --- Theme: <html data-theme>; Linen and Neon are the demo store's (demo.css), light and dark the widget's
// own defaults (gallery.css resets the --account-* properties).
function setTheme(next) {
  document.documentElement.dataset.theme = next;
  remember('theme', next === 'light' ? null : next);
}

/** Keeps the choice in the address, so a reload or a shared link shows the same. */
function remember(key, value) {
  const url = new URL(location.href);
  if (value === null) url.searchParams.delete(key);
  else url.searchParams.set(key, value);
  history.replaceState(history.state, '', url);
}

for (const radio of document.querySelectorAll('input[name=locale]')) {
  radio.checked = radio.value === locale;
  radio.addEventListener('change', () => setLocale(radio.value));
}
for (const radio of document.querySelectorAll('input[name=theme]')) {
  radio.checked = radio.value === document.documentElement.dataset.theme;
  radio.addEventListener('change', () => setTheme(radio.value));
}
if (!THEMES.includes(document.documentElement.dataset.theme ?? '')) setTheme('light');

// --- Event log: every event the manifest lists, heard on document (they bubble and are composed).
const log = $('[data-log]');
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function logEvent(event) {
  const target = event.target;
  const from = target instanceof Element ? `<${target.localName}>` : 'document';
  const inPanel = target instanceof Element ? target.closest('[data-panel]')?.getAttribute('data-panel') : undefined;
  const where = inPanel && inPanel !== target.localName ? ` in the <${inPanel}> panel` : '';
  let detail;
  try {
    detail = JSON.stringify(event.detail, null, 2) ?? 'undefined';
  } catch {
    detail = String(event.detail);
  }
  const item = node(
    'li',
    { class: 'g-event', 'data-event': event.type },
    node('p', {}, node('time', { text: time.format(new Date()) }), ' ', node('strong', { text: event.type }), ` from ${from}${where}`),
    node('pre', {}, node('code', { text: detail })),
  );
  log.prepend(item);
  while (log.children.length > MAX_LOG) log.lastElementChild?.remove();
  $('[data-log-empty]').hidden = true;
}

function listen(events) {
  for (const name of events) document.addEventListener(name, logEvent);
  const hint = $('[data-log-events]');
  hint.replaceChildren('Listening on ', node('code', { text: 'document' }), ' for ');
  events.forEach((name, i) => hint.append(i ? ', ' : '', node('code', { text: name })));
  hint.append('.');
}

$('[data-clear-log]').addEventListener('click', () => {
  log.replaceChildren();
  $('[data-log-empty]').hidden = false;
});

// --- Session: the demo shopper signs in through the <account-login> panel, as a shopper would.
const signInButton = $('[data-demo-sign-in]');
const signOutButton = $('[data-sign-out]');

function renderSession() {
  const state = session.state;
  const c = session.customer;
  $('[data-session-state]').textContent =
    state === 'signed-in' && c
      ? `Signed in: ${c.first_name} ${c.last_name}`
      : state === 'signed-out'
        ? 'Nobody is signed in.'
        : 'Checking the session…';
  signInButton.hidden = state !== 'signed-out';
  signOutButton.hidden = state !== 'signed-in';
  for (const entry of panels.values()) if (entry.note) entry.note.hidden = state !== 'signed-out';
}

/** Resolves with what `find` returns once it returns something (the element renders after its texts load). */
function until(find, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = find();
      if (found) resolve(found);
      else if (Date.now() - started > ms) reject(new Error('timed out'));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

signInButton.addEventListener('click', async () => {
  const entry = panels.get('account-login');
  if (!entry) return;
  signInButton.disabled = true;
  try {
    const login = mount(entry); // a fresh form, not a forgot-password or code view left open
    const form = await until(() => login.querySelector('input[name=password]')?.form);
    form.elements.namedItem('email').value = DEMO_SHOPPER.email;
    form.elements.namedItem('password').value = DEMO_SHOPPER.password;
    form.requestSubmit(); // errors (a wrong seed, the rate limit) show in the element and the log
  } catch {
    $('[data-gallery-error]').textContent = 'The <account-login> panel did not show its form.';
  } finally {
    signInButton.disabled = false;
  }
});
signOutButton.addEventListener('click', () => void session.signOut());
session.addEventListener('change', renderSession);

// --- Build the panels from the manifest.
try {
  const res = await fetch('/gallery/custom-elements.json', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /gallery/custom-elements.json answered ${res.status}`);
  const elements = elementsOf(await res.json());
  listen([...new Set(elements.flatMap((e) => e.events))].sort());
  $('[data-elements]').replaceChildren(...elements.map(panel));
} catch (err) {
  $('[data-gallery-error]').textContent = `The gallery could not read the elements' manifest: ${err instanceof Error ? err.message : String(err)}`;
}
renderSession();
void session.start();
