// Values of the store's custom form fields (sign-up fields on customers, address fields on addresses):
// the one check of given values against their definitions, used by sign-up, the shopper's profile and
// address book, and the admin API's customers, addresses and form-field values. One rule for everyone:
// names match their definition in any case and are stored under the definition's spelling; a name
// given twice is refused; an empty value clears an optional field and is never "normalised" ("" must
// not become 0); accepted values are normalised for storage (numbers as numbers, a single checkbox as
// a string). What differs between callers is only where errors are reported (the `path` option).
import { fieldError, type FieldErrors } from '../errors';
import type { FormFieldEntry } from '../shared/api-types';
import { checkFormFieldValue, type FormFieldDefinition, type FormFieldValue, normalizeFormFieldValue } from '../shared/form-field-rules';

export type { FormFieldEntry };

function isEmptyFormFieldValue(value: FormFieldValue): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0);
}

export interface CheckFormFieldsOptions {
  /**
   * Where errors go. `byName` (the storefront): `<prefix>.<field name>` ("form_fields.shoe_size").
   * `byIndex` (the admin API, BigCommerce-style paths): `<prefix>.<j>.value`, and `<prefix>.<j>.name`
   * for a name given twice ("3.form_fields.0.value").
   * `byItem` (the admin API's flat value lists, one item per value): given entry j reports at
   * `<byItem[j]>.name` (unknown or repeated name) or `<byItem[j]>.value` ("4.value").
   */
  path: { byName: string } | { byIndex: string } | { byItem: readonly string[] };
  /** Every required definition must be among the given values (sign-up, a new address). */
  requireAll?: boolean;
  /**
   * The record's current values (an address being updated): the answer is its complete new list —
   * current values not given are kept, an empty value removes one.
   */
  existing?: readonly FormFieldEntry[];
  /** Names the record's kind in messages for unknown names ("No address form field named …"). */
  kind?: 'customer' | 'address';
}

/**
 * Checks `given` against `definitions` (of one kind), adding problems to `errors`; returns the values
 * to store (normalised, under their definitions' names). Callers throw when `errors` is not empty.
 */
export function checkFormFieldValues(
  definitions: readonly FormFieldDefinition[],
  given: readonly FormFieldEntry[],
  errors: FieldErrors,
  options: CheckFormFieldsOptions,
): FormFieldEntry[] {
  const { path } = options;
  const at = (j: number, name: string, part: 'name' | 'value') =>
    'byName' in path ? `${path.byName}.${name}` : 'byIndex' in path ? `${path.byIndex}.${j}.${part}` : `${path.byItem[j]}.${part}`;
  // Under byName the path already names the field, so the message need not.
  const short = 'byName' in path;
  const accepted: FormFieldEntry[] = [];
  const seen = new Set<string>();
  given.forEach((v, j) => {
    const key = v.name.toLowerCase();
    const def = definitions.find((d) => d.name.toLowerCase() === key);
    if (seen.has(key)) {
      errors[at(j, def?.name ?? v.name, 'name')] = fieldError(
        'duplicate',
        short ? 'This field is given twice' : `Form field "${v.name}" is given twice`,
      );
      return;
    }
    seen.add(key);
    if (!def) {
      const kind = options.kind ? `${options.kind} ` : '';
      // The admin's flat lists name the field in `name`; the nested lists report at the value.
      errors[at(j, v.name, 'byItem' in path ? 'name' : 'value')] = fieldError(
        'unknown_field',
        short ? 'Unknown field' : `No ${kind}form field named "${v.name}"`,
      );
      return;
    }
    const problem = checkFormFieldValue(def, v.value);
    if (problem) errors[at(j, def.name, 'value')] = problem;
    // An empty value is kept as given ("" must not become 0): it clears an optional field.
    else accepted.push({ name: def.name, value: isEmptyFormFieldValue(v.value) ? v.value : normalizeFormFieldValue(def, v.value) });
  });
  if (options.requireAll) {
    for (const def of definitions) {
      if (!def.required || seen.has(def.name.toLowerCase())) continue;
      const required = 'byName' in path ? `${path.byName}.${def.name}` : 'byIndex' in path ? `${path.byIndex}.${def.name}` : def.name;
      errors[required] = checkFormFieldValue(def, undefined) ?? fieldError('required', `${def.label} is required`);
    }
  }
  if (!options.existing) return accepted;
  const kept = options.existing.filter((old) => !seen.has(old.name.toLowerCase()));
  return [...kept, ...accepted].filter((f) => !isEmptyFormFieldValue(f.value));
}
