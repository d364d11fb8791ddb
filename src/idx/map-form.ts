/**
 * The generic step form: a remediation whose inputs are plain fields, read from Okta's Ion form into a `StepForm`.
 * Text, secrets, numbers, yes/no, a choice among options (some bringing fields of their own, as the security question's
 * "choose a question" or "write your own"), nested objects (`credentials.*`, `userProfile.*`), Okta's labels, limits,
 * read-only and hidden values, and Okta's errors tied to fields. Pure functions: no network, no DOM.
 */
import { FlowError, type FieldError, type FormField, type FormFieldType, type FormOption, type FormValue, type StepForm } from '../core/types.js';
import { safeText } from './safe-text.js';
import type { IdxMessage, IdxRemediation } from './types.js';

/** One field of Okta's Ion form, as okta-auth-js passes it through (nothing in it is trusted). */
interface IonField {
  name?: unknown;
  label?: unknown;
  type?: unknown;
  required?: unknown;
  secret?: unknown;
  mutable?: unknown;
  visible?: unknown;
  minLength?: unknown;
  maxLength?: unknown;
  value?: unknown;
  options?: unknown;
  form?: unknown;
  messages?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const fieldsIn = (v: unknown): IonField[] => (Array.isArray(v) ? (v.filter(isObject) as IonField[]) : []);

// Beyond these, a form is not one a person fills in: refused rather than half shown.
const MAX_FIELDS = 200;
const MAX_DEPTH = 5;
const MAX_OPTIONS = 500;
/** The longest default value kept from Okta's form. */
const MAX_VALUE = 1024;

/**
 * A field's name: the segments of its path in Okta's form, joined by dots. A segment that is not a plain name (a
 * consent scope such as `okta.users.read`) is percent-encoded, dots included, so that every dot is a level.
 */
export function fieldName(parent: string | undefined, segment: string): string {
  const plain = /^[\w$-]+$/.test(segment)
    ? segment
    : encodeURIComponent(segment).replace(/[.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return parent ? `${parent}.${plain}` : plain;
}

/** The path a field's name stands for, segment by segment (`fieldName` undone). */
export function fieldPath(name: string): string[] {
  return name.split('.').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/** The sub-form of an object field: Ion puts it at `form.value`, okta-auth-js at times at `value.form.value`. */
function subForm(f: IonField): IonField[] | undefined {
  if (isObject(f.form) && Array.isArray(f.form.value)) return fieldsIn(f.form.value);
  if (isObject(f.value) && isObject(f.value.form) && Array.isArray(f.value.form.value)) return fieldsIn(f.value.form.value);
  return undefined;
}

/**
 * Okta's "display" option is no choice: it says how a field is shown (`{ inputType: 'select', format: 'country-code' }`).
 */
const isDisplayHint = (o: Json) => o.label === 'display' && isObject(o.value) && !isObject(o.value.form);

/** The options a person can choose among (display hints left out). */
function optionsOf(f: IonField): Json[] {
  return Array.isArray(f.options) ? f.options.filter((o): o is Json => isObject(o) && !isDisplayHint(o)) : [];
}

/** Okta's messages about a field: its errors, as FieldErrors under the field's name. */
function messagesOf(f: IonField, name: string): FieldError[] {
  const value = isObject(f.messages) ? f.messages.value : undefined;
  const out: FieldError[] = [];
  for (const m of (Array.isArray(value) ? value : []) as unknown[]) {
    if (!isObject(m) || m.class !== 'ERROR') continue;
    const text = safeText(m.message);
    const i18n = m.i18n as IdxMessage['i18n'];
    const key = typeof i18n?.key === 'string' && i18n.key ? i18n.key : undefined;
    // Text Okta sent with markup is dropped; its key may still have the element's own sentence.
    if (text || key) out.push(key ? { name, text: text ?? '', key } : { name, text: text ?? '' });
  }
  return out;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000 ? v : undefined);

function primitive(v: unknown): FormValue | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return v.length <= MAX_VALUE ? v : undefined;
  return undefined;
}

// Okta marks passwords `secret: true`; a security question's answer it does not always. One-time codes are not
// secrets to hide while typed (they are never kept either).
const SECRET_NAMES = /^credentials\.answer$/;
const EMAIL_NAMES = /(?:^|\.)(?:e[Mm]ail|\w+Email)$/;
const PHONE_NAMES = /(?:^|\.)(?:\w*[Pp]hone|phoneNumber)$/;

function typeOf(f: IonField, name: string, secret: boolean): FormFieldType {
  if (secret) return 'password';
  if (f.type === 'boolean') return 'boolean';
  if (f.type === 'integer' || f.type === 'number') return 'number';
  if (EMAIL_NAMES.test(name)) return 'email';
  if (PHONE_NAMES.test(name)) return 'tel';
  return 'text';
}

const unreadable = (why: string) => new FlowError('config', `Unsupported IDX form: ${why}`, { reason: 'unsupported-step' });

class Reader {
  private fields = 0;

  /** The fields of one level of a form, under `parent`. */
  read(list: IonField[], parent: string | undefined, depth: number): FormField[] {
    if (depth > MAX_DEPTH) throw unreadable('nested too deep');
    const out: FormField[] = [];
    for (const f of list) {
      if (typeof f.name !== 'string' || !f.name) throw unreadable('a field without a name');
      // okta-auth-js sends the state handle itself.
      if (!parent && f.name === 'stateHandle') continue;
      if (++this.fields > MAX_FIELDS) throw unreadable('too many fields');
      out.push(...this.field(f, fieldName(parent, f.name), depth));
    }
    return out;
  }

  private field(f: IonField, name: string, depth: number): FormField[] {
    const options = optionsOf(f);
    const sub = subForm(f);
    // An object without choices: its fields, one level down (`userProfile.email`).
    if (sub && !options.length) return this.read(sub, name, depth + 1);

    const secret = f.secret === true || SECRET_NAMES.test(name);
    const field: FormField = { name, type: typeOf(f, name, secret) };
    const label = safeText(f.label);
    if (label) field.label = label;
    if (f.required === true) field.required = true;
    if (secret) field.secret = true;
    const min = count(f.minLength);
    const max = count(f.maxLength);
    if (min !== undefined) field.minLength = min;
    if (max !== undefined) field.maxLength = max;
    // A secret's value never leaves Okta's answer.
    const value = secret ? undefined : primitive(f.value);
    if (value !== undefined) field.value = value;
    if (f.mutable === false) field.readOnly = true;
    const errors = messagesOf(f, name);
    if (errors.length) field.errors = errors.map(({ text, key }) => (key ? { text, key } : { text }));

    if (options.length) this.choices(field, options, depth);

    // Hidden: what Okta says not to show, and a fixed value without a label (an authenticator's id).
    const hidden = f.visible === false || (f.visible !== true && field.readOnly && !label);
    if (hidden) {
      field.hidden = true;
      field.readOnly = true;
    }
    return [field];
  }

  /** A choice among options: a list to pick from, or sub-forms to choose between. */
  private choices(field: FormField, options: Json[], depth: number): void {
    if (options.length > MAX_OPTIONS) throw unreadable('too many options');
    const withForms = options.some((o) => isObject(o.value));
    const list: FormOption[] = options.map((o, i) => {
      const label = safeText(o.label) ?? '';
      if (withForms) {
        const form = isObject(o.value) && isObject(o.value.form) ? fieldsIn(o.value.form.value) : undefined;
        if (!form) throw unreadable(`option ${i} of ${field.name} is neither a value nor a form`);
        // The choice itself is not sent: the fields of the one chosen are.
        return { value: String(i), label, fields: this.read(form, field.name, depth + 1) };
      }
      const value = primitive(o.value);
      if (value === undefined) throw unreadable(`option ${i} of ${field.name} has no value`);
      return { value, label };
    });
    field.options = list;
    if (withForms) {
      field.type = 'radio';
      // The first way is the one shown until another is chosen (as Okta's own widget does).
      if (field.value === undefined || !list.some((o) => o.value === String(field.value))) field.value = '0';
      return;
    }
    if (field.type !== 'boolean') field.type = list.length > 4 ? 'select' : 'radio';
    // One option: nothing to choose, the value is that option's (Email as the only way to get the email).
    if (list.length === 1) {
      field.value = list[0].value;
      field.readOnly = true;
      field.hidden = true;
    }
  }
}

/**
 * The form of a remediation. Throws a `config` FlowError (`unsupported-step`) when a field is not one a person can
 * fill in here: a hidden value nobody can give (a CAPTCHA), an option that is neither a value nor a form.
 */
export function readForm(r: IdxRemediation): StepForm {
  const fields = new Reader().read(fieldsIn(r.value), undefined, 0);
  return { step: r.name, fields };
}

/**
 * Throws a `config` FlowError (`unsupported-step`) when the form needs a value nobody here can give: a hidden field
 * Okta requires without a value (a CAPTCHA's token). Run once the step has made its buttons of such fields.
 */
export function assertFillable(form: StepForm): StepForm {
  const missing = allFields(form.fields).find((f) => f.hidden && f.required && f.value === undefined && !f.options?.some((o) => o.fields));
  if (missing) throw unreadable(`hidden field ${missing.name} without a value`);
  return form;
}

/** Okta's errors about single fields of a remediation, by field name (never throws: used on refusals). */
export function fieldErrorsOf(r: IdxRemediation | undefined): FieldError[] {
  const out: FieldError[] = [];
  const walk = (list: IonField[], parent: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const f of list) {
      if (typeof f.name !== 'string' || !f.name) continue;
      const name = fieldName(parent, f.name);
      out.push(...messagesOf(f, name));
      const sub = subForm(f);
      if (sub) walk(sub, name, depth + 1);
      for (const o of optionsOf(f)) {
        if (isObject(o.value) && isObject(o.value.form)) walk(fieldsIn(o.value.form.value), name, depth + 1);
      }
    }
  };
  walk(fieldsIn(r?.value), undefined, 0);
  // The same message on a field that several ways share (the answer of either kind of question) is said once.
  return out.filter((e, i) => out.findIndex((o) => o.name === e.name && o.text === e.text && o.key === e.key) === i);
}

/** Every field of a form, those of each option's sub-form too. */
export function allFields(fields: readonly FormField[]): FormField[] {
  return fields.flatMap((f) => [f, ...(f.options ?? []).flatMap((o) => allFields(o.fields ?? []))]);
}
