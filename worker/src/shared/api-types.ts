// Response shapes the widget and the merchant console render, defined once where the worker builds
// them (dependency-free, type-only for the front ends).
import type { ErrorCode, FieldCode } from './error-codes';
import type { FormFieldValue } from './form-field-rules';

export interface FormFieldEntry {
  name: string;
  value: FormFieldValue;
}

/** An address as both APIs answer it: BigCommerce's address_Full plus label, instructions and defaults. */
export interface Address {
  id: number;
  customer_id: number;
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state_or_province: string;
  postal_code: string;
  country: string;
  country_code: string;
  phone: string;
  address_type: 'residential' | 'commercial';
  label: string;
  delivery_instructions: string;
  is_default_shipping: boolean;
  is_default_billing: boolean;
  form_fields: FormFieldEntry[];
}

/** An order as the shopper sees it (amounts as decimal strings in the currency's precision, e.g. "12.50"). */
export interface ShopperOrder {
  id: number;
  status: string;
  is_test: boolean;
  currency_code: string;
  subtotal: string;
  tax: string;
  shipping: string;
  total: string;
  item_count: number;
  billing_address: Record<string, string>;
  shipping_address: Record<string, string>;
  date_created: string;
}

/** An order as the admin API answers it: the shopper's view plus who placed it. */
export interface Order extends ShopperOrder {
  /** 0 for a guest order. */
  customer_id: number;
  is_guest: boolean;
  email: string;
  first_name: string;
  last_name: string;
  channel_id: number;
  date_modified: string;
}

export interface OrderItem {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  price: string;
  total: string;
}

/**
 * The one error body of both APIs: BigCommerce's `{status, title, type, detail?, errors?}` envelope
 * (unchanged, clients parse it) plus our stable `code` and, for field errors, `codes` keyed like
 * `errors` (field path → code). Clients switch on and translate the codes, never the English texts.
 */
export interface ErrorBody {
  status: number;
  title: string;
  /** `urn:storefront-accounts:error:<kind>`, the kind following the status (docs/admin-api.md "Errors and codes"). */
  type: string;
  code: ErrorCode;
  detail?: string;
  /** Field path ("email", "1.addresses.0.postal_code", a query parameter) → English message. */
  errors?: Record<string, string>;
  /** The same keys as `errors` → stable field code. */
  codes?: Record<string, FieldCode>;
}

/** The signed-in shopper's own profile (`customer` in storefront responses). */
export interface OwnProfile {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  company: string;
  phone: string;
  customer_group_id: number;
  has_password: boolean;
  /** The shopper proved they own `email` (a mailed code, or a provider vouched for it). */
  email_verified: boolean;
  /** The new address of an email change waiting for its code; null when none is pending. */
  pending_email: string | null;
  date_created: string;
  date_modified: string;
  form_fields: FormFieldEntry[];
}

/** A shopper's passkey (docs/storefront-api.md "Passkeys"): never the key or the credential id. */
export interface Passkey {
  id: number;
  name: string;
  date_created: string;
  last_used: string | null;
  /** `multi_device`: the credential can be synced (backup eligible); `single_device`: bound to one authenticator. */
  device_type: 'single_device' | 'multi_device';
  /** The credential is backed up (synced) now. */
  backed_up: boolean;
}

/** A credential descriptor of WebAuthn options (the id base64url). */
export interface PasskeyDescriptorJSON {
  type: 'public-key';
  id: string;
  transports?: string[];
}

/** `PublicKeyCredentialCreationOptionsJSON` (WebAuthn Level 3): what `PublicKeyCredential.parseCreationOptionsFromJSON` takes. */
export interface PasskeyCreationOptionsJSON {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout: number;
  excludeCredentials: PasskeyDescriptorJSON[];
  authenticatorSelection: { residentKey: 'required'; requireResidentKey: true; userVerification: 'required' };
  attestation: 'none';
}

/** `PublicKeyCredentialRequestOptionsJSON`: what `PublicKeyCredential.parseRequestOptionsFromJSON` takes. */
export interface PasskeyRequestOptionsJSON {
  challenge: string;
  rpId: string;
  timeout: number;
  userVerification: 'required';
  allowCredentials: PasskeyDescriptorJSON[];
}
