// The store's custom form fields: their definition shape and the one value check used by the domain
// layer (accounts/form-field-values.ts) and, imported by the widget, client-side validation.
// Dependency-free. Problems carry a stable field code (shared/error-codes.ts) the widget translates.
import type { FieldError } from './error-codes';

export const FORM_FIELD_TYPES = ['text', 'multiline', 'number', 'date', 'checkbox', 'checkboxes', 'radio', 'picklist', 'password'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormFieldDefinition {
  id: number;
  name: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** Choices for checkboxes, radio and picklist. */
  options: string[];
  /** number: smallest and largest value. */
  min: number | null;
  max: number | null;
  /** text, multiline, password: longest value in characters. */
  max_length: number | null;
  /** date: earliest and latest day (YYYY-MM-DD). */
  min_date: string | null;
  max_date: string | null;
  default_value: string | null;
  applies_to: 'customer' | 'address';
  sort_order: number;
}

export type FormFieldValue = string | number | string[];

/** Longest text we store for a field without its own max_length. */
export const DEFAULT_MAX_LENGTH = 1000;

function isEmpty(value: FormFieldValue | undefined | null): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

const problem = (code: FieldError['code'], message: string): FieldError => ({ code, message });

/** Whether `value` is a day as YYYY-MM-DD that exists on the calendar (not 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * Checks one value against its definition. Returns the problem (code + English message for staff and
 * logs), or null when the value is acceptable. `undefined` means "not given" (fine unless required).
 */
export function checkFormFieldValue(def: FormFieldDefinition, value: FormFieldValue | undefined | null): FieldError | null {
  if (isEmpty(value)) return def.required ? problem('required', `${def.label} is required`) : null;
  switch (def.type) {
    case 'text':
    case 'multiline':
    case 'password': {
      if (typeof value !== 'string') return problem('invalid_type', `${def.label} must be text`);
      const max = def.max_length ?? DEFAULT_MAX_LENGTH;
      if ([...value].length > max) return problem('too_long', `${def.label} must be at most ${max} characters`);
      if (def.type !== 'multiline' && /[\r\n]/.test(value)) return problem('single_line', `${def.label} must be a single line`);
      return null;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return problem('invalid_type', `${def.label} must be a number`);
      if (def.min !== null && n < def.min) return problem('too_small', `${def.label} must be at least ${def.min}`);
      if (def.max !== null && n > def.max) return problem('too_large', `${def.label} must be at most ${def.max}`);
      return null;
    }
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        return problem('invalid_format', `${def.label} must be a date (YYYY-MM-DD)`);
      }
      if (!isIsoDay(value)) return problem('invalid_format', `${def.label} must be a real date`);
      if (def.min_date && value < def.min_date) return problem('too_small', `${def.label} must be on or after ${def.min_date}`);
      if (def.max_date && value > def.max_date) return problem('too_large', `${def.label} must be on or before ${def.max_date}`);
      return null;
    }
    case 'checkbox': {
      // A single checkbox: "Yes"/"No" style string or a one-element list, as BigCommerce sends it.
      const v = Array.isArray(value) ? value : [String(value)];
      if (v.length !== 1 || typeof v[0] !== 'string') return problem('invalid_choice', `${def.label} must be a single choice`);
      if (def.options.length && !def.options.includes(v[0]))
        return problem('invalid_choice', `${def.label} must be one of: ${def.options.join(', ')}`);
      return null;
    }
    case 'checkboxes': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return problem('invalid_choice', `${def.label} must be a list of choices`);
      const bad = value.find((v) => !def.options.includes(v));
      if (bad !== undefined) return problem('invalid_choice', `${def.label}: "${bad}" is not one of the choices`);
      if (new Set(value).size !== value.length) return problem('duplicate', `${def.label} lists a choice twice`);
      return null;
    }
    case 'radio':
    case 'picklist': {
      if (typeof value !== 'string') return problem('invalid_choice', `${def.label} must be one of the choices`);
      if (!def.options.includes(value)) return problem('invalid_choice', `${def.label} must be one of: ${def.options.join(', ')}`);
      return null;
    }
  }
}

/** Normalises an accepted value for storage (numbers as numbers, a single checkbox as a string). */
export function normalizeFormFieldValue(def: FormFieldDefinition, value: FormFieldValue): FormFieldValue {
  if (def.type === 'number') return typeof value === 'number' ? value : Number(value);
  if (def.type === 'checkbox' && Array.isArray(value)) return value[0]!;
  return value;
}
