// The storefront API's response schemas, shared by its operation files: the shopper's profile, the
// session answer (tokens plus the refresh cookie), addresses, orders, passkeys, identities. Written from
// what the worker sends (shared/api-types.ts, the accounts/ shape functions). Build-time only (types.ts).
import * as z from 'zod';
import { addressFields, formFieldDefinitionFields } from '../shared-fields';
import { CONSENTS } from '../../../accounts/subscribers';
import { ORDER_STATUSES } from '../../../accounts/orders';
import type { ResponseDoc } from '../../types';

export const FormFieldValueSchema = z
  .union([z.string(), z.number(), z.array(z.string())])
  .meta({ id: 'FormFieldValue', description: 'A form field value: text, a number, or the chosen options of a checkboxes field.' });

export const FormFieldEntrySchema = z
  .object({
    name: z.string().describe('The form field definition this value belongs to (`GET /storefront/form-fields`).'),
    value: FormFieldValueSchema,
  })
  .meta({ id: 'FormFieldEntry' });

export const OwnProfileSchema = z
  .object({
    id: z.int(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    company: z.string(),
    phone: z.string(),
    customer_group_id: z.int().describe('0: no group.'),
    has_password: z.boolean().describe('False for an account made with a provider or a passkey only.'),
    email_verified: z.boolean().describe('The shopper proved they own `email` (a mailed code, or a provider vouched for it).'),
    pending_email: z.string().nullable().describe('The new address of an email change waiting for its code; null when none is pending.'),
    date_created: z.string(),
    date_modified: z.string(),
    form_fields: z.array(FormFieldEntrySchema),
  })
  .meta({ id: 'OwnProfile', description: "The signed-in shopper's own profile (`customer` in storefront answers)." });

const sessionTokenFields = {
  access_token: z.string().describe('A short-lived ES256 JWT: send it as `Authorization: Bearer …`; verify it with `/.well-known/jwks.json`.'),
  token_type: z.literal('Bearer'),
  expires_in: z.int().describe('Seconds until the access token expires.'),
  refresh_token: z
    .string()
    .optional()
    .describe(
      'Only where the store keeps the refresh token out of cookies (REFRESH_IN_BODY=true); otherwise it is only in the `sfa_refresh` cookie.',
    ),
};

export const SessionTokensSchema = z
  .object(sessionTokenFields)
  .meta({ id: 'SessionTokens', description: 'A new access token; the rotating refresh token travels in the `sfa_refresh` cookie.' });

export const SessionSchema = z
  .object({ customer: OwnProfileSchema, ...sessionTokenFields })
  .meta({ id: 'Session', description: 'A started (or refreshed) session: the profile and the tokens.' });

/** The refresh cookie a session answer sets. */
export const REFRESH_COOKIE_HEADER: NonNullable<ResponseDoc['headers']> = {
  'Set-Cookie': {
    description:
      '`sfa_refresh=<token>; Path=/storefront/session; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=…`: the rotating refresh token (each refresh replaces it).',
    schema: { type: 'string' },
  },
};

/** The answer of every route that starts a session (log-in, code, passkey, refresh). */
export const sessionResponse = (description: string): ResponseDoc => ({ description, schema: SessionSchema, headers: REFRESH_COOKIE_HEADER });

/** The header of routes that end the session in this browser. */
export const CLEARED_COOKIE_HEADER: NonNullable<ResponseDoc['headers']> = {
  'Set-Cookie': { description: '`sfa_refresh=; Max-Age=0; Path=/storefront/session; …`: removes the refresh cookie.', schema: { type: 'string' } },
};

export const AddressSchema = z
  .object({
    ...addressFields,
    form_fields: z.array(FormFieldEntrySchema).describe("Values of the store's address form fields."),
  })
  .meta({ id: 'Address', description: "An address of the shopper's book: BigCommerce's address plus label, delivery instructions and defaults." });

const money = () => z.string().describe('A decimal string in the currency\'s precision ("12.50").');

const shopperOrderFields = {
  id: z.int(),
  status: z.string().describe(`One of ${ORDER_STATUSES.map((s) => `\`${s}\``).join(', ')}.`),
  is_test: z.boolean(),
  currency_code: z.string(),
  subtotal: money(),
  tax: money(),
  shipping: money(),
  total: money(),
  item_count: z.int(),
  billing_address: z.record(z.string(), z.string()),
  shipping_address: z.record(z.string(), z.string()),
  date_created: z.string(),
};

export const ShopperOrderSchema = z.object(shopperOrderFields).meta({ id: 'ShopperOrder', description: 'An order as the shopper sees it.' });

export const OrderItemSchema = z
  .object({ id: z.int(), sku: z.string(), name: z.string(), quantity: z.int(), price: money(), total: money() })
  .meta({ id: 'OrderItem' });

export const ShopperOrderDetailSchema = z
  .object({ ...shopperOrderFields, items: z.array(OrderItemSchema) })
  .meta({ id: 'ShopperOrderDetail', description: 'One order with its items.' });

export const ConsentSchema = z.enum(CONSENTS).meta({ id: 'Consent', description: 'A newsletter consent.' });

export const StorefrontMetafieldSchema = z
  .object({
    id: z.int(),
    namespace: z.string(),
    key: z.string(),
    value: z.string(),
    description: z.string(),
    writable: z.boolean().describe('The shopper may change the value (permission set `write_and_sf_access`).'),
    date_modified: z.string(),
  })
  .meta({ id: 'StorefrontMetafield', description: 'A metafield the store shares with the shopper.' });

export const FormFieldDefinitionSchema = z
  .object(formFieldDefinitionFields)
  .meta({ id: 'FormFieldDefinition', description: "One of the store's sign-up or address form fields." });

export const PasskeySchema = z
  .object({
    id: z.int(),
    name: z.string(),
    date_created: z.string(),
    last_used: z.string().nullable(),
    device_type: z
      .enum(['single_device', 'multi_device'])
      .describe('`multi_device`: the credential can be synced (backup eligible); `single_device`: bound to one authenticator.'),
    backed_up: z.boolean().describe('The credential is backed up (synced) now.'),
  })
  .meta({ id: 'Passkey', description: "One of the shopper's passkeys: never the key or the credential id." });

const PasskeyDescriptorSchema = z
  .object({ type: z.literal('public-key'), id: z.string().describe('base64url'), transports: z.array(z.string()).optional() })
  .meta({ id: 'PasskeyDescriptor' });

export const PasskeyCreationOptionsSchema = z
  .object({
    challenge: z.string(),
    rp: z.object({ id: z.string(), name: z.string() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.object({ type: z.literal('public-key'), alg: z.int() })),
    timeout: z.int(),
    excludeCredentials: z.array(PasskeyDescriptorSchema),
    authenticatorSelection: z.object({
      residentKey: z.literal('required'),
      requireResidentKey: z.literal(true),
      userVerification: z.literal('required'),
    }),
    attestation: z.literal('none'),
  })
  .meta({
    id: 'PasskeyCreationOptions',
    description: "WebAuthn's `PublicKeyCredentialCreationOptionsJSON`: what `PublicKeyCredential.parseCreationOptionsFromJSON` takes.",
  });

export const PasskeyRequestOptionsSchema = z
  .object({
    challenge: z.string(),
    rpId: z.string(),
    timeout: z.int(),
    userVerification: z.literal('required'),
    allowCredentials: z.array(PasskeyDescriptorSchema).describe('Always empty: discoverable credentials, so autofill works.'),
  })
  .meta({
    id: 'PasskeyRequestOptions',
    description: "WebAuthn's `PublicKeyCredentialRequestOptionsJSON`: what `PublicKeyCredential.parseRequestOptionsFromJSON` takes.",
  });

/** The `sfa_webauthn` cookie an options answer (re)sets. */
export const WEBAUTHN_COOKIE_HEADER: NonNullable<ResponseDoc['headers']> = {
  'Set-Cookie': {
    description:
      '`sfa_webauthn=…; Path=/storefront; HttpOnly; Secure; SameSite=None; Partitioned`: binds the challenge to this browser (the answer to the ceremony must come with it).',
    schema: { type: 'string' },
  },
};

/** A redirect's target. */
export const LOCATION_HEADER: NonNullable<ResponseDoc['headers']> = {
  Location: { description: 'Where the browser goes next.', schema: { type: 'string' } },
};
