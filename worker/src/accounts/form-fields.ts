// The store's custom form fields: their definitions (sign-up fields on customers, address fields on
// addresses) with the rules a definition must follow, the public list the widget renders, and the admin
// API's flat list of stored values. Checking *values* against definitions is form-field-values.ts's.
// Names are unique per applies_to in any case; values are stored by name, so a rename carries them
// along and a deleted field's values stay (re-creating the name finds them again).
import { getExistingAddressIds } from '../db/addresses';
import { runBatch } from '../db/batch';
import { getExistingCustomerIds } from '../db/customers';
import {
  deleteFormFieldsStatement,
  findFormFields,
  type FormFieldFilter,
  type FormFieldInput,
  type FormFieldRecord,
  formFieldsFromBatch,
  type FormFieldValueFilter,
  type FormFieldValueRow,
  insertFormFieldStatement,
  listFormFieldDefinitions,
  listFormFieldValues,
  renameFormFieldValuesStatements,
  touchCustomersStatement,
  updateFormFieldStatement,
  upsertAddressFormFieldValueStatement,
  upsertCustomerFormFieldValueStatement,
} from '../db/form-fields';
import type { ListResult } from '../db/list';
import type { Paging } from '../db/sql';
import { customerIdRef } from '../db/timeline';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';
import { checkFormFieldValue, type FormFieldDefinition, type FormFieldType, type FormFieldValue } from '../shared/form-field-rules';
import { isoNow } from '../time';
import { checkFormFieldValues } from './form-field-values';

export type { FormFieldInput, FormFieldRecord };

const WITH_CHOICES: readonly FormFieldType[] = ['checkboxes', 'radio', 'picklist'];
const WITH_LENGTH: readonly FormFieldType[] = ['text', 'multiline', 'password'];

/** The definitions as the widget renders them (no timestamps), by kind. */
export async function publicFormFields(db: D1Database): Promise<{ customer: FormFieldDefinition[]; address: FormFieldDefinition[] }> {
  const all = (await listFormFieldDefinitions(db)).map(({ date_created: _c, date_modified: _m, ...def }) => def);
  return { customer: all.filter((f) => f.applies_to === 'customer'), address: all.filter((f) => f.applies_to === 'address') };
}

export function findFormFieldDefinitions(db: D1Database, filter: FormFieldFilter): Promise<FormFieldRecord[]> {
  return findFormFields(db, filter);
}

/** The rules zod cannot express per property: which settings belong to which type, and ranges. */
function fieldProblems(f: FormFieldInput): FieldErrors {
  const problems: FieldErrors = {};
  if (WITH_CHOICES.includes(f.type)) {
    if (!f.options.length) problems.options = fieldError('required', `Required for ${f.type} fields`);
  } else if (f.type !== 'checkbox' && f.options.length) {
    // A single checkbox may name its checked value (e.g. ["Yes"]); other types have no choices.
    problems.options = fieldError('invalid_value', 'Only checkbox, checkboxes, radio and picklist fields have options');
  }
  if (new Set(f.options).size !== f.options.length) problems.options = fieldError('duplicate', 'Lists an option twice');
  if (f.type !== 'number') {
    if (f.min !== null) problems.min = fieldError('invalid_value', 'Only number fields have a minimum');
    if (f.max !== null) problems.max = fieldError('invalid_value', 'Only number fields have a maximum');
  } else if (f.min !== null && f.max !== null && f.min > f.max) {
    problems.max = fieldError('too_small', 'Must not be less than min');
  }
  if (!WITH_LENGTH.includes(f.type) && f.max_length !== null)
    problems.max_length = fieldError('invalid_value', 'Only text, multiline and password fields have a max_length');
  if (f.type !== 'date') {
    if (f.min_date !== null) problems.min_date = fieldError('invalid_value', 'Only date fields have a min_date');
    if (f.max_date !== null) problems.max_date = fieldError('invalid_value', 'Only date fields have a max_date');
  } else if (f.min_date !== null && f.max_date !== null && f.min_date > f.max_date) {
    problems.max_date = fieldError('too_small', 'Must not be before min_date');
  }
  if (f.default_value !== null && !Object.keys(problems).length) {
    if (f.type === 'password') problems.default_value = fieldError('invalid_value', 'Password fields have no default');
    else {
      // The default must itself be a value the field accepts.
      const problem = checkFormFieldValue({ ...f, id: 0, required: false }, f.type === 'checkboxes' ? [f.default_value] : f.default_value);
      if (problem) problems.default_value = problem;
    }
  }
  return problems;
}

const nameKey = (f: { applies_to: string; name: string }) => `${f.applies_to}:${f.name.toLowerCase()}`;

/**
 * Names must be unique per applies_to, in any case: `finals` are the batch's fields as they will be
 * stored (with `index`), `others` the stored fields the batch does not touch. → 409 naming the items.
 */
function checkNameConflicts(finals: readonly (FormFieldInput & { index: number })[], others: readonly FormFieldRecord[]) {
  const errors: FieldErrors = {};
  const taken = new Set(others.map(nameKey));
  const seen = new Map<string, number>();
  for (const f of finals) {
    const key = nameKey(f);
    if (taken.has(key)) errors[`${f.index}.name`] = fieldError('duplicate', `A ${f.applies_to} field named "${f.name}" already exists`);
    else if (seen.has(key)) errors[`${f.index}.name`] = fieldError('duplicate', `Repeats the name of item ${seen.get(key)}`);
    else seen.set(key, f.index);
  }
  throwIfInvalid(errors, 'name_taken');
}

// A concurrent write took a name between our check and this batch; nothing was written.
const nameRace = () => new ApiError('name_taken', { detail: 'Another request took one of these names at the same time; nothing was written.' });

/** Creates definitions, all or nothing. */
export async function createFormFields(db: D1Database, items: readonly FormFieldInput[]): Promise<FormFieldRecord[]> {
  const errors: FieldErrors = {};
  const fields = items.map((f, i) => {
    for (const [key, problem] of Object.entries(fieldProblems(f))) errors[`${i}.${key}`] = problem;
    return { ...f, index: i };
  });
  throwIfInvalid(errors);
  checkNameConflicts(fields, await listFormFieldDefinitions(db));
  const now = isoNow();
  const results = await runBatch(
    db,
    fields.map(({ index: _, ...f }) => insertFormFieldStatement(db, f, now)),
    { unique: nameRace },
  );
  return formFieldsFromBatch(results);
}

/** What an update may say: any property but the id; type and applies_to may be repeated, not changed. */
export type FormFieldUpdate = Partial<FormFieldInput> & { id: number };

/** Updates definitions, all or nothing; a rename carries the stored values along in the same batch. */
export async function updateFormFields(db: D1Database, items: readonly FormFieldUpdate[]): Promise<FormFieldRecord[]> {
  const errors: FieldErrors = {};
  const seen = new Map<number, number>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) errors[`${i}.id`] = fieldError('duplicate', `Repeats the id of item ${seen.get(item.id)}`);
    else seen.set(item.id, i);
  });
  const stored = await listFormFieldDefinitions(db);
  const byId = new Map(stored.map((f) => [f.id, f]));
  const finals: (FormFieldInput & { index: number; id: number; before: FormFieldRecord })[] = [];
  items.forEach((item, i) => {
    const before = byId.get(item.id);
    if (!before) {
      errors[`${i}.id`] ??= fieldError('not_found', `Form field ${item.id} does not exist`);
      return;
    }
    // Stored values were checked against the type and kind, so neither can change.
    if (item.type !== undefined && item.type !== before.type) {
      errors[`${i}.type`] = fieldError('invalid_value', 'The type of a field cannot change; create a new field instead');
    }
    if (item.applies_to !== undefined && item.applies_to !== before.applies_to) {
      errors[`${i}.applies_to`] = fieldError('invalid_value', 'applies_to cannot change; create a new field instead');
    }
    const { id, date_created: _c, date_modified: _m, ...current } = before;
    const changes = Object.fromEntries(Object.entries(item).filter(([k, v]) => v !== undefined && k !== 'id'));
    const f: FormFieldInput = { ...current, ...changes, type: before.type, applies_to: before.applies_to };
    for (const [key, problem] of Object.entries(fieldProblems(f))) errors[`${i}.${key}`] ??= problem;
    finals.push({ ...f, index: i, id, before });
  });
  throwIfInvalid(errors);
  const touched = new Set(finals.map((f) => f.id));
  checkNameConflicts(
    finals,
    stored.filter((f) => !touched.has(f.id)),
  );
  const now = isoNow();
  const statements: D1PreparedStatement[] = [];
  const updateAt: number[] = [];
  for (const { index: _, id, before, ...f } of finals) {
    updateAt.push(statements.length);
    statements.push(updateFormFieldStatement(db, id, f, now));
    if (f.name !== before.name) statements.push(...renameFormFieldValuesStatements(db, f.applies_to, before.name, f.name));
  }
  const results = await runBatch(db, statements, { unique: nameRace });
  return formFieldsFromBatch(updateAt.map((i) => results[i]!));
}

/** Removes definitions only: values stay stored by name (re-creating a field under that name shows them again). */
export async function deleteFormFields(db: D1Database, ids: readonly number[]): Promise<void> {
  await runBatch(db, [deleteFormFieldsStatement(db, ids)]);
}

// ---- Stored values (/v3/customers/form-field-values) ----

/** A listed value in the API shape: `{customer_id, name, value}` or `{address_id, name, value}`. */
export function toFormFieldValue(row: FormFieldValueRow) {
  const value = (row.value === null ? '' : JSON.parse(row.value)) as FormFieldValue;
  return row.address_id !== null ? { address_id: row.address_id, name: row.name, value } : { customer_id: row.customer_id!, name: row.name, value };
}

export function listFormFieldValuePage(db: D1Database, filter: FormFieldValueFilter, paging: Paging): Promise<ListResult<FormFieldValueRow>> {
  return listFormFieldValues(db, filter, paging);
}

export type FormFieldValueItem = { customer_id?: number; address_id?: number; name: string; value: FormFieldValue };

/**
 * Upserts values of customers and addresses, all or nothing (errors at `<i>.customer_id`,
 * `<i>.address_id`, `<i>.name`, `<i>.value`). Each owner's values are checked together by the one
 * validator, so a name given twice for one owner is refused like everywhere else. Answers the values as
 * stored (under their definition's name, normalised; an empty value clears an optional field).
 */
export async function upsertFormFieldValues(db: D1Database, items: readonly FormFieldValueItem[]) {
  const customerIds = [...new Set(items.flatMap((i) => (i.customer_id ? [i.customer_id] : [])))];
  const addressIds = [...new Set(items.flatMap((i) => (i.address_id ? [i.address_id] : [])))];
  const [definitions, customers, addresses] = await Promise.all([
    listFormFieldDefinitions(db),
    getExistingCustomerIds(db, customerIds),
    getExistingAddressIds(db, addressIds),
  ]);

  const errors: FieldErrors = {};
  const owners = new Map<string, { appliesTo: 'customer' | 'address'; ownerId: number; indexes: number[] }>();
  items.forEach((item, i) => {
    const appliesTo = item.customer_id !== undefined ? 'customer' : 'address';
    const ownerId = item.customer_id ?? item.address_id!;
    if (appliesTo === 'customer' && !customers.has(ownerId))
      errors[`${i}.customer_id`] = fieldError('not_found', `Customer ${ownerId} does not exist`);
    if (appliesTo === 'address' && !addresses.has(ownerId)) errors[`${i}.address_id`] = fieldError('not_found', `Address ${ownerId} does not exist`);
    const key = `${appliesTo}:${ownerId}`;
    const owner = owners.get(key) ?? { appliesTo, ownerId, indexes: [] };
    owner.indexes.push(i);
    owners.set(key, owner);
  });
  const accepted: { appliesTo: 'customer' | 'address'; ownerId: number; name: string; value: FormFieldValue; index: number }[] = [];
  for (const { appliesTo, ownerId, indexes } of owners.values()) {
    const values = checkFormFieldValues(
      definitions.filter((d) => d.applies_to === appliesTo),
      indexes.map((i) => items[i]!),
      errors,
      { path: { byItem: indexes.map(String) }, kind: appliesTo },
    );
    // Without errors every given value is accepted, in the given order.
    values.forEach((v, j) => accepted.push({ appliesTo, ownerId, ...v, index: indexes[j]! }));
  }
  throwIfInvalid(errors);
  accepted.sort((a, b) => a.index - b.index);

  const now = isoNow();
  const statements = accepted.map((v) =>
    v.appliesTo === 'customer'
      ? upsertCustomerFormFieldValueStatement(db, customerIdRef(v.ownerId), v.name, v.value)
      : upsertAddressFormFieldValueStatement(db, v.ownerId, v.name, v.value, now),
  );
  if (customerIds.length) statements.push(touchCustomersStatement(db, customerIds, now));
  // A customer deleted between our check and this batch fails the foreign key: 422 reference_gone.
  await runBatch(db, statements);
  return accepted.map((v) =>
    v.appliesTo === 'customer' ? { customer_id: v.ownerId, name: v.name, value: v.value } : { address_id: v.ownerId, name: v.name, value: v.value },
  );
}
