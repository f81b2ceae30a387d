// Answers of the routes a browser navigates to (Customer Login SSO links, OpenID Connect redirects):
// API clients that Accept JSON get the error shape; browsers get a small script-free HTML page with the
// same status, never a 500 or a stack. Shared by routes/login-token.ts and routes/storefront/oidc.ts.
import type { Context } from 'hono';
import { ApiError } from '../errors';

export function wantsJson(c: Context): boolean {
  return /application\/([\w.+-]+\+)?json/i.test(c.req.header('Accept') ?? '');
}

/** Nothing about a sign-in attempt may be cached or leak through Referer headers. */
export function noStore(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The failure as the error shape (JSON clients) or a small script-free HTML page (browsers). */
export function failurePage(c: Context, err: ApiError): Response {
  const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  if (wantsJson(c)) return c.json(err.toBody(), err.status, headers);
  const fieldErrors = err.options.errors
    ? Object.entries(err.options.errors)
        .map(([k, v]) => `${k}: ${v.message}`)
        .join('; ')
    : '';
  const detail = err.options.detail ?? fieldErrors;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Sign-in failed</title></head>
<body>
<main>
<h1>Sign-in failed</h1>
<p><strong>${escapeHtml(err.title)}</strong></p>
${detail ? `<p>${escapeHtml(detail)}</p>\n` : ''}<p>Please go back and try again. If this keeps happening, contact the store.</p>
<p><a href="/">Continue to the store</a></p>
</main>
</body>
</html>
`;
  return c.html(html, err.status, {
    ...headers,
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
}
