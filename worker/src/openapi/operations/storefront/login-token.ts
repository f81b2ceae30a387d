// GET /login/token/{jwt}: BigCommerce's Customer Login (routes/login-token.ts).
import { operations } from '../../types';
import { LOCATION_HEADER, REFRESH_COOKIE_HEADER } from './schemas';

export default operations({
  'GET /login/token/{jwt}': {
    browserFlow: true,
    summary: 'Customer Login (single sign-on)',
    bigcommerce: { operation: 'getCustomerLogin', spec: 'customer_login.yml' },
    description: [
      "BigCommerce's Customer Login: a trusted app signs a short-lived HS256 JWT with its client secret (`iss` its client id, `iat`, `jti`, `operation` \"customer_login\", `store_hash`, `customer_id`, optional `redirect_to`, `request_ip`, `channel_id`) and the shopper's browser opens this URL. The token is checked and spent (each `jti` once), the shopper's session starts (the `sfa_refresh` cookie) and the browser goes to `redirect_to` (a path here or a URL on one of the store's storefronts; default `/`) with `#sfa-session` appended, which tells the widget to pick up the session.",
      "A browser route: failures answer a small HTML page with the error's status; clients that send `Accept: application/json` get the error body. A HEAD request answers 200 with headers only and spends nothing (link checkers).",
    ].join('\n\n'),
    tags: ['login'],
    auth: 'public',
    responses: {
      302: {
        description: 'Signed in: to `redirect_to` (or `/`), with `#sfa-session` unless it has a fragment of its own.',
        headers: { ...LOCATION_HEADER, ...REFRESH_COOKIE_HEADER },
      },
    },
    errors: [
      'login_token_invalid',
      'login_token_claims_invalid',
      'login_token_algorithm',
      'login_token_signature_invalid',
      'login_token_expired',
      'login_token_not_yet_valid',
      'login_token_used',
      'login_token_wrong_ip',
      'app_not_found',
      'customer_not_found',
      'channel_forbidden',
      'password_reset_required',
      'concurrent_change',
      'unavailable',
    ],
  },
});
