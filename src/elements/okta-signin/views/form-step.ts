import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FieldError, FormField, FormValues, StepForm } from '../../../core/types.js';
import { format } from '../../shared/messages.js';
import type { ViewHost } from './host.js';
import { passwordField, type Autocomplete } from './password-field.js';
import { rulesView } from './password-checklist.js';
import { metRules } from './password-rules.js';
import { isEnrolling } from '../../../core/actions.js';
import { otherAuthenticator, skipButton } from './code-parts.js';

type Wording = { title: string; help?: string; submit: string };

const own = <T>(table: Record<string, T> | undefined, key: string | undefined): T | undefined =>
  key !== undefined && table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The heading, the help and the main button: by Okta's step, or by the authenticator the step is about. */
function wording(h: ViewHost, form: StepForm): Wording {
  const f = h.t.form;
  const step = form.step;
  const key = h.state.authenticator?.key;
  const enrolling = isEnrolling(h.state);
  const submit = own(f.submit, step) ?? h.t.continue;
  const name = typeof form.context?.authenticator === 'string' ? form.context.authenticator : undefined;
  if (step === 'authenticator-enrollment-data' && key === 'okta_email') return { title: f.emailEnroll, help: f.emailEnrollHelp, submit: h.t.codes.sendCode };
  if (step === 'challenge-authenticator' || step === 'enroll-authenticator') {
    if (key === 'security_question') return { title: enrolling ? f.securityQuestionEnroll : f.securityQuestionVerify, submit: enrolling ? submit : h.t.verify };
    if (key === 'okta_password') return { title: f.passwordEnroll, submit: f.setPassword };
    const display = own(h.t.authenticators as unknown as Record<string, string>, key) ?? name;
    if (display) return { title: format(enrolling ? f.enrollWith : f.verifyWith, { name: display }), submit: enrolling ? submit : h.t.verify };
  }
  return { title: own(f.titles, step) ?? f.title, help: own(f.help, step), submit };
}

/** The labels of a yes/no step's buttons, where Okta gives none. */
function choiceLabel(h: ViewHost, step: string, id: string): string {
  const f = h.t.form;
  const yes = id === 'yes';
  if (step === 'keep-me-signed-in') return yes ? f.staySignedIn : f.dontStaySignedIn;
  if (step === 'email-challenge-consent') return yes ? f.itWasMe : f.notMe;
  return yes ? f.yes : f.no;
}

// The browser's autofill for the fields whose meaning is plain from Okta's name.
const AUTOCOMPLETE: Record<string, Autocomplete> = {
  email: 'email',
  secondEmail: 'email',
  firstName: 'given-name',
  lastName: 'family-name',
  login: 'username',
  identifier: 'username',
  username: 'username',
  mobilePhone: 'tel',
  primaryPhone: 'tel',
  phoneNumber: 'tel',
  passcode: 'one-time-code',
  nextPasscode: 'one-time-code',
  totp: 'one-time-code',
};

const lastSegment = (name: string) => {
  const seg = name.slice(name.lastIndexOf('.') + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
};

/** A secret that is a new password: the org's rules apply to it, and it is typed twice. */
const isNewPassword = (h: ViewHost, f: FormField) => f.secret === true && !!h.state.passwordRules && f.name === 'credentials.passcode';

function autocompleteOf(h: ViewHost, f: FormField): Autocomplete {
  if (isNewPassword(h, f)) return 'new-password';
  if (f.secret && lastSegment(f.name) === 'answer') return 'off';
  return own(AUTOCOMPLETE, lastSegment(f.name)) ?? (f.secret ? 'one-time-code' : 'off');
}

/** A field's errors: those the state's form carries (Okta's), and those of the error shown (a refusal, the checks). */
function errorsOf(h: ViewHost, f: FormField): string[] {
  const listed: { text: string; key?: string }[] = [...(f.errors ?? []), ...h.fieldErrors.filter((e: FieldError) => e.name === f.name)];
  const texts = listed.map((e) => own(h.t.oktaKeys as Record<string, string>, e.key) || e.text || h.t.errors.invalid_input);
  return [...new Set(texts)];
}

/** The id of a field's control: unique in the view even where two ways of a choice share a field name. */
const idOf = (prefix: string, f: FormField) => `${prefix}f-${f.name}`;

function fieldView(h: ViewHost, f: FormField, prefix: string): unknown {
  if (f.hidden) return nothing;
  const id = idOf(prefix, f);
  const errors = errorsOf(h, f);
  const errorId = `${id}-error`;
  const invalid = errors.length > 0 || (h.invalid && !h.fieldErrors.length);
  const describedBy = ['error', errors.length ? errorId : '', isNewPassword(h, f) && h.state.passwordRules ? 'rules' : ''].filter(Boolean).join(' ');
  const errorText = errors.length ? html`<p id=${errorId} part="field-error">${errors.join(' ')}</p>` : nothing;
  // A choice among ways that Okta does not name (the security question's "choose" or "write your own") is named by
  // its ways alone: no made-up heading from the field's name.
  const ways = f.type === 'radio' && !!f.options?.some((o) => o.fields);
  const label = f.label ?? (f.name === 'authenticator' ? h.t.verifyLabel : ways ? '' : lastSegment(f.name));
  const optional = !f.required && !f.readOnly && f.type !== 'boolean' ? html` <span part="optional">${h.t.form.optional}</span>` : nothing;

  if (f.type === 'password') {
    const newPassword = isNewPassword(h, f);
    return html`${passwordField(h, {
        id,
        name: f.name,
        label,
        autocomplete: autocompleteOf(h, f),
        part: 'field',
        invalid,
        required: newPassword || !!f.required,
        describedBy: describedBy.replace(/^error ?/, '') || undefined,
        onInput: newPassword ? (e: Event) => h.onRulesMet(metRules(h.state.passwordRules, (e.target as HTMLInputElement).value, h.username)) : undefined,
      })}${errorText}${newPassword
        ? passwordField(h, { id: `${id}-confirm`, name: '', label: h.t.confirmPassword, autocomplete: 'new-password', part: 'field confirm-password', invalid: h.mismatch, required: true })
        : nothing}`;
  }
  if (f.type === 'boolean') {
    return html`<div class="check" part="field-group">
        <input
          type="checkbox"
          id=${id}
          name=${f.name}
          part="input field checkbox"
          .checked=${f.value === true}
          ?disabled=${f.readOnly}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
        />
        <label for=${id} part="label">${label}</label>
      </div>
      ${errorText}`;
  }
  if (f.type === 'radio') return radioView(h, f, prefix, { id, label, invalid, describedBy, errorText });
  if (f.type === 'select') {
    return html`<label for=${id} part="label">${label}${optional}</label>
      <select id=${id} name=${f.name} part="input field select" ?required=${!!f.required} ?disabled=${f.readOnly} aria-invalid=${invalid} aria-describedby=${describedBy}>
        ${f.value === undefined ? html`<option value="">${h.t.form.choose}</option>` : nothing}
        ${(f.options ?? []).map((o) => html`<option value=${String(o.value)} ?selected=${o.value === f.value}>${o.label}</option>`)}
      </select>
      ${errorText}`;
  }
  const autocomplete = autocompleteOf(h, f);
  // Names begin with capitals; addresses, usernames and codes are typed as they are.
  const capitalize = f.type === 'text' && !['username', 'one-time-code'].includes(autocomplete) ? 'words' : 'none';
  return html`<label for=${id} part="label">${label}${optional}</label>
    <input
      id=${id}
      name=${f.name}
      part="input field"
      type=${f.type}
      autocomplete=${autocomplete}
      autocapitalize=${capitalize}
      spellcheck="false"
      .value=${f.value === undefined ? '' : String(f.value)}
      ?readonly=${f.readOnly}
      ?required=${!!f.required}
      minlength=${ifDefined(f.minLength)}
      maxlength=${ifDefined(f.maxLength)}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
    />
    ${errorText}`;
}

/**
 * A choice among a few options, as radios. An option that brings fields of its own (the security question's "write
 * your own") shows them while it is chosen; the others' are disabled, so that they are neither checked nor sent.
 */
function radioView(
  h: ViewHost,
  f: FormField,
  prefix: string,
  o: { id: string; label: string; invalid: boolean; describedBy: string; errorText: unknown },
) {
  const options = f.options ?? [];
  const chosen = (v: unknown) => f.value !== undefined && String(v) === String(f.value);
  const onChange = (e: Event) => {
    const picked = e.target as HTMLInputElement;
    for (const box of picked.form?.querySelectorAll<HTMLFieldSetElement>('fieldset[data-group]') ?? []) {
      if (box.dataset.group !== o.id) continue;
      const on = box.dataset.option === picked.value;
      box.disabled = !on;
      box.hidden = !on;
    }
  };
  return html`<fieldset part="field-group" aria-describedby=${o.describedBy}>
      ${o.label ? html`<legend part="label">${o.label}</legend>` : nothing}
      ${options.map(
        (opt, i) => html`<label part="option">
          <input
            type="radio"
            id=${`${o.id}-${i}`}
            name=${o.id}
            value=${String(opt.value)}
            part="field-option"
            .checked=${chosen(opt.value)}
            ?required=${!!f.required}
            ?disabled=${f.readOnly}
            aria-invalid=${o.invalid}
            @change=${onChange}
          />
          ${opt.label}
        </label>`,
      )}
    </fieldset>
    ${o.errorText}
    ${options.map((opt, i) =>
      opt.fields?.length
        ? html`<fieldset part="option-fields" data-group=${o.id} data-option=${String(opt.value)} ?disabled=${!chosen(opt.value)} ?hidden=${!chosen(opt.value)}>
            ${opt.fields.map((sub) => fieldView(h, sub, `${prefix}${f.name}-${i}-`))}
          </fieldset>`
        : nothing,
    )}`;
}

/** The values typed and chosen, by field name; read-only and hidden fields are the form's own (the driver adds them). */
function collect(root: HTMLFormElement, fields: readonly FormField[], prefix: string, values: FormValues): void {
  for (const f of fields) {
    if (f.hidden || f.readOnly) continue;
    const id = idOf(prefix, f);
    if (f.type === 'radio') {
      const picked = [...root.querySelectorAll<HTMLInputElement>('input[type=radio]')].find((r) => r.name === id && r.checked);
      if (!picked) continue;
      values[f.name] = picked.value;
      const i = (f.options ?? []).findIndex((opt) => String(opt.value) === picked.value);
      const sub = f.options?.[i]?.fields;
      if (sub) collect(root, sub, `${prefix}${f.name}-${i}-`, values);
      continue;
    }
    const control = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')].find((c) => c.id === id);
    if (!control || control.disabled) continue;
    values[f.name] = f.type === 'boolean' ? (control as HTMLInputElement).checked : control.value;
  }
}

function submit(h: ViewHost, form: StepForm, e: SubmitEvent) {
  e.preventDefault();
  const root = e.target as HTMLFormElement;
  // A new password typed twice must match before anything is sent.
  for (const confirm of root.querySelectorAll<HTMLInputElement>('input[id$="-confirm"]')) {
    const first = root.querySelector<HTMLInputElement>(`[id="${confirm.id.slice(0, -'-confirm'.length)}"]`);
    if (first && first.value !== confirm.value) return h.onMismatch();
  }
  const values: FormValues = {};
  collect(root, form.fields, '', values);
  const choice = form.choices?.find((c) => c.id === (e.submitter as HTMLButtonElement | null)?.value) ?? form.choices?.[0];
  h.act('proceed', { step: form.step, values: { ...values, ...choice?.values } });
  // What was typed in secret fields (each with its show toggle, shown or not) and code fields leaves the page once
  // sent; the rest stays, so that a refused form keeps what was typed.
  for (const input of root.querySelectorAll<HTMLInputElement>('.pw > input, input[autocomplete=one-time-code]')) {
    input.value = '';
  }
}

/** What the step is about, as Okta says it: the app asking for consent and its scopes, the question, the notices. */
function contextView(h: ViewHost, form: StepForm) {
  const c = form.context ?? {};
  const list = (items: string | string[] | undefined, part: string) =>
    Array.isArray(items) && items.length ? html`<ul part=${part}>${items.map((i) => html`<li>${i}</li>`)}</ul>` : nothing;
  return html`${typeof c.app === 'string' ? html`<p part="context">${format(h.t.form.appAsks, { app: c.app })}</p>` : nothing}
  ${Array.isArray(c.scopes) && c.scopes.length ? html`<p part="context">${h.t.form.scopes}</p>${list(c.scopes, 'scopes')}` : nothing}
  ${typeof c.question === 'string' ? html`<p part="question">${c.question}</p>` : nothing} ${list(c.notices, 'notices')}`;
}

/**
 * Any step Okta describes as plain fields (`AwaitingInput`): Okta's fields with their labels and errors, the org's
 * password rules for a new password, the step's buttons, "Skip for now" (or "Remind me later") and another
 * authenticator where the step offers them.
 */
export const formStepView = (h: ViewHost) => {
  const form = h.state.form;
  if (!form) return html`<h2 part="title" tabindex="-1">${h.t.form.title}</h2>`;
  const { title, help, submit: submitLabel } = wording(h, form);
  const later = form.step.includes('expiry-warning') || form.step === 'reenroll-authenticator-warning';
  return html`<form part="form step-form" @submit=${(e: SubmitEvent) => submit(h, form, e)}>
    <h2 part="title" tabindex="-1">${title}</h2>
    ${help ? html`<p part="help">${help}</p>` : nothing} ${contextView(h, form)}
    ${form.fields.some((f) => isNewPassword(h, f)) ? rulesView(h) : nothing}
    ${form.fields.map((f) => fieldView(h, f, ''))}
    ${form.choices?.length
      ? html`<div class="col" part="choices">
          ${form.choices.map(
            (c) => html`<button part=${c.id === 'yes' ? 'submit choice' : 'choice'} value=${c.id} ?disabled=${h.pending}>
              ${c.label ?? choiceLabel(h, form.step, c.id)}
            </button>`,
          )}
        </div>`
      : html`<button part="submit" ?disabled=${h.pending}>${submitLabel}</button>`}
    ${later && h.state.canSkip
      ? html`<button type="button" class="link" part="skip" ?disabled=${h.pending} @click=${h.onSkip}>${h.t.form.later}</button>`
      : skipButton(h)}
    ${otherAuthenticator(h)}
  </form>`;
};
