// Customers: the one way a customer record is created (the admin API's batch, storefront sign-up and a
// first OpenID Connect sign-in), the one update path (the admin API's batch and the shopper's profile),
// deletion, erasure, reading pages with their sub-resources, and validate-credentials. Each flow is a
// named mode of the same operation, so the rules (custom field values, the password policy, the
// default group, consents, the timeline, email uniqueness) hold the same way for every caller.
//
// Every create or update is one runBatch: all or nothing. Email uniqueness is checked up front where the
// admin API must name the items (`3.email`), and always again by the UNIQUE index, which runBatch turns
// into `email_taken` when a concurrent request won the race.
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { IssuedSession } from '../auth/refresh-tokens';
import { addressesOfCustomersStatement, type AddressRow, type NewAddress } from '../db/addresses';
import { attributeValuesOfCustomersStatement, type AttributeValueRow, findAttributeTypes } from '../db/attributes';
import { firstRow, runBatch } from '../db/batch';
import {
  type CustomerFilter,
  type CustomerRow,
  type CustomerSort,
  type CustomerUpdate,
  customerByEmail,
  deleteCustomersStatement,
  eraseCustomerStatements,
  findGroupIds,
  findTakenEmails,
  getCustomersByIds,
  insertCustomerStatements,
  listCustomers,
  liveShopperRowsOf,
  liveShopperStatements,
  type NewCustomer,
  updateCustomerStatements,
} from '../db/customers';
import { customerFormFieldValuesStatement, listFormFieldDefinitions, parseCustomerFormFieldValue } from '../db/form-fields';
import type { ListResult } from '../db/list';
import { insertIdentityStatement } from '../db/oidc';
import type { Paging, SortDirection } from '../db/sql';
import { upsertSubscriberStatement } from '../db/subscribers';
import { customerIdsByEmail, existingIds } from '../db/webhooks';
import type { Actor } from '../db/timeline';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid, tokenRevoked } from '../errors';
import type { OwnProfile } from '../shared/api-types';
import { mailerFor } from '../mail/mailer';
import type { Locale } from '../mail/templates';
import { toAddress } from './addresses';
import { checkAttributeValue } from './attributes';
import { mailIfIssued, newProof, type PendingMail, prepareEmailChange, prepareEmailCode } from './email-ownership';
import { checkFormFieldValues, type FormFieldEntry } from './form-field-values';
import { confirmCurrentPassword, passwordProblems } from './passwords';
import { startPasswordCheck } from './login-failures';
import { confirmRecentAuthentication } from './sign-in-methods';
import { emailKey, enforceLimit } from './rate-limits';
import { type ClientInfo, type SessionSubject, startSessionWithProfile } from './sessions';
import { SHOPPER_WRITE, shopperActor, toLiveShopper } from './shoppers';
import { storeSettings } from './settings';
import { type Consent, requestGuestSubscription, upsertEvents } from './subscribers';
import { customerEvent, subscriberEvent } from './webhooks';
import { isoNow } from '../time';

/** A customer to create, as any caller gives it (the password in plain text: it is checked and hashed here). */
export type CustomerInput = Omit<NewCustomer, 'password_hash' | 'default_group' | 'default_group_id' | 'customer_group_id' | 'form_fields'> & {
  customer_group_id?: number;
  password?: string;
  form_fields?: FormFieldEntry[];
  /** Newsletter consents: the email's subscriber record, written in the same batch. */
  consents?: readonly Consent[];
};

/**
 * Who creates customers, and so which rules apply:
 * - `admin`: BigCommerce's batch. Errors are keyed by item (`3.email`, `0.form_fields.1.value`); groups,
 *   attributes and address defaults are checked; no default group (the API says which group, 0 is none).
 * - `sign-up`: the shopper. Errors are keyed by field (`password`, `form_fields.shoe_size`); every required
 *   custom field must be given; the store's default group; the request's IP and channel.
 * - `oidc`: a first sign-in with a provider: no password, the provider's identity linked in the same batch.
 */
export type CreateMode =
  | { kind: 'admin'; actor: Actor }
  | { kind: 'sign-up'; ip?: string; channelId: number }
  | { kind: 'oidc'; ip?: string; channelId: number; identity: { provider: string; issuer: string; subject: string }; emailVerified?: boolean };

const EMAIL_TAKEN_MESSAGE = 'An account with this email already exists';
const emailTaken = () => new ApiError('email_taken', { errors: { email: fieldError('email_taken', EMAIL_TAKEN_MESSAGE) } });

/** Where an item's errors go: `3.<field>` in the admin API's batches, `<field>` for the shopper's one record. */
const pathOf = (batch: boolean, i: number) => (field: string) => (batch ? `${i}.${field}` : field);

interface CheckItem {
  email?: string;
  password?: string;
  customer_group_id?: number | null;
  attributes?: { attribute_id: number; attribute_value: string }[];
  form_fields?: FormFieldEntry[];
  addresses?: NewAddress[];
}

/**
 * Checks what zod cannot, adding to `errors`: referenced groups and attributes exist, values fit their
 * attribute type and form field definition (accepted values are normalised in place), one default
 * address of each kind, passwords meet the policy.
 */
async function checkItems(
  db: D1Database,
  items: CheckItem[],
  errors: FieldErrors,
  options: { batch: boolean; requireFormFields: boolean; passwordPath: string },
): Promise<void> {
  const groupIds = [...new Set(items.map((i) => i.customer_group_id).filter((g): g is number => !!g))];
  const attributeIds = [...new Set(items.flatMap((i) => (i.attributes ?? []).map((a) => a.attribute_id)))];
  const needsFields = options.requireFormFields || items.some((i) => i.form_fields?.length || i.addresses?.some((a) => a.form_fields?.length));
  const withPassword = items.flatMap((item, i) => (item.password !== undefined ? [{ i, password: item.password, email: item.email }] : []));
  // Independent reads, concurrently: one round trip of latency.
  const [groups, attributeTypes, definitions, problems] = await Promise.all([
    findGroupIds(db, groupIds),
    findAttributeTypes(db, attributeIds),
    needsFields ? listFormFieldDefinitions(db) : [],
    passwordProblems(db, withPassword),
  ]);
  const customerFields = definitions.filter((d) => d.applies_to === 'customer');
  const addressFields = definitions.filter((d) => d.applies_to === 'address');

  items.forEach((item, i) => {
    const at = pathOf(options.batch, i);
    if (item.customer_group_id && !groups.has(item.customer_group_id)) {
      errors[at('customer_group_id')] = fieldError('not_found', `Customer group ${item.customer_group_id} does not exist`);
    }
    item.attributes?.forEach((a, j) => {
      const type = attributeTypes.get(a.attribute_id);
      const problem = type ? checkAttributeValue(type, a.attribute_value) : fieldError('not_found', `Attribute ${a.attribute_id} does not exist`);
      if (problem) errors[at(`attributes.${j}.attribute_value`)] = problem;
    });
    if (item.form_fields || options.requireFormFields) {
      const path = options.batch ? { byIndex: at('form_fields') } : { byName: 'form_fields' };
      item.form_fields = checkFormFieldValues(customerFields, item.form_fields ?? [], errors, {
        path,
        requireAll: options.requireFormFields,
        kind: 'customer',
      });
    }
    for (const flag of ['is_default_shipping', 'is_default_billing'] as const) {
      const defaults = (item.addresses ?? []).flatMap((a, k) => (a[flag] ? [k] : []));
      // One default of each kind per customer (a unique index); say which address, not a 409 about the email.
      if (defaults.length > 1)
        errors[at(`addresses.${defaults[1]}.${flag}`)] = fieldError('one_default', 'Only one address can be the default of this kind');
    }
    item.addresses?.forEach((a, k) => {
      if (!a.form_fields?.length) return;
      a.form_fields = checkFormFieldValues(addressFields, a.form_fields, errors, {
        path: { byIndex: at(`addresses.${k}.form_fields`) },
        kind: 'address',
      });
    });
  });
  withPassword.forEach(({ i }, k) => {
    if (problems[k]) errors[pathOf(options.batch, i)(options.passwordPath)] = problems[k]!;
  });
}

/** Emails that repeat within the batch (case-insensitive) or already belong to another customer → 409 naming them. */
async function checkEmailConflicts(db: D1Database, items: readonly { id?: number; email?: string }[]): Promise<void> {
  const seen = new Map<string, number>();
  const errors: FieldErrors = {};
  items.forEach((item, i) => {
    if (!item.email) return;
    const key = item.email.toLowerCase();
    if (seen.has(key)) errors[`${i}.email`] = fieldError('duplicate', `Repeats the email of item ${seen.get(key)}`);
    else seen.set(key, i);
  });
  const taken = new Set(
    (
      await findTakenEmails(
        db,
        [...seen.keys()],
        items.flatMap((i) => (i.id ? [i.id] : [])),
      )
    ).map((e) => e.toLowerCase()),
  );
  items.forEach((item, i) => {
    if (item.email && taken.has(item.email.toLowerCase()))
      errors[`${i}.email`] = fieldError('email_taken', 'A customer with this email already exists');
  });
  throwIfInvalid(errors, 'email_taken');
}

/**
 * Creates customers, all or nothing, and answers each one's session subject (id, group, token version)
 * in the order given. Nothing is read back by email: the INSERT returns what a session needs.
 */
export async function createCustomers(env: Bindings, inputs: readonly CustomerInput[], mode: CreateMode): Promise<SessionSubject[]> {
  const db = env.DB;
  const batch = mode.kind === 'admin';
  const items = inputs.map((i) => ({ ...i, addresses: i.addresses?.map((a) => ({ ...a })) }));
  const errors: FieldErrors = {};
  // A shopper joins their channel's default group (customer settings), else the store's: read alongside the checks.
  const [, settings] = await Promise.all([
    checkItems(db, items, errors, {
      batch,
      requireFormFields: mode.kind === 'sign-up',
      passwordPath: batch ? 'authentication.new_password' : 'password',
    }),
    mode.kind === 'admin' ? undefined : storeSettings(env, mode.channelId),
  ]);
  throwIfInvalid(errors);
  if (batch) await checkEmailConflicts(db, items);

  const actor: Actor = mode.kind === 'admin' ? mode.actor : shopperActor({ email: items[0]?.email ?? '' });
  const news: NewCustomer[] = await Promise.all(
    items.map(async ({ password, consents: _consents, ...item }) => {
      const customer: NewCustomer = { ...item, password_hash: password !== undefined ? await hashPassword(password) : null };
      if (mode.kind !== 'admin') {
        // Only a provider that verified the email proves it; a shopper's sign-up proves nothing yet.
        customer.email_verified = mode.kind === 'oidc' && mode.emailVerified === true;
        const channelGroup = settings?.default_customer_group_id ?? null;
        // 0: the channel puts its sign-ups in no group, whatever the store's default.
        customer.default_group = channelGroup !== 0;
        if (channelGroup) customer.default_group_id = channelGroup;
        customer.registration_ip_address = mode.ip ?? '';
        customer.origin_channel_id = mode.channelId;
        customer.channel_ids = [mode.channelId];
      }
      return customer;
    }),
  );
  const { statements, insertAt } = insertCustomerStatements(db, news, actor);
  items.forEach((item) => {
    if (!item.consents?.length) return;
    const channel = mode.kind === 'admin' ? item.origin_channel_id : mode.channelId;
    const now = isoNow();
    statements.push(
      upsertSubscriberStatement(
        db,
        {
          email: item.email,
          first_name: item.first_name,
          last_name: item.last_name,
          source: 'storefront',
          channel_id: channel,
          consents: item.consents,
        },
        now,
      ),
      ...upsertEvents(db, item.email, now),
    );
  });
  if (mode.kind === 'oidc') {
    const email = items[0]!.email;
    statements.push(insertIdentityStatement(db, { ...mode.identity, email, customerRef: customerByEmail(email) }));
  }
  for (const item of items) statements.push(customerEvent(db, 'store/customer/created', customerIdsByEmail(item.email)));
  // The admin API's items were checked against existing emails: a unique violation now is a lost race
  // (BigCommerce's bare 409); the shopper learns which field.
  const results = await runBatch<SessionSubject>(db, statements, { unique: batch ? () => new ApiError('email_taken') : emailTaken });
  return insertAt.map((at) => firstRow<SessionSubject>(results[at])!);
}

/**
 * Storefront sign-up: creates the customer and mails a 'verify' code to the new address (within the
 * per-email limits). Policy `optional`: their first session starts at once; `required`: no session
 * until the code is confirmed (`session` absent). The mail is returned for the caller to finish.
 *
 * Without a password (only where the store allows it, PASSKEY_SIGNUP=true) there is never a session
 * before the code: an account nobody has proven would otherwise let whoever typed the address add a
 * passkey to it and keep it after the mailbox owner arrives (the pre-account takeover issue 10 closed).
 */
export async function signUp(
  env: Bindings,
  input: CustomerInput,
  client: ClientInfo & { channelId: number; locale: Locale; accountUrl: string; onCodeProof?: (proof: string) => void },
): Promise<{ customer: OwnProfile; session?: IssuedSession } & Partial<PendingMail>> {
  // The policies of the storefront signed up on (customer settings, cached per isolate: accounts/settings.ts).
  const policies = (await storeSettings(env, client.channelId)).storefront_accounts;
  // With double opt-in, consents given at sign-up wait for their own confirmation link like a guest's:
  // the address is not proven yet, and a newsletter record must never rest on an unproven address.
  const consents = input.consents?.length && policies.newsletter_double_opt_in ? input.consents : undefined;
  const passwordless = input.password === undefined;
  if (passwordless && !policies.passkey_signup) throwIfInvalid({ password: fieldError('required', 'Required') });
  const [subject] = await createCustomers(env, [consents ? { ...input, consents: undefined } : input], {
    kind: 'sign-up',
    ip: client.ip,
    channelId: client.channelId,
  });
  // The code is bound to this browser (the code-proof cookie): confirmed here it keeps the account as
  // it is; confirmed anywhere else it is the mailbox owner's first proof (confirmSignInCode).
  // Its statements ride in the batch that starts the session (or reads the profile): one round trip.
  const { proof, proofHash } = await newProof();
  const code = await prepareEmailCode(env.DB, {
    purpose: 'verify',
    email: input.email,
    customerId: subject!.id,
    locale: client.locale,
    accountUrl: client.accountUrl,
    proofHash,
  });
  let started: { customer: OwnProfile; session?: IssuedSession };
  let issued: PendingMail | null;
  if (passwordless || policies.email_verification === 'required') {
    const results = await runBatch(env.DB, [...code.statements, ...liveShopperStatements(env.DB, subject!.id, subject!.token_version)]);
    const shopper = toLiveShopper(liveShopperRowsOf(results.at(-2), results.at(-1)));
    if (!shopper) throw new ApiError('concurrent_change');
    started = { customer: shopper.profile };
    issued = mailIfIssued(env, code, results);
  } else {
    const { before, ...session } = await startSessionWithProfile(env, subject!, client, code.statements);
    started = session;
    issued = mailIfIssued(env, code, before);
  }
  if (issued) client.onCodeProof?.(proof);
  const subscription = consents
    ? await requestGuestSubscription(
        env,
        { email: input.email, first_name: input.first_name, last_name: input.last_name, consents, locale: client.locale },
        client.channelId,
        client.accountUrl,
      )
    : null;
  const pending = [issued?.mail, subscription?.work].filter((p): p is Promise<void> => p !== undefined);
  const mail = pending.length ? { mail: Promise.all(pending).then(() => undefined) } : {};
  return { ...started, ...mail };
}

/** A change to one customer, as any caller gives it (a new password in plain text). */
export interface CustomerChange extends Omit<CustomerUpdate, 'password_hash' | 'form_fields'> {
  password?: string;
  form_fields?: FormFieldEntry[];
}

/**
 * Who changes customers:
 * - `admin`: BigCommerce's batch (errors keyed by item; unknown and repeated ids refused; groups,
 *   attributes and passwords checked; emails checked against the others).
 * - `profile`: the shopper's own record. Moving the email needs the current password (the email is where
 *   reset links go: a stolen access token alone must never move it); custom fields are keyed by name.
 */
export type UpdateMode =
  { kind: 'admin'; actor: Actor } | { kind: 'profile'; shopper: LiveShopper; currentPassword?: string; locale?: Locale; accountUrl?: string };

/**
 * Applies changes, all or nothing. The admin API gets the ids it changed; the shopper gets their
 * profile as it is now, read in the same batch as the change.
 */
export async function updateCustomers(
  env: Bindings,
  changes: readonly CustomerChange[],
  mode: UpdateMode,
): Promise<{ ids: number[]; profile?: OwnProfile } & Partial<PendingMail>> {
  const db = env.DB;
  const items = changes.map((c) => ({ ...c }));
  let emailChange: Awaited<ReturnType<typeof prepareEmailChange>> | null = null;
  const errors: FieldErrors = {};
  let before = new Map<number, { notes: string }>();

  if (mode.kind === 'admin') {
    const seen = new Set<number>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) errors[`${i}.id`] = fieldError('duplicate', `Customer ${item.id} appears twice in this request`);
      seen.add(item.id);
    });
    const current = new Map(
      (
        await getCustomersByIds(
          db,
          items.map((i) => i.id),
        )
      ).map((r) => [r.id, r]),
    );
    items.forEach((item, i) => {
      if (!current.has(item.id)) errors[`${i}.id`] = fieldError('not_found', `Customer ${item.id} does not exist`);
    });
    before = new Map([...current].map(([id, r]) => [id, { notes: r.notes }]));
    // The password policy compares with the email the customer will have (the current one if unchanged).
    const checked = items.map((item) => ({ ...item, email: item.email ?? current.get(item.id)?.email }));
    await checkItems(db, checked, errors, { batch: true, requireFormFields: false, passwordPath: 'authentication.new_password' });
    checked.forEach((c, i) => (items[i]!.form_fields = c.form_fields));
    throwIfInvalid(errors);
    await checkEmailConflicts(db, items);
  } else {
    const { shopper } = mode;
    await checkItems(db, items, errors, { batch: false, requireFormFields: false, passwordPath: 'password' });
    throwIfInvalid(errors);
    const email = items[0]?.email;
    if (email !== undefined && email.toLowerCase() !== shopper.email.toLowerCase()) {
      // An account without a password (provider sign-in only) sets one first, through "forgot password".
      if (!shopper.hasPassword) {
        throw new ApiError('password_required', { errors: { email: fieldError('password_required', 'Set a password before changing your email') } });
      }
      await confirmCurrentPassword(env, shopper, mode.currentPassword);
      // The email changes only when the code sent to the new address is confirmed (confirmEmailChange).
      emailChange = await prepareEmailChange(env, shopper, email, { locale: mode.locale ?? 'en', accountUrl: mode.accountUrl ?? '/' });
    }
    // A shopper never sets the email directly (nor its verification).
    delete items[0]?.email;
    delete items[0]?.email_verified;
  }

  const updates: CustomerUpdate[] = await Promise.all(
    items.map(async ({ password, ...item }) => ({ ...item, password_hash: password !== undefined ? await hashPassword(password) : undefined })),
  );
  const actor: Actor = mode.kind === 'admin' ? mode.actor : shopperActor(mode.shopper);
  const statements = updateCustomerStatements(db, updates, before, actor);
  const ids = items.map((i) => i.id);
  const events = ids.map((id) => customerEvent(db, 'store/customer/updated', existingIds('customers', id)));
  if (mode.kind === 'admin') {
    await runBatch(db, [...statements, ...events], { unique: () => new ApiError('email_taken') });
    return { ids };
  }
  const { shopper } = mode;
  const codeAt = statements.length; // the INSERT of the code comes first (prepareEmailCode)
  const results = await runBatch(
    db,
    [...statements, ...(emailChange?.statements ?? []), ...events, ...liveShopperStatements(db, shopper.id, shopper.tokenVersion)],
    { ...SHOPPER_WRITE, unique: emailTaken },
  );
  const now = toLiveShopper(liveShopperRowsOf(results.at(-2), results.at(-1)));
  if (!now) throw tokenRevoked();
  if (!emailChange) return { ids, profile: now.profile };
  // A concurrent request used up the new address's limits after our check: nothing was stored.
  if (!results[codeAt]!.results.length) throw new ApiError('rate_limited', { headers: { 'Retry-After': '3600' } });
  return { ids, profile: now.profile, mail: mailerFor(env).send(emailChange.message) };
}

/** Deletes customers by id (the admin API); their sessions, addresses and values go with them. */
export async function deleteCustomers(env: Bindings, ids: readonly number[]): Promise<void> {
  // The events first: they name only the customers that exist until the DELETE.
  const events = ids.map((id) => customerEvent(env.DB, 'store/customer/deleted', existingIds('customers', id)));
  await runBatch(env.DB, [...events, deleteCustomersStatement(env.DB, ids)]);
}

/**
 * The shopper erases their account (db/customers.ts eraseCustomerStatements says what goes and what
 * stays). It cannot be undone: a customer with a password confirms it.
 */
export async function eraseCustomer(env: Bindings, shopper: LiveShopper, currentPassword: string | undefined): Promise<void> {
  // With a password: the password. Without one (passkeys, providers, codes): a sign-in within minutes,
  // as for changing sign-in methods, so a stolen or forgotten access token alone cannot erase it.
  if (shopper.hasPassword) await confirmCurrentPassword(env, shopper, currentPassword);
  else await confirmRecentAuthentication(env, shopper, undefined);
  await runBatch(
    env.DB,
    [
      customerEvent(env.DB, 'store/customer/deleted', existingIds('customers', shopper.id)),
      // The erasure also removes the subscriber record of a verified email (db/customers.ts eraseCustomerStatements).
      subscriberEvent(env.DB, 'store/subscriber/deleted', {
        sql: 'SELECT id FROM subscribers WHERE email = (SELECT email FROM customers WHERE id = ?1 AND email_verified_at IS NOT NULL)',
        params: [shopper.id],
      }),
      ...eraseCustomerStatements(env.DB, shopper.id),
    ],
    SHOPPER_WRITE,
  );
}

/**
 * BigCommerce's validate-credentials: whether `password` is the customer's (in `channel_id`, if given).
 * Limited per email here (several IPs must not add up to unlimited guesses at one account), per IP by
 * the route; unknown emails still spend a hash's time, so the timing does not tell which emails exist.
 */
export async function validateCredentials(
  env: Bindings,
  request: { email: string; password: string; channel_id?: number },
): Promise<{ is_valid: boolean; customer_id: number | null }> {
  await enforceLimit(env, 'CREDENTIALS_LIMITER', emailKey(request.email));
  // Failures count with log-in's (accounts/login-failures.ts): one budget of guesses per email.
  const { creds, recordFailure } = await startPasswordCheck(env.DB, request.email);
  const { valid } = await verifyPassword(request.password, creds?.password_hash ?? null);
  if (!valid) await recordFailure();
  const inChannel = !request.channel_id || !creds || (JSON.parse(creds.channel_ids) as number[]).includes(request.channel_id);
  const ok = valid && !!creds && inChannel;
  return { is_valid: ok, customer_id: ok ? creds.id : null };
}

export const CUSTOMER_INCLUDES = ['addresses', 'attributes', 'formfields', 'storecredit'] as const;
export type CustomerInclude = (typeof CUSTOMER_INCLUDES)[number];

/** A customer row with the sub-resources asked for. */
export interface CustomerWithIncludes {
  row: CustomerRow;
  addresses?: ReturnType<typeof toAddress>[];
  attributes?: AttributeValueRow[];
  form_fields?: FormFieldEntry[];
}

/** Loads the requested sub-resources for rows in one round trip. */
async function withIncludes(db: D1Database, rows: readonly CustomerRow[], include: readonly CustomerInclude[]): Promise<CustomerWithIncludes[]> {
  const ids = rows.map((r) => r.id);
  const reads: D1PreparedStatement[] = [];
  const want = (what: CustomerInclude) => ids.length > 0 && include.includes(what);
  if (want('addresses')) reads.push(addressesOfCustomersStatement(db, ids));
  if (want('attributes')) reads.push(attributeValuesOfCustomersStatement(db, ids));
  if (want('formfields')) reads.push(customerFormFieldValuesStatement(db, ids));
  const results = reads.length ? await db.batch(reads) : [];
  let next = 0;
  const byCustomer = <T extends { customer_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) map.set(item.customer_id, [...(map.get(item.customer_id) ?? []), item]);
    return map;
  };
  const addresses = want('addresses') ? byCustomer((results[next++]!.results as AddressRow[]).map(toAddress)) : null;
  const attributes = want('attributes') ? byCustomer(results[next++]!.results as AttributeValueRow[]) : null;
  const formFields = want('formfields')
    ? byCustomer((results[next++]!.results as { customer_id: number; name: string; value: string }[]).map(parseCustomerFormFieldValue))
    : null;
  return rows.map((row) => {
    const out: CustomerWithIncludes = { row };
    if (addresses) out.addresses = addresses.get(row.id) ?? [];
    if (attributes) out.attributes = attributes.get(row.id) ?? [];
    if (formFields) out.form_fields = (formFields.get(row.id) ?? []).map(({ name, value }) => ({ name, value }));
    return out;
  });
}

/** A page of customers (BigCommerce's filters and sorts) with the sub-resources asked for. */
export async function listCustomersPage(
  db: D1Database,
  query: { filter: CustomerFilter; sort: { column: CustomerSort; direction: SortDirection }; paging: Paging; include: readonly CustomerInclude[] },
): Promise<{ result: ListResult<CustomerRow>; customers: CustomerWithIncludes[] }> {
  const result = await listCustomers(db, query.filter, query.sort, query.paging);
  return { result, customers: await withIncludes(db, result.rows, query.include) };
}

/** Customers by id, in the order of `ids` (after a create or update), with the sub-resources asked for. */
export async function getCustomers(db: D1Database, ids: readonly number[], include: readonly CustomerInclude[]): Promise<CustomerWithIncludes[]> {
  const byId = new Map((await getCustomersByIds(db, ids)).map((r) => [r.id, r]));
  return withIncludes(
    db,
    ids.map((id) => byId.get(id)!),
    include,
  );
}
