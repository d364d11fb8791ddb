/**
 * The generic step form and the links of a backend flow reply (docs/backend-contract.md, "Generic steps and links"),
 * read into the core's shapes: anything of the wrong shape is refused, nothing beyond the contract is kept, and a
 * secret field never keeps a value.
 */
import {
  FlowError,
  type FormField,
  type FormFieldType,
  type FormOption,
  type FormValue,
  type FormValues,
  type StepForm,
  type StepLink,
} from '../../core/types.js';
import { isObject, pick, pickString, type Json } from './read.js';

const malformed = (what: string) => new FlowError('malformed_response', `Unreadable reply: ${what}`);

const TYPES: readonly FormFieldType[] = ['text', 'email', 'tel', 'password', 'number', 'boolean', 'select', 'radio'];
// A field's name: dotted segments of plain names or percent-encoded ones (`optedScopes.okta%2Eusers%2Eread`).
const NAME = /^[\w$%-]{1,100}(\.[\w$%-]{1,100}){0,9}$/;
const MAX_FIELDS = 200;
const MAX_OPTIONS = 500;
const MAX_DEPTH = 5;
const MAX_TEXT = 1024;

function text(value: unknown, what: string, max = MAX_TEXT): string {
  if (typeof value !== 'string' || value.length > max) throw malformed(what);
  return value;
}

function formValue(value: unknown, what: string): FormValue {
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return text(value, what);
}

function list(value: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) throw malformed(what);
  return value;
}

/** Copies the optional string `key` of `from` onto `to`. */
function optionalText<T extends object>(to: T, from: Json, key: keyof T & string, max = MAX_TEXT) {
  const v = pick(from, key);
  if (v != null) (to as Record<string, unknown>)[key] = text(v, key, max);
}

function readField(value: unknown, depth: number): FormField {
  if (!isObject(value)) throw malformed('form field');
  const name = pickString(value, 'name');
  if (!name || !NAME.test(name)) throw malformed('form field name');
  const type = pickString(value, 'type') as FormFieldType;
  if (!TYPES.includes(type)) throw malformed(`type of ${name}`);
  const field: FormField = { name, type };
  optionalText(field, value, 'label');
  optionalText(field, value, 'key', 200);
  for (const flag of ['required', 'secret', 'readOnly', 'hidden'] as const) {
    if (pick(value, flag) === true) field[flag] = true;
  }
  for (const limit of ['minLength', 'maxLength'] as const) {
    const n = pick(value, limit);
    if (n == null) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw malformed(`${limit} of ${name}`);
    field[limit] = n;
  }
  const v = pick(value, 'value');
  // A secret's value has no business in a reply: it is dropped, never shown.
  if (v != null && !field.secret) field.value = formValue(v, `value of ${name}`);
  const options = pick(value, 'options');
  if (options != null) field.options = list(options, `options of ${name}`, MAX_OPTIONS).map((o) => readOption(o, name, depth));
  const errors = pick(value, 'errors');
  if (errors != null) {
    field.errors = list(errors, `errors of ${name}`, 20).map((e) => {
      if (!isObject(e)) throw malformed(`error of ${name}`);
      const error: { text: string; key?: string } = { text: text(pick(e, 'text'), `error of ${name}`) };
      optionalText(error, e, 'key', 200);
      return error;
    });
  }
  return field;
}

function readOption(value: unknown, name: string, depth: number): FormOption {
  if (!isObject(value)) throw malformed(`option of ${name}`);
  const option: FormOption = { value: formValue(pick(value, 'value'), `option of ${name}`), label: text(pick(value, 'label') ?? '', `option of ${name}`) };
  optionalText(option, value, 'key', 200);
  const fields = pick(value, 'fields');
  if (fields != null) option.fields = readFields(fields, depth + 1);
  return option;
}

function readFields(value: unknown, depth: number): FormField[] {
  if (depth > MAX_DEPTH) throw malformed('form nested too deep');
  return list(value, 'form fields', MAX_FIELDS).map((f) => readField(f, depth));
}

function readValues(value: unknown): FormValues {
  if (!isObject(value)) throw malformed('choice values');
  const values: FormValues = {};
  for (const [name, v] of Object.entries(value)) {
    if (!NAME.test(name)) throw malformed('choice value name');
    values[name] = formValue(v, `choice value ${name}`);
  }
  return values;
}

/** `form` of an `AwaitingInput` reply. */
export function readStepForm(value: unknown): StepForm {
  if (!isObject(value)) throw malformed('form');
  const step = text(pick(value, 'step'), 'form step', 100);
  const form: StepForm = { step, fields: readFields(pick(value, 'fields') ?? [], 0) };
  const choices = pick(value, 'choices');
  if (choices != null) {
    form.choices = list(choices, 'choices', 10).map((c) => {
      if (!isObject(c)) throw malformed('choice');
      const choice: NonNullable<StepForm['choices']>[number] = { id: text(pick(c, 'id'), 'choice id', 100), values: readValues(pick(c, 'values')) };
      optionalText(choice, c, 'label');
      optionalText(choice, c, 'key', 200);
      return choice;
    });
  }
  const context = pick(value, 'context');
  if (context != null) {
    if (!isObject(context) || Object.keys(context).length > 20) throw malformed('form context');
    form.context = Object.fromEntries(
      Object.entries(context).map(([k, v]) => [k, Array.isArray(v) ? list(v, 'form context', 50).map((s) => text(s, 'form context')) : text(v, 'form context')]),
    );
  }
  return form;
}

/** `links` of any reply. */
export function readLinks(value: unknown): StepLink[] {
  return list(value, 'links', 10).map((l) => {
    if (!isObject(l)) throw malformed('link');
    const link: StepLink = { step: text(pick(l, 'step'), 'link step', 100) };
    optionalText(link, l, 'label');
    return link;
  });
}
