// accounts/form-field-values.ts, the one check of custom field values: where each caller's errors go
// (byName, byIndex, byItem), names in any case stored under the definition's spelling, a name given
// twice, empty values that clear (never "normalised" to 0), required fields, merging with stored values.
import { describe, expect, it } from 'vitest';
import { checkFormFieldValues } from '../../../worker/src/accounts/form-field-values';
import type { FieldErrors } from '../../../worker/src/errors';
import type { FormFieldDefinition } from '../../../worker/src/shared/form-field-rules';

function def(over: Partial<FormFieldDefinition> & Pick<FormFieldDefinition, 'name' | 'type'>): FormFieldDefinition {
  return {
    id: 0,
    label: over.name,
    required: false,
    options: [],
    min: null,
    max: null,
    max_length: null,
    min_date: null,
    max_date: null,
    default_value: null,
    applies_to: 'address',
    sort_order: 0,
    ...over,
  };
}

const defs = [
  def({ name: 'Gate', type: 'text', max_length: 4, label: 'Gate code' }),
  def({ name: 'floor', type: 'number', min: 0, max: 10, label: 'Floor' }),
  def({ name: 'dock', type: 'picklist', options: ['North', 'South'], required: true, label: 'Dock' }),
  def({ name: 'extras', type: 'checkboxes', options: ['a', 'b'], label: 'Extras' }),
];

const codes = (errors: FieldErrors) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.code]));

describe('checkFormFieldValues', () => {
  it('reports by name for the storefront, with short messages (the path names the field)', () => {
    const errors: FieldErrors = {};
    checkFormFieldValues(
      defs,
      [
        { name: 'gate', value: '12' },
        { name: 'nope', value: 'x' },
        { name: 'GATE', value: '1' },
      ],
      errors,
      { path: { byName: 'form_fields' } },
    );
    expect(codes(errors)).toEqual({ 'form_fields.Gate': 'duplicate', 'form_fields.nope': 'unknown_field' });
    expect(errors['form_fields.nope']!.message).toBe('Unknown field');
    expect(errors['form_fields.Gate']!.message).toBe('This field is given twice');
  });

  it('reports by index for the admin API’s nested lists (unknown names at the value, repeats at the name)', () => {
    const errors: FieldErrors = {};
    checkFormFieldValues(
      defs,
      [
        { name: 'floor', value: 11 },
        { name: 'nope', value: 'x' },
        { name: 'FLOOR', value: 1 },
      ],
      errors,
      {
        path: { byIndex: '3.form_fields' },
        kind: 'address',
      },
    );
    expect(codes(errors)).toEqual({
      '3.form_fields.0.value': 'too_large',
      '3.form_fields.1.value': 'unknown_field',
      '3.form_fields.2.name': 'duplicate',
    });
    expect(errors['3.form_fields.1.value']!.message).toBe('No address form field named "nope"');
  });

  it('reports by item for the admin API’s flat value lists', () => {
    const errors: FieldErrors = {};
    checkFormFieldValues(
      defs,
      [
        { name: 'dock', value: 'East' },
        { name: 'nope', value: 'x' },
        { name: 'Dock', value: 'North' },
      ],
      errors,
      { path: { byItem: ['4', '7', '9'] } },
    );
    expect(codes(errors)).toEqual({ '4.value': 'invalid_choice', '7.name': 'unknown_field', '9.name': 'duplicate' });
  });

  it('stores names under the definition’s spelling and normalises accepted values', () => {
    const errors: FieldErrors = {};
    const values = checkFormFieldValues(
      defs,
      [
        { name: 'gate', value: '12' },
        { name: 'FLOOR', value: '3' },
        { name: 'extras', value: ['b', 'a'] },
      ],
      errors,
      {
        path: { byName: 'form_fields' },
      },
    );
    expect(errors).toEqual({});
    expect(values).toEqual([
      { name: 'Gate', value: '12' },
      { name: 'floor', value: 3 },
      { name: 'extras', value: ['b', 'a'] },
    ]);
  });

  it('keeps an empty value as given (never 0) and, with stored values, lets it clear one', () => {
    const errors: FieldErrors = {};
    expect(checkFormFieldValues(defs, [{ name: 'floor', value: '' }], errors, { path: { byName: 'form_fields' } })).toEqual([
      { name: 'floor', value: '' },
    ]);
    const merged = checkFormFieldValues(
      defs,
      [
        { name: 'floor', value: '' },
        { name: 'gate', value: '9' },
      ],
      errors,
      {
        path: { byName: 'form_fields' },
        existing: [
          { name: 'floor', value: 2 },
          { name: 'Gate', value: '1' },
          { name: 'dock', value: 'North' },
        ],
      },
    );
    expect(errors).toEqual({});
    expect(merged).toEqual([
      { name: 'dock', value: 'North' },
      { name: 'Gate', value: '9' },
    ]);
  });

  it('requires every required field when asked to, and never lets one be emptied', () => {
    const errors: FieldErrors = {};
    checkFormFieldValues(defs, [], errors, { path: { byName: 'form_fields' }, requireAll: true });
    expect(codes(errors)).toEqual({ 'form_fields.dock': 'required' });
    const emptied: FieldErrors = {};
    checkFormFieldValues(defs, [{ name: 'dock', value: '' }], emptied, { path: { byIndex: '0.form_fields' } });
    expect(codes(emptied)).toEqual({ '0.form_fields.0.value': 'required' });
  });
});
