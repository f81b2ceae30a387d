// Store configuration the storefront reads on every request, and the customer settings of the admin API
// (/v3/customers/settings, globally and per channel, in BigCommerce's shapes plus our `storefront_accounts`
// policies). One rule for every reader: a channel's value wins where it sets one, else the store's, else
// the deployment's wrangler var (EMAIL_VERIFICATION, NEWSLETTER_DOUBLE_OPT_IN, PASSKEY_SIGNUP), so a store
// that never used the API behaves as its vars say (RP_ID for `passkey_rp_id`).
//
// The trusted storefront origins (CORS) and the settings documents are read together, in one D1 batch,
// and kept per isolate for 30 seconds: a shopper's request pays no round trip for them. A write through
// the admin API drops this isolate's copy at once (`dropStoreConfig`), so the next request here sees it;
// other isolates see it within 30 seconds. The D1 session of the admin write leaves its bookmark for the
// configuration reads that may start at a replica (middleware/d1-session.ts `noteConfigWrite`), so the
// refill here does not read a replica that has not seen the write yet.
import { channelExistsStatement, channelOriginsOf, channelOriginsStatement } from '../db/channels';
import { runBatch } from '../db/batch';
import {
  findExistingGroupIds,
  groupFlagsStatement,
  patchSettingStatement,
  setGroupFlagStatement,
  settingsStatement,
  settingStatement,
} from '../db/settings';
import type { Bindings } from '../env';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';

// ---- the shapes

export type EmailVerification = 'optional' | 'required';

/** Our store policies (not in BigCommerce's settings): wrangler vars before issue 15, their defaults still. */
export interface StorefrontAccountsPolicies {
  /** `required`: no session until the email is proven by a mailed code. */
  email_verification: EmailVerification;
  /** Guest newsletter sign-ups (and consents given at sign-up) wait for the mailed confirmation link. */
  newsletter_double_opt_in: boolean;
  /** A shopper may sign up without a password (email, then the emailed code, then a passkey). */
  passkey_signup: boolean;
  /**
   * The WebAuthn relying party id of passkeys made on this store's (or channel's) storefronts: its
   * registrable domain (`shop.example`); '' = the hostname of the request's trusted Origin.
   */
  passkey_rp_id: string;
}

export interface PrivacySettings {
  ask_shopper_for_tracking_consent: boolean;
  policy_url: string;
}

/** GET /v3/customers/settings: the store's values (0: no group has the role). */
export interface CustomerSettings {
  privacy_settings: PrivacySettings;
  customer_group_settings: { guest_customer_group_id: number; default_customer_group_id: number };
  storefront_accounts: StorefrontAccountsPolicies;
}

type Overrides<T> = { [K in keyof T]: T[K] | null };

/** GET /v3/customers/settings/channels/{id}: the channel's own values; null inherits the store's. */
export interface ChannelCustomerSettings {
  privacy_settings: Overrides<PrivacySettings>;
  customer_group_settings: { guest_customer_group_id: number | null; default_customer_group_id: number | null };
  allow_global_logins: boolean | null;
  storefront_accounts: Overrides<StorefrontAccountsPolicies>;
}

type Patch<T> = { [K in keyof T]?: (T[K] extends object | null ? Patch<NonNullable<T[K]>> : T[K]) | null };
/** A PUT body: what it names changes, null resets (globally: to the default; per channel: to inheriting). */
export type CustomerSettingsPatch = Patch<ChannelCustomerSettings>;

// ---- where they are kept

const PREFIX = 'customer_settings';
const GLOBAL_KEY = PREFIX;
const channelKey = (channelId: number) => `${PREFIX}.channel.${channelId}`;

/** A stored document: only what was set (json_patch drops nulls), each section optional. */
type StoredSettings = {
  privacy_settings?: Partial<PrivacySettings>;
  customer_group_settings?: { guest_customer_group_id?: number; default_customer_group_id?: number };
  allow_global_logins?: boolean;
  storefront_accounts?: Partial<StorefrontAccountsPolicies>;
};

const parseDoc = (value: string | undefined): StoredSettings => (value ? (JSON.parse(value) as StoredSettings) : {});

/** The deployment's policies (wrangler vars): what a store gets where its settings say nothing. */
export function deploymentPolicies(env: Bindings): StorefrontAccountsPolicies {
  return {
    email_verification: env.EMAIL_VERIFICATION?.trim().toLowerCase() === 'required' ? 'required' : 'optional',
    // Anything but "false" is on: the safe default where consent law requires it (Germany).
    newsletter_double_opt_in: env.NEWSLETTER_DOUBLE_OPT_IN?.trim().toLowerCase() !== 'false',
    passkey_signup: env.PASSKEY_SIGNUP?.trim().toLowerCase() === 'true',
    passkey_rp_id: env.RP_ID?.trim().toLowerCase() ?? '',
  };
}

const DEFAULT_PRIVACY: PrivacySettings = { ask_shopper_for_tracking_consent: false, policy_url: '' };

// ---- the per-isolate copy

interface StoreConfig {
  /** Trusted storefront origin → its channel. */
  byOrigin: Map<string, number>;
  /** Settings documents by key. */
  docs: Map<string, StoredSettings>;
}

const CACHE_MS = 30_000;
let cached: { at: number; config: StoreConfig } | undefined;
// Bumped by every drop: a read that started before a write must not put its older answer back.
let generation = 0;

async function loadStoreConfig(db: D1Database): Promise<StoreConfig> {
  const [origins, settings] = await db.batch([channelOriginsStatement(db), settingsStatement(db, PREFIX)]);
  const byOrigin = new Map<string, number>();
  for (const channel of channelOriginsOf(origins!.results as { id: number; storefront_origins: string }[])) {
    for (const origin of channel.origins) if (!byOrigin.has(origin)) byOrigin.set(origin, channel.id);
  }
  const docs = new Map((settings!.results as { key: string; value: string }[]).map((r) => [r.key, parseDoc(r.value)]));
  return { byOrigin, docs };
}

/** The store configuration storefront requests read: this isolate's copy, at most 30 s old. */
export async function storeConfig(db: D1Database): Promise<StoreConfig> {
  if (cached && Date.now() - cached.at <= CACHE_MS) return cached.config;
  const seen = generation;
  const config = await loadStoreConfig(db);
  if (seen === generation) cached = { at: Date.now(), config };
  return config;
}

/** Forgets this isolate's copy (after a write through the admin API; tests). */
export function dropStoreConfig(): void {
  cached = undefined;
  generation += 1;
}

/** What the storefront of a channel goes by: the channel's value, else the store's, else the deployment's. */
export interface StoreSettings {
  storefront_accounts: StorefrontAccountsPolicies;
  privacy_settings: PrivacySettings;
  /** The channel's own group for its sign-ups (0: none); null: the store's default group (customer_groups.is_default). */
  default_customer_group_id: number | null;
  allow_global_logins: boolean;
}

/** The effective settings of `channelId` (cached per isolate; see the file comment). */
export async function storeSettings(env: Bindings, channelId: number): Promise<StoreSettings> {
  const { docs } = await storeConfig(env.DB);
  return effectiveSettings(env, docs.get(GLOBAL_KEY) ?? {}, docs.get(channelKey(channelId)) ?? {});
}

function effectiveSettings(env: Bindings, store: StoredSettings, channel: StoredSettings): StoreSettings {
  return {
    storefront_accounts: { ...deploymentPolicies(env), ...store.storefront_accounts, ...channel.storefront_accounts },
    privacy_settings: { ...DEFAULT_PRIVACY, ...store.privacy_settings, ...channel.privacy_settings },
    default_customer_group_id: channel.customer_group_settings?.default_customer_group_id ?? null,
    allow_global_logins: channel.allow_global_logins ?? true,
  };
}

// ---- the admin API

const rows = (result: D1Result | undefined) => (result?.results ?? []) as Record<string, unknown>[];

function globalShape(
  env: Bindings,
  doc: StoredSettings,
  flags: { default_group_id: number | null; guest_group_id: number | null },
): CustomerSettings {
  return {
    privacy_settings: { ...DEFAULT_PRIVACY, ...doc.privacy_settings },
    customer_group_settings: { guest_customer_group_id: flags.guest_group_id ?? 0, default_customer_group_id: flags.default_group_id ?? 0 },
    storefront_accounts: { ...deploymentPolicies(env), ...doc.storefront_accounts },
  };
}

function channelShape(doc: StoredSettings): ChannelCustomerSettings {
  const privacy = doc.privacy_settings ?? {};
  const groups = doc.customer_group_settings ?? {};
  const policies = doc.storefront_accounts ?? {};
  return {
    privacy_settings: { ask_shopper_for_tracking_consent: privacy.ask_shopper_for_tracking_consent ?? null, policy_url: privacy.policy_url ?? null },
    customer_group_settings: {
      guest_customer_group_id: groups.guest_customer_group_id ?? null,
      default_customer_group_id: groups.default_customer_group_id ?? null,
    },
    allow_global_logins: doc.allow_global_logins ?? null,
    storefront_accounts: {
      email_verification: policies.email_verification ?? null,
      newsletter_double_opt_in: policies.newsletter_double_opt_in ?? null,
      passkey_signup: policies.passkey_signup ?? null,
      passkey_rp_id: policies.passkey_rp_id ?? null,
    },
  };
}

const globalReads = (db: D1Database) => [settingStatement(db, GLOBAL_KEY), groupFlagsStatement(db)];

function globalOf(env: Bindings, [doc, flags]: D1Result[]): CustomerSettings {
  const value = rows(doc)[0]?.value as string | undefined;
  return globalShape(env, parseDoc(value), rows(flags)[0] as { default_group_id: number | null; guest_group_id: number | null });
}

/** The store-wide customer settings. */
export async function getCustomerSettings(env: Bindings): Promise<CustomerSettings> {
  return globalOf(env, await env.DB.batch(globalReads(env.DB)));
}

/**
 * The groups a patch names must exist (0 and null name none): 422 naming the field otherwise. A group
 * deleted later simply stops applying (sign-ups fall back to the store's default group).
 */
async function checkGroups(db: D1Database, patch: CustomerSettingsPatch): Promise<void> {
  const groups = patch.customer_group_settings;
  if (!groups) return;
  const named = (['default_customer_group_id', 'guest_customer_group_id'] as const).filter((k) => groups[k]);
  const existing = new Set(
    await findExistingGroupIds(
      db,
      named.map((k) => groups[k]!),
    ),
  );
  const errors: FieldErrors = {};
  for (const key of named) {
    if (!existing.has(groups[key]!)) errors[`customer_group_settings.${key}`] = fieldError('not_found', 'No customer group has this id');
  }
  throwIfInvalid(errors);
}

/** The document part of a patch (sections without a key left out, so nothing is stored for them). */
function docPatch(patch: CustomerSettingsPatch, keys: readonly (keyof ChannelCustomerSettings)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (patch[key] !== undefined) out[key] = patch[key];
  return out;
}

/**
 * Changes the store-wide settings. The customer group settings are the groups' default and guest flags
 * (one group each, as /v2/customer_groups keeps them), so both APIs always agree; our policies and the
 * privacy settings are a settings document. Null resets a value to its default (the wrangler var).
 */
export async function updateCustomerSettings(env: Bindings, patch: CustomerSettingsPatch): Promise<CustomerSettings> {
  const db = env.DB;
  await checkGroups(db, patch);
  const statements: D1PreparedStatement[] = [];
  const doc = docPatch(patch, ['privacy_settings', 'storefront_accounts']);
  if (Object.keys(doc).length) statements.push(patchSettingStatement(db, GLOBAL_KEY, doc));
  if (patch.customer_group_settings !== undefined) {
    const groups = patch.customer_group_settings;
    const change = (key: 'default_customer_group_id' | 'guest_customer_group_id', flag: 'is_default' | 'is_group_for_guests') => {
      // A null section resets both roles; an absent key leaves its role alone.
      const value = groups === null ? null : groups[key];
      if (value !== undefined) statements.push(setGroupFlagStatement(db, flag, value ?? 0));
    };
    change('default_customer_group_id', 'is_default');
    change('guest_customer_group_id', 'is_group_for_guests');
  }
  const results = await runBatch(db, [...statements, ...globalReads(db)]);
  if (statements.length) dropStoreConfig();
  return globalOf(env, results.slice(statements.length));
}

const channelNotFound = () => new ApiError('channel_not_found');

/** A channel's own customer settings (null: inherited); 404 when there is no such channel. */
export async function getChannelCustomerSettings(db: D1Database, channelId: number): Promise<ChannelCustomerSettings> {
  const [channel, doc] = await db.batch([channelExistsStatement(db, channelId), settingStatement(db, channelKey(channelId))]);
  if (!rows(channel).length) throw channelNotFound();
  return channelShape(parseDoc(rows(doc)[0]?.value as string | undefined));
}

/** Changes a channel's own settings; null makes a value inherit the store's again. 404 when there is no such channel. */
export async function updateChannelCustomerSettings(
  db: D1Database,
  channelId: number,
  patch: CustomerSettingsPatch,
): Promise<ChannelCustomerSettings> {
  await checkGroups(db, patch);
  const doc = docPatch(patch, ['privacy_settings', 'customer_group_settings', 'allow_global_logins', 'storefront_accounts']);
  const write = Object.keys(doc).length ? [patchSettingStatement(db, channelKey(channelId), doc, channelId)] : [];
  const [channel, stored] = (
    await runBatch(db, [...write, channelExistsStatement(db, channelId), settingStatement(db, channelKey(channelId))])
  ).slice(write.length);
  if (!rows(channel).length) throw channelNotFound();
  if (write.length) dropStoreConfig();
  return channelShape(parseDoc(rows(stored)[0]?.value as string | undefined));
}
