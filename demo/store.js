// The demo store's own script (no inline code anywhere, so the page works under a strict CSP): the theme
// switcher, a cart stub kept in localStorage, the footer newsletter for guests, and — only when the
// worker's local /dev routes answer — "Place a test order", recorded through POST /dev/orders for the
// signed-in shopper (with the widget session's bearer token) or as a guest.
import { sessionFor } from '/widget/storefront-accounts.js';

const THEME_KEY = 'sfa-demo-theme';
const CART_KEY = 'sfa-demo-cart';
const ACCOUNT_SECTIONS = ['login', 'signup', 'profile', 'addresses', 'orders', 'newsletter'];
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const $ = (selector, root = document) => root.querySelector(selector);

function store(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {
    // storage blocked (private mode): the demo still works for this page view
  }
  return null;
}

// --- Theme switcher: only CSS custom properties and ::part change how the widget looks (demo.css).
for (const radio of document.querySelectorAll('input[name=theme]')) {
  radio.checked = radio.value === document.documentElement.dataset.theme;
  radio.addEventListener('change', () => {
    document.documentElement.dataset.theme = radio.value;
    store(THEME_KEY, radio.value);
  });
}

// --- Cart stub: quantities by SKU in localStorage; the products' data-* attributes are the catalogue.
const products = new Map(
  [...document.querySelectorAll('.product')].map((el) => [el.dataset.sku, { sku: el.dataset.sku, name: el.dataset.name, price: el.dataset.price }]),
);

function readCart() {
  try {
    const cart = JSON.parse(store(CART_KEY) ?? '{}');
    return Object.fromEntries(Object.entries(cart).filter(([sku, n]) => products.has(sku) && Number.isInteger(n) && n > 0));
  } catch {
    return {};
  }
}

function writeCart(cart) {
  store(CART_KEY, JSON.stringify(cart));
  renderCart();
}

function cartLines() {
  return Object.entries(readCart()).map(([sku, quantity]) => ({ ...products.get(sku), quantity }));
}

function renderCart() {
  const lines = cartLines();
  const count = lines.reduce((n, l) => n + l.quantity, 0);
  for (const el of document.querySelectorAll('[data-cart-count]')) el.textContent = String(count);
  $('[data-cart-empty]').hidden = lines.length > 0;
  $('[data-cart-subtotal]').hidden = lines.length === 0;
  $('[data-cart-subtotal-value]').textContent = money.format(lines.reduce((s, l) => s + Number(l.price) * l.quantity, 0));
  const list = $('[data-cart-lines]');
  list.replaceChildren(
    ...lines.map((l) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = `${l.quantity} × ${l.name}`;
      const price = document.createElement('span');
      price.className = 'cart-price';
      price.textContent = money.format(Number(l.price) * l.quantity);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'btn-text';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove ${l.name}`);
      remove.addEventListener('click', () => {
        const cart = readCart();
        delete cart[l.sku];
        writeCart(cart);
      });
      li.append(name, price, remove);
      return li;
    }),
  );
}

for (const button of document.querySelectorAll('[data-add-to-cart]')) {
  button.addEventListener('click', () => {
    const { sku, name } = button.closest('.product').dataset;
    const cart = readCart();
    cart[sku] = (cart[sku] ?? 0) + 1;
    writeCart(cart);
    $('[data-cart-status]').textContent = `Added ${name} to your cart (${cart[sku]} in cart).`;
  });
}
addEventListener('storage', (e) => {
  if (e.key === CART_KEY) renderCart();
});
renderCart();

// --- Links to account sections (#login, #orders, …) scroll the account area into view.
function showAccount() {
  if (ACCOUNT_SECTIONS.includes(location.hash.slice(1))) $('#account').scrollIntoView({ block: 'start' });
}
addEventListener('hashchange', showAccount);
showAccount();

// --- The widget's session (shared with every element on the page: same API base, same module).
const session = sessionFor(new URL('/widget/storefront-accounts.js', location.href).origin);

// Footer newsletter: the guest sign-up; a signed-in shopper manages consents in the account area.
function renderNewsletter() {
  const slot = $('[data-newsletter-slot]');
  const signedIn = session.state === 'signed-in';
  const existing = $('account-newsletter', slot);
  $('[data-newsletter-note]').hidden = !signedIn;
  if (session.state === 'signed-out' && !existing) slot.append(document.createElement('account-newsletter'));
  if (session.state !== 'signed-out' && existing) existing.remove();
}

// --- Dev tools (local only): shown when GET /dev answers.
const form = $('[data-test-order]');
const guestEmail = $('#guest-email');

function renderOrderForm() {
  const signedIn = session.state === 'signed-in';
  $('[data-guest-only]').hidden = signedIn;
  guestEmail.disabled = signedIn;
  $('[data-order-who]').textContent = signedIn
    ? `Records the cart (or one mug when it is empty) as a test order for ${session.customer?.first_name ?? 'you'}, as if checkout had run.`
    : 'Records the cart (or one mug when it is empty) as a guest test order, as if checkout had run. Sign in to record it in your account.';
}

/**
 * Makes every <account-orders> on the page load again. The element has no public reload yet (nor does it
 * listen for an event), so a fresh copy replaces it: a new element loads the first page on connect.
 */
function refreshOrderHistory() {
  for (const el of document.querySelectorAll('account-orders')) {
    if (typeof el.reload === 'function') el.reload();
    else el.replaceWith(el.cloneNode(false));
  }
}

async function placeTestOrder(event) {
  event.preventDefault();
  const status = $('[data-order-status]');
  const error = $('[data-guest-error]');
  error.textContent = '';
  guestEmail.removeAttribute('aria-invalid');
  const signedIn = session.state === 'signed-in';
  if (!signedIn && (!guestEmail.value || !guestEmail.checkValidity())) {
    error.textContent = 'Enter an email address for the guest order.';
    guestEmail.setAttribute('aria-invalid', 'true');
    guestEmail.focus();
    return;
  }
  const lines = cartLines();
  const items = (lines.length ? lines : [{ ...products.get('MUG-01'), quantity: 1 }]).map(({ sku, name, price, quantity }) => ({
    sku,
    name,
    price,
    quantity,
  }));
  const body = JSON.stringify({ items, shipping: '4.95', ...(signedIn ? {} : { email: guestEmail.value }) });
  const button = $('button[type=submit]', form);
  button.disabled = true;
  status.textContent = 'Placing the test order…';
  try {
    // session.fetch adds the shopper's access token (and refreshes it once on a 401).
    const send = signedIn ? session.fetch : fetch;
    const res = await send(`${session.api}/dev/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const answer = await res.json();
    if (!res.ok) throw new Error(answer.errors ? Object.values(answer.errors).join(' ') : answer.title);
    const order = answer.data;
    writeCart({});
    status.replaceChildren(
      `Test order #${order.id} recorded${order.is_guest ? ` as a guest order for ${order.email}` : ''}: ${money.format(Number(order.total))}. `,
      order.is_guest ? linkTo('/admin/#/guest-orders', 'Link it to an account in the console') : linkTo('#orders', 'See it in your orders'),
    );
    if (!order.is_guest) refreshOrderHistory();
  } catch (err) {
    status.textContent = `The test order failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    button.disabled = false;
  }
}

function linkTo(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

session.addEventListener('change', () => {
  renderNewsletter();
  renderOrderForm();
});
renderNewsletter();
renderOrderForm();
form.addEventListener('submit', placeTestOrder);
void session.start();

fetch(`${session.api}/dev`, { headers: { Accept: 'application/json' } })
  .then((res) => {
    if (!res.ok) return;
    for (const el of document.querySelectorAll('.dev-only')) el.hidden = false;
  })
  .catch(() => {});
