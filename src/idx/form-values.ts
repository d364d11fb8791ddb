/**
 * The values of a generic step form, checked against the form Okta described and nested the way its remediation
 * takes them (`credentials.passcode` → `{ credentials: { passcode } }`). The one check for both modes: the browser's
 * IDX transport and the server module run it before anything is sent to Okta.
 */
import { FlowError, type FieldError, type FormField, type FormValue, type FormValues, type StepForm } from '../core/types.js';
import { fieldPath } from './map-form.js';

/** The most any text value may hold when Okta states no limit of its own. */
export const MAX_TEXT = 1024;

// Okta's own message keys for these mistakes, so the element words them as it words Okta's.
const BLANK = 'model.validation.field.blank';
const TOO_LONG = 'model.validation.field.string.maxLength';
const TOO_SHORT = 'model.validation.field.string.minLength';
const INVALID = 'model.validation.field.invalid';

const SENTENCE: Record<string, string> = {
  [BLANK]: 'This field cannot be left blank',
  [TOO_LONG]: 'This field cannot exceed the maximum allowed characters',
  [TOO_SHORT]: 'This field does not meet the minimum length',
  [INVALID]: 'This value is not valid',
};

const has = (o: object, name: string) => Object.prototype.hasOwnProperty.call(o, name);

const fieldError = (name: string, key: string): FieldError => ({ name, text: SENTENCE[key], key });

/** Sets `value` at the path a field's name stands for (`fieldPath`: a consent scope may hold dots of its own). */
function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = fieldPath(path);
  let at = target;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    at = (at[part] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
  }
  at[parts[parts.length - 1]] = value;
}

/**
 * A name is a dotted list of plain names or percent-encoded segments (`fieldName`), none of which, once decoded, could
 * reach an object's prototype.
 */
const SAFE_PATH = /^[\w$%-]+(\.[\w$%-]+)*$/;
const UNSAFE = ['__proto__', 'prototype', 'constructor'];
const safeName = (name: string) => SAFE_PATH.test(name) && !fieldPath(name).some((part) => !part || UNSAFE.includes(part));

/**
 * Checks `given` against `form` and returns the nested values to proceed with. Throws an `invalid_input` FlowError
 * whose `fields` name every field at fault; unknown names, wrong types and values outside a field's options are
 * refused, never passed on.
 */
export function formValues(form: StepForm, given: FormValues = {}): Record<string, unknown> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw invalid([], 'The form values are not an object.');
  const out: Record<string, unknown> = {};
  const used = new Set<string>();
  const faults: FieldError[] = [];
  const read = (fields: FormField[]) => {
    for (const f of fields) {
      if (!safeName(f.name)) continue;
      used.add(f.name);
      const raw: unknown = f.readOnly ? f.value : has(given, f.name) ? given[f.name] : undefined;
      const checked = check(f, raw);
      if ('fault' in checked) {
        faults.push(fieldError(f.name, checked.fault));
        continue;
      }
      const option = f.options?.find((o) => String(o.value) === String(checked.value));
      // A choice that brings fields of its own (write your own question) sends those, not the choice itself.
      if (option?.fields) read(option.fields);
      else if (checked.value !== undefined) put(out, f.name, checked.value);
    }
  };
  read(form.fields);
  // The values a choice button adds (consent: allow or deny) are allowed as that button gives them.
  for (const [name, value] of Object.entries(given)) {
    if (used.has(name)) continue;
    const byChoice = form.choices?.some((c) => has(c.values, name) && c.values[name] === value);
    if (!byChoice || !safeName(name)) throw invalid(faults, `Unknown field: ${name.slice(0, 64)}`);
    used.add(name);
    put(out, name, value);
  }
  if (form.choices?.length && !form.choices.some((c) => Object.entries(c.values).every(([n, v]) => given[n] === v))) {
    throw invalid(faults, 'Choose one of the buttons.');
  }
  if (faults.length) throw invalid(faults, 'Some fields need attention.');
  return out;
}

function invalid(fields: FieldError[], message: string): FlowError {
  const empty = fields.length > 0 && fields.every((f) => f.key === BLANK);
  return new FlowError('invalid_input', message, { retryable: true, fields, ...(empty ? { reason: 'empty' as const } : {}) });
}

type Checked = { value: FormValue | undefined } | { fault: string };

/** One field's value, of the field's type and within its rules. */
function check(f: FormField, raw: unknown): Checked {
  const missing = raw === undefined || raw === null || (typeof raw === 'string' && (f.secret ? raw : raw.trim()) === '');
  if (missing) return f.required ? { fault: BLANK } : { value: undefined };
  if (f.options?.length) {
    const option = f.options.find((o) => String(o.value) === String(raw) && typeof raw !== 'object');
    return option ? { value: option.value } : { fault: INVALID };
  }
  switch (f.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { fault: INVALID };
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
      return Number.isFinite(n) ? { value: n } : { fault: INVALID };
    }
    default: {
      if (typeof raw !== 'string') return { fault: INVALID };
      const value = f.secret ? raw : raw.trim();
      if (value.length > Math.min(f.maxLength ?? MAX_TEXT, MAX_TEXT)) return { fault: TOO_LONG };
      if (f.minLength !== undefined && value.length < f.minLength) return { fault: TOO_SHORT };
      return { value };
    }
  }
}
