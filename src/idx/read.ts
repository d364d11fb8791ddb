/**
 * Reading an IDX transaction's parts as okta-auth-js 8 parses them: a remediation by name, a field of a form, an
 * option's sub-form, a value inside a form, the picker's entries. The mapping's modules build on these; this one
 * imports none of them.
 */
import type { Authenticator } from '../core/types.js';
import { safeText } from './safe-text.js';
import type { IdxFormField, IdxOption, IdxRemediation, IdxTransaction } from './types.js';

export function remediation(tx: IdxTransaction, name: string): IdxRemediation | undefined {
  return tx.neededToProceed?.find((r) => r.name === name);
}

/** The value of `name` inside the form of the remediation field `fieldName` (e.g. the authenticator id). */
export function formValue(r: IdxRemediation | undefined, fieldName: string, name: string): unknown {
  return field(subForm(field(r?.value, fieldName)), name)?.value;
}

export function field(fields: IdxFormField[] | undefined, name: string): IdxFormField | undefined {
  return fields?.find((f) => f.name === name);
}

/** An object field's sub-form: Ion puts it at `value.form.value`; some parsed shapes at `form.value`. */
export function subForm(f: IdxFormField | undefined): IdxFormField[] | undefined {
  if (!f) return undefined;
  const inValue = typeof f.value === 'object' && f.value !== null ? (f.value as { form?: { value?: IdxFormField[] } }).form?.value : undefined;
  return inValue ?? f.form?.value;
}

function optionFields(option: IdxOption): IdxFormField[] {
  // Okta puts an option's form in its value; some answers put it beside.
  const beside = (option as { form?: { value?: IdxFormField[] } }).form?.value;
  return (typeof option.value === 'object' ? option.value?.form?.value : undefined) ?? beside ?? [];
}

function relatesTo(option: IdxOption) {
  return typeof option.relatesTo === 'object' ? option.relatesTo : undefined;
}

// "Get a push notification" reads on after a colon in lower case; an acronym ("SMS") stays as it is.
export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/**
 * The picker's entries. In verify mode an authenticator with several methods (Okta Verify: push and code)
 * becomes one entry per method, since the choice of method is what the user makes. FastPass
 * (`signed_nonce`) needs the Okta Verify app on this device to answer a local loopback: left out.
 */
export function pickerEntries(r: IdxRemediation | undefined, mode: 'enroll' | 'verify'): Authenticator[] {
  const options = field(r?.value, 'authenticator')?.options ?? [];
  const entries: Authenticator[] = [];
  for (const option of options as IdxOption[]) {
    const fields = optionFields(option);
    const id = field(fields, 'id')?.value;
    if (typeof id !== 'string' || !id) continue;
    const rel = relatesTo(option);
    const key = rel?.key ?? '';
    // An identity provider is offered like any authenticator: choosing it leads to its own step (a redirect), and the
    // step leaves it out of its own picker (map-idp.ts), so that choosing it again cannot loop.
    const label = safeText(option.label) ?? safeText(rel?.displayName) ?? (key || 'Authenticator');
    const method = field(fields, 'methodType');
    if (mode === 'verify' && method?.options?.length) {
      for (const m of method.options) {
        if (typeof m.value !== 'string' || m.value === 'signed_nonce') continue;
        const methodLabel = safeText(m.label) ?? m.value;
        entries.push({ id, key, name: `${label}: ${lowerFirst(methodLabel)}`, methodType: m.value });
      }
    } else if (mode === 'verify' && typeof method?.value === 'string') {
      if (method.value !== 'signed_nonce') entries.push({ id, key, name: label, methodType: method.value });
    } else {
      entries.push({ id, key, name: label });
    }
  }
  return entries;
}
