// The store's definitions against real D1 (accounts/attributes.ts, groups.ts, form-fields.ts): a name
// clash is 409 `name_taken` with a field error naming the item, in any case; type rules have codes.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { checkAttributeValue, createAttributes, deleteAttributes, renameAttributes } from '../../../worker/src/accounts/attributes';
import { createFormFields, deleteFormFields } from '../../../worker/src/accounts/form-fields';
import { createGroup, deleteGroup, updateGroup } from '../../../worker/src/accounts/groups';
import { apiError, fieldCodes } from './records-fixtures';

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

describe('name clashes', () => {
  it('attributes: taken in any case, or repeated within the batch', async () => {
    const name = unique('Attr');
    const [stored] = await createAttributes(env.DB, [{ name, type: 'string' }]);
    const err = await apiError(
      createAttributes(env.DB, [
        { name: unique('Attr'), type: 'number' },
        { name: name.toUpperCase(), type: 'string' },
      ]),
    );
    expect(err.code).toBe('name_taken');
    expect(fieldCodes(err)).toEqual({ '1.name': 'duplicate' });
    const twice = unique('Attr');
    expect(
      fieldCodes(
        await apiError(
          createAttributes(env.DB, [
            { name: twice, type: 'string' },
            { name: twice, type: 'date' },
          ]),
        ),
      ),
    ).toEqual({ '1.name': 'duplicate' });
    expect(fieldCodes(await apiError(renameAttributes(env.DB, [{ id: stored!.id, name, type: 'date' }])))).toEqual({ '0.type': 'invalid_value' });
    await deleteAttributes(env.DB, [stored!.id]);
  });

  it('groups: taken in any case, on create and on rename', async () => {
    const name = unique('Group');
    const group = await createGroup(env.DB, { name });
    const err = await apiError(createGroup(env.DB, { name: name.toLowerCase() }));
    expect(err.code).toBe('name_taken');
    expect(fieldCodes(err)).toEqual({ name: 'duplicate' });
    const other = await createGroup(env.DB, { name: unique('Group') });
    expect((await apiError(updateGroup(env.DB, other.id, { name }))).code).toBe('name_taken');
    await deleteGroup(env.DB, other.id);
    await deleteGroup(env.DB, group.id);
    expect((await apiError(deleteGroup(env.DB, group.id))).code).toBe('group_not_found');
  });

  it('form fields: taken per applies_to, in any case', async () => {
    const name = unique('field').replace(/\W/g, '_').toLowerCase();
    const field = {
      name,
      label: 'Field',
      type: 'text' as const,
      required: false,
      options: [],
      min: null,
      max: null,
      max_length: null,
      min_date: null,
      max_date: null,
      default_value: null,
      sort_order: 0,
    };
    const [customerField, addressField] = await createFormFields(env.DB, [
      { ...field, applies_to: 'customer' },
      { ...field, applies_to: 'address' },
    ]);
    const err = await apiError(createFormFields(env.DB, [{ ...field, name: name.toUpperCase(), applies_to: 'customer' }]));
    expect(err.code).toBe('name_taken');
    expect(fieldCodes(err)).toEqual({ '0.name': 'duplicate' });
    expect(fieldCodes(await apiError(createFormFields(env.DB, [{ ...field, name: `${name}_x`, applies_to: 'customer', min: 1 }])))).toEqual({
      '0.min': 'invalid_value',
    });
    await deleteFormFields(env.DB, [customerField!.id, addressField!.id]);
  });
});

describe('attribute values', () => {
  it('must fit their attribute’s type, with a field code', () => {
    expect(checkAttributeValue('number', 'ten')?.code).toBe('invalid_type');
    expect(checkAttributeValue('date', '2026-13-45')?.code).toBe('invalid_format');
    expect(checkAttributeValue('string', 'x'.repeat(256))?.code).toBe('too_long');
    expect(checkAttributeValue('date', '2026-01-31')).toBeNull();
  });
});
