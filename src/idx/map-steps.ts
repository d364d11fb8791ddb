/**
 * The steps shown as the generic step form (`AwaitingInput`): registration, account unlock, consent, keep me signed in,
 * the password expiry warning, the password and email enrollments, the security question and the passcode
 * authenticators, the device assurance grace period, device activation, a new activation email. Also what Okta offers
 * beside a step ("Sign up", "Unlock account"), the redirects that end a transaction, and Okta FastPass, which only the
 * Okta Verify app on the device can answer.
 */
import { FlowError, type Authenticator, type FlowState, type FormField, type StepForm, type StepLink } from '../core/types.js';
import { safeText } from './safe-text.js';
import { allFields, assertFillable, readForm } from './map-form.js';
import { passwordRulesOf } from './map-password.js';
import { CODE_KEYS } from './map-codes.js';
import { pickerEntries, remediation } from './read.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** Steps that are a form of plain fields whatever they concern. */
export const FORM_STEPS: readonly string[] = [
  'select-enroll-profile',
  'enroll-profile',
  'profile-update',
  'unlock-account',
  'select-authenticator-unlock-account',
  'consent',
  'admin-consent',
  'granular-consent',
  'email-challenge-consent',
  'reenroll-authenticator-warning',
  'reenroll-custom-password-expiry',
  'reenroll-custom-password-expiry-warning',
  'keep-me-signed-in',
  'device-assurance-grace-period',
  'user-code',
  'request-activation-email',
  // Okta Verify on this device did not answer (no SSO extension): on without Okta FastPass.
  'cancel-transaction',
];

/** Steps Okta offers beside the one that decides the view, taken without input: shown as links. */
export const LINK_STEPS: readonly string[] = ['select-enroll-profile', 'unlock-account'];

/** Steps whose page is Okta's messages, ERROR ones included, answered with success: a state to show, not a refusal. */
export const NOTICE_STEPS: readonly string[] = ['device-assurance-grace-period', 'request-activation-email'];

/** Whether `step` of the transaction shows as the generic step form (a security question, not an email's code). */
export function showsAsForm(tx: IdxTransaction, step: string): boolean {
  if (FORM_STEPS.includes(step)) return true;
  if (step !== 'challenge-authenticator' && step !== 'enroll-authenticator') return false;
  const key = tx.context?.currentAuthenticator?.value?.key ?? tx.context?.currentAuthenticatorEnrollment?.value?.key;
  if (!key || CODE_KEYS.includes(key) || NOT_A_FORM.includes(key) || key === 'webauthn') return false;
  return key !== 'okta_password' || step === 'enroll-authenticator';
}

/** Steps only the Okta Verify app on this device answers (FastPass: a loopback, an app link, the OS's SSO extension). */
export const DEVICE_STEPS: readonly string[] = ['launch-authenticator', 'device-challenge-poll', 'device-apple-sso-extension'];

/** Okta's action that leaves its probing for Okta Verify on this device and goes on without Okta FastPass. */
export const LEAVE_PROBING = 'authenticatorChallenge-cancel';

/** The key of the error that says Okta FastPass cannot be used here (Okta's own name of its method). */
export const FASTPASS = 'signed_nonce';

/** The error for a step only Okta Verify on this device could answer, where no other way is offered. */
export const fastPassUnavailable = () =>
  new FlowError('config', 'Okta FastPass is not available on this page', { reason: 'unsupported-step', key: FASTPASS });

const unsupported = (step: string) => new FlowError('config', `Unsupported IDX step: ${step}`, { reason: 'unsupported-step' });

/** Authenticators that never take plain fields: an iframe, a device, a redirect, or a view of their own. */
const NOT_A_FORM: readonly string[] = ['duo', 'nfc_pin', 'external_idp', 'okta_verify', 'custom_app', 'smart_card_idp'];

/** The steps of choosing a decision by a button: the field's value is the button's. */
const YES = 'yes';
const NO = 'no';

/** "Sign up", "Unlock account": the link steps Okta offers, other than `main`. */
export function linksOf(tx: IdxTransaction, main: string | undefined): StepLink[] {
  const links: StepLink[] = [];
  for (const r of tx.neededToProceed ?? []) {
    if (r.name === main || !LINK_STEPS.includes(r.name) || links.some((l) => l.step === r.name)) continue;
    const label = safeText((r as { label?: unknown }).label);
    links.push(label ? { step: r.name, label } : { step: r.name });
  }
  return links;
}

const appLabel = (tx: IdxTransaction) => safeText((tx.context as { app?: { value?: { label?: unknown } } } | undefined)?.app?.value?.label);

/**
 * A yes/no step as two buttons: a required yes/no field that has Okta's two options (consent: Allow Access, Don't
 * Allow), that Okta hides without a value (granular consent), or that is all the form asks (keep me signed in).
 */
function decide(form: StepForm): StepForm {
  const top = form.fields.filter((f) => !f.name.includes('.'));
  const shown = form.fields.filter((f) => !f.hidden && !f.readOnly);
  const decision = top.find(
    (f) =>
      f.type === 'boolean' &&
      f.required &&
      ((f.options?.length === 2 && f.options.some((o) => o.value === true) && f.options.some((o) => o.value === false)) ||
        (f.hidden && f.value === undefined) ||
        (shown.length === 1 && shown[0] === f)),
  );
  if (!decision) return form;
  const label = (v: boolean) => decision.options?.find((o) => o.value === v)?.label;
  const choice = (id: string, value: boolean) => {
    const text = label(value);
    return text ? { id, label: text, values: { [decision.name]: value } } : { id, values: { [decision.name]: value } };
  };
  return { ...form, fields: form.fields.filter((f) => f !== decision), choices: [choice(YES, true), choice(NO, false)] };
}

/** Consent: the app asking, and the scopes it asks for (plain consent lists them beside the form). */
function consentContext(tx: IdxTransaction, r: IdxRemediation): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  const app = appLabel(tx);
  if (app) context.app = app;
  const scopes = (r as { scopes?: unknown }).scopes;
  if (Array.isArray(scopes)) {
    const labels = scopes
      .map((s) => (typeof s === 'object' && s !== null ? safeText((s as { label?: unknown }).label) ?? safeText((s as { name?: unknown }).name) : undefined))
      .filter((s): s is string => !!s);
    if (labels.length) context.scopes = labels;
  }
  return context;
}

/** The text of Okta's messages, one entry each (the grace period's deadline and its ways to fix the device). */
function notices(tx: IdxTransaction): string[] {
  const messages = tx.rawIdxState?.messages?.value ?? tx.messages ?? [];
  return messages.map((m) => safeText(m.message)).filter((t): t is string => !!t);
}

/** A field whose value the person decides, shown and changeable. */
const editable = (f: FormField) => !f.hidden && !f.readOnly;

/** The authenticator a form is about, as the state says it (`key`, and the method when there is one). */
function stepAuthenticator(a: IdxAuthenticatorValue | undefined): FlowState['authenticator'] {
  if (!a?.key) return undefined;
  const methodType = a.methods?.[0]?.type;
  return typeof methodType === 'string' ? { key: a.key, methodType } : { key: a.key };
}

interface FormStateOptions {
  /** The authenticator the step is about. */
  authenticator?: IdxAuthenticatorValue;
  /** The other authenticators ("Verify with something else"). */
  others?: Authenticator[];
}

function formState(tx: IdxTransaction, form: StepForm, options: FormStateOptions = {}): FlowState {
  const state: FlowState = { status: 'AwaitingInput', form: assertFillable(form) };
  const authenticator = stepAuthenticator(options.authenticator);
  if (authenticator) state.authenticator = authenticator;
  if (options.others?.length) state.authenticators = options.others;
  if (remediation(tx, 'skip') || tx.nextStep?.canSkip) state.canSkip = true;
  return state;
}

/** Okta's answer for a step the generic form shows: the form, with what its view says about it. */
export function formStepState(tx: IdxTransaction, r: IdxRemediation): FlowState {
  let form = readForm(r);
  switch (r.name) {
    case 'select-authenticator-unlock-account':
      return unlockPickerState(tx, r, form);
    case 'consent':
    case 'admin-consent':
    case 'granular-consent':
    case 'email-challenge-consent': {
      form = decide(form);
      const context = consentContext(tx, r);
      if (Object.keys(context).length) form.context = context;
      return formState(tx, form);
    }
    case 'keep-me-signed-in':
      return formState(tx, decide(form));
    case 'device-assurance-grace-period':
    case 'request-activation-email': {
      const list = notices(tx);
      if (list.length) form.context = { notices: list };
      return formState(tx, form);
    }
    default: {
      // Registration with a password, and the password's expiry warning: a new password, with the org's rules.
      const current = tx.context?.currentAuthenticator?.value;
      const state = formState(tx, form);
      if (current?.key === 'okta_password' && allFields(form.fields).some((f) => f.secret)) {
        state.passwordRules = passwordRulesOf(current) ?? {};
        state.authenticator = { key: 'okta_password' };
      }
      return state;
    }
  }
}

/**
 * Account unlock's choice of authenticator. With the username asked on the same form (Okta's usual unlock form): a
 * form with the username and the ways to verify, one per authenticator and method, as the picker lists them. Without
 * it (the username came first): the picker.
 */
function unlockPickerState(tx: IdxTransaction, r: IdxRemediation, form: StepForm): FlowState {
  const entries = pickerEntries(r, 'verify');
  if (!entries.length) throw unsupported('select-authenticator-unlock-account (no authenticator this page can use)');
  if (!form.fields.some((f) => f.name === 'identifier' && editable(f))) {
    return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: entries };
  }
  const value = (a: Authenticator) => (a.methodType ? `${a.id} ${a.methodType}` : a.id);
  const choice: FormField = {
    name: 'authenticator',
    type: 'radio',
    required: true,
    // The first way is chosen until another is (as with the ways of a form): never a form that cannot be sent.
    value: value(entries[0]),
    options: entries.map((a) => ({
      value: value(a),
      label: a.name,
      fields: [
        { name: 'authenticator.id', type: 'text', value: a.id, readOnly: true, hidden: true },
        ...(a.methodType ? [{ name: 'authenticator.methodType', type: 'text' as const, value: a.methodType, readOnly: true, hidden: true }] : []),
      ],
    })),
  };
  const fields = form.fields.filter((f) => !f.name.startsWith('authenticator'));
  return formState(tx, { step: form.step, fields: [...fields, choice] });
}

/**
 * `challenge-authenticator` / `enroll-authenticator` for an authenticator that takes plain fields: the security
 * question (choose or write a question; answer it), the passcode authenticators (RSA SecurID, Symantec VIP, YubiKey,
 * on-premises MFA, custom OTP, a temporary access code) and the password set up for the first time.
 */
export function authenticatorFormState(
  tx: IdxTransaction,
  r: IdxRemediation | undefined,
  current: IdxAuthenticatorValue | undefined,
  mode: 'enroll' | 'verify',
): FlowState {
  const key = current?.key ?? r?.relatesTo?.value?.key;
  if (!r || !key || NOT_A_FORM.includes(key)) throw unsupported(`${r?.name ?? 'authenticator step'} (${key ?? 'unknown'})`);
  const form = readForm(r);
  // A form that asks nothing is no step of this kind (a device answers it).
  if (!allFields(form.fields).some(editable)) throw unsupported(`${r.name} (${key})`);
  const context: Record<string, string | string[]> = {};
  const name = safeText(current?.displayName ?? r.relatesTo?.value?.displayName);
  if (name) context.authenticator = name;
  if (key === 'security_question' && mode === 'verify') {
    // The question being answered: Okta sends it as the label of the hidden question key.
    const question =
      safeText((current?.contextualData as { enrolledQuestion?: { question?: unknown } } | undefined)?.enrolledQuestion?.question) ??
      allFields(form.fields).find((f) => f.name === 'credentials.questionKey')?.label;
    if (question) context.question = question;
    for (const f of allFields(form.fields)) if (f.hidden) delete f.label;
  }
  if (Object.keys(context).length) form.context = context;
  const picker = remediation(tx, mode === 'enroll' ? 'select-authenticator-enroll' : 'select-authenticator-authenticate');
  const state = formState(tx, form, { authenticator: { ...current, key }, others: pickerEntries(picker, mode) });
  if (key === 'okta_password') state.passwordRules = passwordRulesOf(current) ?? {};
  return state;
}

/** `authenticator-enrollment-data` for an authenticator other than a phone (the email that a code goes to). */
export function enrollmentDataFormState(tx: IdxTransaction, r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  if (!r) throw unsupported('authenticator-enrollment-data');
  const key = r.relatesTo?.value?.key ?? current?.key;
  const form = readForm(r);
  const name = safeText(r.relatesTo?.value?.displayName ?? current?.displayName);
  if (name) form.context = { authenticator: name };
  return formState(tx, form, { authenticator: key ? { ...current, key } : current, others: pickerEntries(remediation(tx, 'select-authenticator-enroll'), 'enroll') });
}

/**
 * A challenge Okta hands to Okta Verify on this device (FastPass): never a wait for a push that will not come. The
 * other ways to verify, when Okta offers some; else the error that says FastPass is not available here.
 */
export function fastPassState(tx: IdxTransaction): FlowState {
  const others = pickerEntries(remediation(tx, 'select-authenticator-authenticate'), 'verify');
  if (!others.length) throw fastPassUnavailable();
  return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: others };
}

/**
 * Okta probing this device for Okta Verify (a loopback, an app link, Chrome's device trust): this page cannot answer
 * it, so it goes on without Okta FastPass where Okta offers that (the probe's cancel, as the Sign-In Widget does when
 * nothing answers); else it says that FastPass is not available here.
 */
export function deviceProbeState(tx: IdxTransaction): FlowState {
  const offered = !!tx.actions?.[LEAVE_PROBING] || !!tx.availableSteps?.some((s) => s.name === LEAVE_PROBING);
  if (!offered) throw fastPassUnavailable();
  return formState(tx, { step: LEAVE_PROBING, fields: [] });
}

/** Whether the step waits for Okta Verify on this device rather than for a push to a phone. */
export function isDeviceChallenge(current: IdxAuthenticatorValue | undefined, r: IdxRemediation | undefined): boolean {
  const about = r?.relatesTo?.value ?? current;
  const methods = (about?.methods ?? current?.methods ?? []).map((m) => m?.type);
  if (methods.length && methods.every((m) => m === FASTPASS)) return true;
  // Other device challenges (an NFC PIN through a custom URI) carry the challenge for the app.
  return !!(about?.contextualData as { challenge?: unknown } | undefined)?.challenge;
}

/** Where a `success-redirect` (a remediation, or Okta's `success` object) goes. */
export function redirectOf(tx: IdxTransaction, name: 'success' | 'failure'): string | undefined {
  const step = remediation(tx, `${name}-redirect`) as { href?: unknown } | undefined;
  const raw = tx.rawIdxState as Record<string, { href?: unknown } | undefined> | undefined;
  const context = tx.context as Record<string, { href?: unknown } | undefined> | undefined;
  const href = step?.href ?? raw?.[name]?.href ?? context?.[name]?.href;
  return typeof href === 'string' && href ? href : undefined;
}
