// The generic step form read from Okta's Ion forms, and Okta's errors tied to its fields, from hand-written
// transactions shaped as okta-auth-js 8 (step mode) returns them.
import { expect } from '@open-wc/testing';
import { FlowError, type FormField } from '../core/types.js';
import { errorOf } from './errors.js';
import { stateOf } from './map.js';
import { fieldErrorsOf, fieldName, fieldPath, readForm } from './map-form.js';
import type { IdxRemediation, IdxTransaction } from './types.js';

const STATE_HANDLE = { name: 'stateHandle', required: true, value: '02.handle', visible: false, mutable: false };
const error = (message: string, key: string) => ({ message, i18n: { key, params: [] }, class: 'ERROR' });
const messages = (...list: ReturnType<typeof error>[]) => ({ type: 'array', value: list });

const tx = (remediations: IdxRemediation[], extra: Partial<IdxTransaction> = {}): IdxTransaction => ({
  status: 'PENDING',
  neededToProceed: remediations,
  context: {},
  ...extra,
});

/** An `enroll-profile` remediation as Okta sends it, with optional messages on the email field. */
const enrollProfile = (emailMessages?: ReturnType<typeof messages>): IdxRemediation =>
  ({
    name: 'enroll-profile',
    value: [
      {
        name: 'userProfile',
        form: {
          value: [
            { name: 'firstName', label: 'First name', required: true, minLength: 1, maxLength: 50 },
            { name: 'lastName', label: 'Last name', required: true, maxLength: 50 },
            { name: 'email', label: 'Email', required: true, ...(emailMessages ? { messages: emailMessages } : {}) },
            { name: 'employeeNumber', label: 'Employee number', type: 'integer' },
          ],
        },
      },
      STATE_HANDLE,
    ],
  }) as unknown as IdxRemediation;

const field = (fields: FormField[] | undefined, name: string) => fields?.find((f) => f.name === name);

describe('IDX generic step form', () => {
  it('reads nested objects as dotted names with Okta\'s labels, limits and types; the state handle is left to okta-auth-js', () => {
    const form = readForm(enrollProfile());
    expect(form).to.deep.equal({
      step: 'enroll-profile',
      fields: [
        { name: 'userProfile.firstName', type: 'text', label: 'First name', required: true, minLength: 1, maxLength: 50 },
        { name: 'userProfile.lastName', type: 'text', label: 'Last name', required: true, maxLength: 50 },
        { name: 'userProfile.email', type: 'email', label: 'Email', required: true },
        { name: 'userProfile.employeeNumber', type: 'number', label: 'Employee number' },
      ],
    });
  });

  it('a secret keeps no value; read-only, hidden, a default, a yes/no, a short list and a long one', () => {
    const r = {
      name: 'x',
      value: [
        { name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Password', secret: true, value: 'leaked?' }] } },
        { name: 'clientData', label: 'User name', value: 'jane' },
        { name: 'id', required: true, mutable: false, value: 'aut123' },
        { name: 'shown', label: 'Shown', mutable: false, value: 'fixed' },
        { name: 'rememberMe', type: 'boolean', label: 'Remember me' },
        { name: 'method', type: 'string', label: 'Method', options: [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }] },
        { name: 'question', type: 'string', label: 'Question', options: ['a', 'b', 'c', 'd', 'e'].map((v) => ({ label: v.toUpperCase(), value: v })) },
        { name: 'only', options: [{ label: 'Email', value: 'email' }] },
        { name: 'country', label: 'Country', options: [{ label: 'display', value: { type: 'object', value: { inputType: 'select', format: 'country-code' } } }] },
      ],
    } as unknown as IdxRemediation;
    const f = readForm(r).fields;
    expect(field(f, 'credentials.passcode')).to.deep.equal({ name: 'credentials.passcode', type: 'password', label: 'Password', secret: true });
    expect(field(f, 'clientData')?.value).to.equal('jane');
    expect(field(f, 'id')).to.deep.equal({ name: 'id', type: 'text', required: true, value: 'aut123', readOnly: true, hidden: true });
    expect(field(f, 'shown')).to.deep.equal({ name: 'shown', type: 'text', label: 'Shown', value: 'fixed', readOnly: true });
    expect(field(f, 'rememberMe')?.type).to.equal('boolean');
    expect(field(f, 'method')?.type).to.equal('radio');
    expect(field(f, 'question')?.type).to.equal('select');
    expect(field(f, 'only')).to.deep.include({ value: 'email', readOnly: true, hidden: true });
    expect(field(f, 'country'), 'a display hint is no option').to.deep.equal({ name: 'country', type: 'text', label: 'Country' });
  });

  it('options that bring fields of their own: the security question, choose one or write your own', () => {
    const questions = Array.from({ length: 6 }, (_, i) => ({ label: `Question ${i}?`, value: `q${i}` }));
    const r = {
      name: 'enroll-authenticator',
      value: [
        {
          name: 'credentials',
          type: 'object',
          required: true,
          options: [
            {
              label: 'Choose a security question',
              value: { form: { value: [{ name: 'questionKey', label: 'Choose a security question', required: true, options: questions }, { name: 'answer', label: 'Answer', required: true }] } },
            },
            {
              label: 'Create my own security question',
              value: {
                form: {
                  value: [
                    { name: 'questionKey', required: true, mutable: false, value: 'custom' },
                    { name: 'question', label: 'Create a security question', required: true, maxLength: 100 },
                    { name: 'answer', label: 'Answer', required: true, secret: true },
                  ],
                },
              },
            },
          ],
        },
      ],
    } as unknown as IdxRemediation;
    const [choice] = readForm(r).fields;
    expect(choice).to.deep.include({ name: 'credentials', type: 'radio', required: true, value: '0' });
    expect(choice.options?.map((o) => [o.value, o.label])).to.deep.equal([
      ['0', 'Choose a security question'],
      ['1', 'Create my own security question'],
    ]);
    expect(choice.options?.[0].fields?.map((f) => [f.name, f.type])).to.deep.equal([
      ['credentials.questionKey', 'select'],
      ['credentials.answer', 'password'],
    ]);
    expect(choice.options?.[1].fields).to.deep.equal([
      { name: 'credentials.questionKey', type: 'text', required: true, value: 'custom', readOnly: true, hidden: true },
      { name: 'credentials.question', type: 'text', label: 'Create a security question', required: true, maxLength: 100 },
      { name: 'credentials.answer', type: 'password', label: 'Answer', required: true, secret: true },
    ]);
  });

  it('a name that is not a plain word (a consent scope with dots) is one level: encoded, and read back', () => {
    expect(fieldName('optedScopes', 'okta.users.read')).to.equal('optedScopes.okta%2Eusers%2Eread');
    expect(fieldPath('optedScopes.okta%2Eusers%2Eread')).to.deep.equal(['optedScopes', 'okta.users.read']);
    expect(fieldPath(fieldName(fieldName(undefined, 'a b/c'), 'x'))).to.deep.equal(['a b/c', 'x']);
    expect(fieldPath('userProfile.email')).to.deep.equal(['userProfile', 'email']);
  });

  it('markup in a label is dropped, never shown; a field without a name or an option without a value is refused', () => {
    const f = readForm({ name: 'x', value: [{ name: 'a', label: '<img src=x onerror=alert(1)>' }] } as unknown as IdxRemediation).fields;
    expect(f).to.deep.equal([{ name: 'a', type: 'text' }]);
    expect(() => readForm({ name: 'x', value: [{ label: 'no name' }] } as unknown as IdxRemediation)).to.throw(FlowError, /without a name/);
    expect(() => readForm({ name: 'x', value: [{ name: 'a', options: [{ label: 'A', value: { weird: 1 } }] }] } as unknown as IdxRemediation)).to.throw(
      FlowError,
      /neither a value nor a form/,
    );
  });

  it('a CAPTCHA (a hidden value Okta requires and nobody here can give) makes the step unsupported', () => {
    const r = {
      name: 'enroll-profile',
      value: [
        { name: 'userProfile', form: { value: [{ name: 'email', label: 'Email', required: true }] } },
        { name: 'captchaVerify', form: { value: [{ name: 'captchaId', required: true, visible: false, mutable: false, value: 'cap1' }, { name: 'captchaToken', required: true, visible: false }] } },
      ],
    } as unknown as IdxRemediation;
    try {
      stateOf(tx([r]));
      expect.fail('no error');
    } catch (e) {
      expect(e).to.be.instanceOf(FlowError);
      expect((e as FlowError).code).to.equal('config');
      expect((e as FlowError).reason).to.equal('unsupported-step');
      expect((e as FlowError).message).to.contain('captchaVerify.captchaToken');
    }
  });
});

describe('Okta\'s errors tied to fields', () => {
  const taken = error('A user with this Email already exists', 'registration.error.notUniqueWithinOrg');

  it('a refused form: invalid_input with each error under its field, and no sentence of its own for the alert', () => {
    const refused = tx([enrollProfile(messages(taken))], { requestDidSucceed: false });
    const e = errorOf(refused, 'proceed');
    expect(e?.code).to.equal('invalid_input');
    expect(e?.retryable).to.equal(true);
    expect(e?.key).to.equal(undefined);
    expect(e?.serverText).to.equal(undefined);
    expect(e?.fields).to.deep.equal([{ name: 'userProfile.email', text: 'A user with this Email already exists', key: 'registration.error.notUniqueWithinOrg' }]);
  });

  it('the same whether okta-auth-js lists field messages with the others (IDX mode\'s client) or not (a server\'s)', () => {
    const raw = { messages: { value: [] } };
    const withList = tx([enrollProfile(messages(taken))], { requestDidSucceed: false, messages: [taken], rawIdxState: raw });
    const without = tx([enrollProfile(messages(taken))], { requestDidSucceed: false, messages: [], rawIdxState: raw });
    expect(errorOf(withList, 'proceed')?.fields).to.deep.equal(errorOf(without, 'proceed')?.fields);
    expect(errorOf(withList, 'start')?.key).to.equal(errorOf(without, 'start')?.key);
  });

  it('a message about the whole form as well: its text in the alert, the fields\' under them', () => {
    const refused = tx([enrollProfile(messages(taken))], {
      requestDidSucceed: false,
      messages: [error('Registration is closed', 'registration.error.generic')],
    });
    const e = errorOf(refused, 'proceed');
    expect(e?.code).to.equal('invalid_input');
    expect(e?.serverText).to.equal('Registration is closed');
    expect(e?.key).to.equal('registration.error.generic');
    expect(e?.fields?.map((f) => f.name)).to.deep.equal(['userProfile.email']);
  });

  it('a form Okta answers as a page with its errors (resumed): the state, each error on its field; markup dropped, key kept', () => {
    const page = tx([enrollProfile(messages(taken, error('<b>Bad</b>', 'registration.error.invalidLoginEmail')))]);
    expect(errorOf(page, 'start')).to.equal(undefined);
    const email = field(stateOf(page).form?.fields, 'userProfile.email');
    expect(email?.errors).to.deep.equal([
      { text: 'A user with this Email already exists', key: 'registration.error.notUniqueWithinOrg' },
      { text: '', key: 'registration.error.invalidLoginEmail' },
    ]);
    expect(fieldErrorsOf(page.neededToProceed?.[0])).to.have.length(2);
  });

  it('a wrong passcode on a step form goes under its field; a refusal without any message is invalid input', () => {
    const wrong = error('Invalid code. Try again.', 'api.authn.error.PASSCODE_INVALID');
    const r = { name: 'challenge-authenticator', value: [{ name: 'credentials', form: { value: [{ name: 'passcode', label: 'Enter code', messages: messages(wrong) }] } }] };
    const coded = tx([r as unknown as IdxRemediation], { requestDidSucceed: false, context: { currentAuthenticatorEnrollment: { value: { key: 'custom_otp' } } } });
    expect(errorOf(coded, 'proceed')?.fields).to.deep.equal([{ name: 'credentials.passcode', text: 'Invalid code. Try again.', key: 'api.authn.error.PASSCODE_INVALID' }]);
    // The code views read the same answer as a wrong code.
    expect(errorOf(coded, 'code')?.code).to.equal('invalid_code');
    expect(errorOf(tx([enrollProfile()], { requestDidSucceed: false }), 'proceed')?.code).to.equal('invalid_input');
  });
});

describe('the values a step form sends, as the driver nests them', () => {
  it('a consent scope with dots of its own is one key; an encoded __proto__ is refused', async () => {
    const { formValues } = await import('./form-values.js');
    const granular = {
      name: 'granular-consent',
      value: [
        { name: 'consent', type: 'boolean', visible: false, required: true },
        {
          name: 'optedScopes',
          form: {
            value: [
              { name: 'openid', type: 'boolean', required: true, visible: true, mutable: false, value: true },
              { name: 'custom1', label: 'Data plan', type: 'boolean', required: true, value: true },
              { name: 'custom1.custom2', label: 'Data plan details', type: 'boolean', required: true, value: true },
            ],
          },
        },
      ],
    };
    const form = stateOf(tx([granular as unknown as IdxRemediation])).form!;
    expect(formValues(form, { 'optedScopes.custom1': true, 'optedScopes.custom1%2Ecustom2': false, consent: true })).to.deep.equal({
      optedScopes: { openid: true, custom1: true, 'custom1.custom2': false },
      consent: true,
    });
    const hostile = { step: 'x', fields: [{ name: 'a.%5F%5Fproto%5F%5F', type: 'text' as const }] };
    expect(() => formValues(hostile, { 'a.%5F%5Fproto%5F%5F': 'x' })).to.throw(FlowError, /Unknown field/);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
  });

  it('the security question written by the user, and the unlock form\'s chosen authenticator with its hidden id', async () => {
    const { formValues } = await import('./form-values.js');
    const sq = {
      name: 'enroll-authenticator',
      value: [
        {
          name: 'credentials',
          type: 'object',
          required: true,
          options: [
            { label: 'Choose', value: { form: { value: [{ name: 'questionKey', label: 'Q', required: true, options: [{ label: 'Toy?', value: 'favorite_toy' }] }, { name: 'answer', label: 'Answer', required: true }] } } },
            { label: 'Own', value: { form: { value: [{ name: 'questionKey', required: true, mutable: false, value: 'custom' }, { name: 'question', label: 'Question', required: true }, { name: 'answer', label: 'Answer', required: true }] } } },
          ],
        },
      ],
    };
    const form = readForm(sq as unknown as IdxRemediation);
    expect(formValues(form, { credentials: '1', 'credentials.question': 'First teacher?', 'credentials.answer': 'Mrs Smith' })).to.deep.equal({
      credentials: { questionKey: 'custom', question: 'First teacher?', answer: 'Mrs Smith' },
    });
    const option = (label: string, id: string, method: string) => ({
      label,
      relatesTo: { key: method === 'email' ? 'okta_email' : 'phone_number' },
      value: { form: { value: [{ name: 'id', required: true, mutable: false, value: id }, { name: 'methodType', required: false, mutable: false, value: method }] } },
    });
    const unlock = stateOf(
      tx([{ name: 'select-authenticator-unlock-account', value: [{ name: 'identifier', label: 'Username', required: true }, { name: 'authenticator', type: 'object', options: [option('Email', 'aut-email', 'email'), option('Phone', 'aut-phone', 'sms')] }] } as unknown as IdxRemediation]),
    );
    expect(formValues(unlock.form!, { identifier: ' ann ', authenticator: 'aut-phone sms' })).to.deep.equal({
      identifier: 'ann',
      authenticator: { id: 'aut-phone', methodType: 'sms' },
    });
  });
});
