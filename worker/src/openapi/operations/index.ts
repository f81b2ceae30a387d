// Every operation's description, one file per resource (named after its route file), merged here.
// Build-time only (types.ts).
import type { OperationDocs } from '../types';
import adminAddresses from './admin/addresses';
import adminApps from './admin/apps';
import adminAttributeValues from './admin/attribute-values';
import adminAttributes from './admin/attributes';
import adminChannels from './admin/channels';
import adminCustomerActivity from './admin/customer-activity';
import adminCustomerGroups from './admin/customer-groups';
import adminCustomerInvitations from './admin/customer-invitations';
import adminCustomerSettings from './admin/customer-settings';
import adminCustomers from './admin/customers';
import adminFormFieldValues from './admin/form-field-values';
import adminFormFields from './admin/form-fields';
import adminHooks from './admin/hooks';
import adminMetafields from './admin/metafields';
import adminOidcProviders from './admin/oidc-providers';
import adminOrders from './admin/orders';
import adminSubscribers from './admin/subscribers';
import adminTrackingConsent from './admin/tracking-consent';
import storefrontAddresses from './storefront/addresses';
import storefrontConsents from './storefront/consents';
import storefrontCurrentCustomer from './storefront/current-customer';
import storefrontCustomer from './storefront/customer';
import storefrontFormFields from './storefront/form-fields';
import storefrontHealth from './storefront/health';
import storefrontLoginToken from './storefront/login-token';
import storefrontMetafields from './storefront/metafields';
import storefrontOidc from './storefront/oidc';
import storefrontOrders from './storefront/orders';
import storefrontPasskeys from './storefront/passkeys';
import storefrontPasswordReset from './storefront/password-reset';
import storefrontSession from './storefront/session';
import storefrontSignInCode from './storefront/sign-in-code';
import storefrontSignUp from './storefront/sign-up';
import storefrontWellKnown from './storefront/well-known';

const FILES: OperationDocs[] = [
  adminAddresses,
  adminApps,
  adminAttributeValues,
  adminAttributes,
  adminChannels,
  adminCustomerActivity,
  adminCustomerGroups,
  adminCustomerInvitations,
  adminCustomerSettings,
  adminCustomers,
  adminFormFieldValues,
  adminFormFields,
  adminHooks,
  adminMetafields,
  adminOidcProviders,
  adminOrders,
  adminSubscribers,
  adminTrackingConsent,
  storefrontAddresses,
  storefrontConsents,
  storefrontCurrentCustomer,
  storefrontCustomer,
  storefrontFormFields,
  storefrontHealth,
  storefrontLoginToken,
  storefrontMetafields,
  storefrontOidc,
  storefrontOrders,
  storefrontPasskeys,
  storefrontPasswordReset,
  storefrontSession,
  storefrontSignInCode,
  storefrontSignUp,
  storefrontWellKnown,
];

/** All descriptions by `METHOD /path`; a key described twice is a mistake and fails the build. */
export const OPERATIONS: OperationDocs = {};
for (const file of FILES) {
  for (const [key, doc] of Object.entries(file)) {
    if (key in OPERATIONS) throw new Error(`${key} is described twice in worker/src/openapi/operations/`);
    (OPERATIONS as Record<string, unknown>)[key] = doc;
  }
}
