// The steps shown as the generic step form, the links beside a step, redirects, terminal pages, Okta FastPass and
// identity providers in pickers, from hand-written transactions shaped as okta-auth-js 8 (step mode) returns them
// for the responses of Okta's own mocks.
import { expect } from '@open-wc/testing';
import { FlowError, type FlowState } from '../core/types.js';
import { errorOf } from './errors.js';
import { stateOf } from './map.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

const STATE_HANDLE = { name: 'stateHandle', required: true, value: '02.handle', visible: false, mutable: false };
const tx = (remediations: unknown[], extra: Partial<IdxTransaction> = {}): IdxTransaction => ({
  status: 'PENDING',
  neededToProceed: remediations as IdxRemediation[],
  context: {},
  ...extra,
});
const current = (value: unknown): IdxTransaction['context'] => ({ currentAuthenticator: { value: value as IdxAuthenticatorValue } });
const enrollment = (value: unknown): IdxTransaction['context'] => ({ currentAuthenticatorEnrollment: { value: value as IdxAuthenticatorValue } });
const info = (message: string, key: string) => ({ message, i18n: { key }, class: 'INFO' });

const option = (label: string, key: string, id: string, methods?: string[]) => ({
  label,
  relatesTo: { key, id, displayName: label },
  value: {
    form: {
      value: [
        { name: 'id', required: true, mutable: false, value: id },
        methods && methods.length > 1
          ? { name: 'methodType', type: 'string', options: methods.map((m) => ({ label: m.toUpperCase(), value: m })) }
          : { name: 'methodType', required: false, mutable: false, value: methods?.[0] ?? key },
      ],
    },
  },
});
const picker = (name: string, options: unknown[]) => ({ name, value: [{ name: 'authenticator', type: 'object', options }, STATE_HANDLE] });

/** Catches the FlowError `f` throws. */
function thrown(f: () => unknown): FlowError {
  try {
    f();
  } catch (e) {
    if (e instanceof FlowError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('IDX mapping of the generic step form', () => {
  it('the sign-in form offers "Sign up" and "Unlock account" as links; a link first is the step itself', () => {
    const identify = { name: 'identify', value: [{ name: 'identifier', label: 'Username' }, STATE_HANDLE] };
    const state = stateOf(tx([identify, { name: 'select-enroll-profile', value: [STATE_HANDLE] }, { name: 'unlock-account', value: [STATE_HANDLE] }]));
    expect(state).to.deep.equal({ status: 'Idle', links: [{ step: 'select-enroll-profile' }, { step: 'unlock-account' }] });
    const unlock = stateOf(tx([{ name: 'unlock-account', value: [{ name: 'identifier', label: 'Username', required: true }, STATE_HANDLE] }]));
    expect(unlock.status).to.equal('AwaitingInput');
    expect(unlock.form).to.deep.equal({ step: 'unlock-account', fields: [{ name: 'identifier', type: 'text', label: 'Username', required: true }] });
    expect(unlock.links).to.equal(undefined);
  });

  it('registration with a password: the profile fields, the password with the org\'s rules, never a value of it', () => {
    const password = { key: 'okta_password', settings: { complexity: { minLength: 8, minNumber: 1, excludeUsername: true }, age: { historyCount: 4 } } };
    const r = {
      name: 'enroll-profile',
      value: [
        { name: 'userProfile', form: { value: [{ name: 'email', label: 'Email', required: true }, { name: 'firstName', label: 'First name', required: true, maxLength: 50 }] } },
        { name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'passcode', label: 'Enter Password', required: true, secret: true }] } },
        STATE_HANDLE,
      ],
    };
    const state = stateOf(tx([r, { name: 'select-identify', value: [{ name: 'identifier', label: 'identifier' }] }], { context: current(password) }));
    expect(state).to.deep.equal({
      status: 'AwaitingInput',
      form: {
        step: 'enroll-profile',
        fields: [
          { name: 'userProfile.email', type: 'email', label: 'Email', required: true },
          { name: 'userProfile.firstName', type: 'text', label: 'First name', required: true, maxLength: 50 },
          { name: 'credentials.passcode', type: 'password', label: 'Enter Password', required: true, secret: true },
        ],
      },
      passwordRules: { minLength: 8, minNumber: 1, excludeUsername: true, historyCount: 4 },
      authenticator: { key: 'okta_password' },
    });
  });

  it('profile update: the fields of each of Okta\'s userProfile groups, and "Skip for now"', () => {
    const group = (name: string, label: string, required = false) => ({ name: 'userProfile', form: { value: [{ name, label, required }] } });
    const state = stateOf(tx([{ name: 'profile-update', value: [group('newAttribute', 'Some custom attribute'), group('secondEmail', 'Secondary email'), group('attr2', 'Attribute 2', true), STATE_HANDLE] }, { name: 'skip', value: [STATE_HANDLE] }]));
    expect(state.form?.fields.map((f) => [f.name, f.type, !!f.required])).to.deep.equal([
      ['userProfile.newAttribute', 'text', false],
      ['userProfile.secondEmail', 'email', false],
      ['userProfile.attr2', 'text', true],
    ]);
    expect(state.canSkip).to.equal(true);
  });

  it('unlock: the username and one way per authenticator and method on one form; without the username, the picker', () => {
    const authenticators = [option('Email', 'okta_email', 'aut-email', ['email']), option('Phone', 'phone_number', 'aut-phone', ['sms', 'voice'])];
    const withUsername = stateOf(tx([{ name: 'select-authenticator-unlock-account', value: [{ name: 'identifier', label: 'Username', required: true }, { name: 'authenticator', type: 'object', options: authenticators }, STATE_HANDLE] }]));
    expect(withUsername.status).to.equal('AwaitingInput');
    const [username, choice] = withUsername.form!.fields;
    expect(username).to.deep.equal({ name: 'identifier', type: 'text', label: 'Username', required: true });
    expect(choice).to.deep.include({ name: 'authenticator', type: 'radio', required: true, value: 'aut-email email' });
    expect(choice.options).to.deep.equal([
      {
        value: 'aut-email email',
        label: 'Email',
        fields: [
          { name: 'authenticator.id', type: 'text', value: 'aut-email', readOnly: true, hidden: true },
          { name: 'authenticator.methodType', type: 'text', value: 'email', readOnly: true, hidden: true },
        ],
      },
      {
        value: 'aut-phone sms',
        label: 'Phone: SMS',
        fields: [
          { name: 'authenticator.id', type: 'text', value: 'aut-phone', readOnly: true, hidden: true },
          { name: 'authenticator.methodType', type: 'text', value: 'sms', readOnly: true, hidden: true },
        ],
      },
      {
        value: 'aut-phone voice',
        label: 'Phone: VOICE',
        fields: [
          { name: 'authenticator.id', type: 'text', value: 'aut-phone', readOnly: true, hidden: true },
          { name: 'authenticator.methodType', type: 'text', value: 'voice', readOnly: true, hidden: true },
        ],
      },
    ]);
    const known = stateOf(tx([picker('select-authenticator-unlock-account', authenticators)]));
    expect(known.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(known.authenticators?.map((a) => a.methodType)).to.deep.equal(['email', 'sms', 'voice']);
  });

  it('the security question: the question being answered as context, its key hidden, the answer a secret', () => {
    const sq = { key: 'security_question', displayName: 'Security Question', contextualData: { enrolledQuestion: { question: 'Where did you go for your favorite vacation?', questionKey: 'favorite_vacation_location' } } };
    const r = {
      name: 'challenge-authenticator',
      relatesTo: { value: sq },
      value: [
        {
          name: 'credentials',
          form: {
            value: [
              { name: 'questionKey', label: 'Where did you go for your favorite vacation?', required: true, visible: false, mutable: false, value: 'favorite_vacation_location' },
              { name: 'answer', label: 'answer', required: true },
            ],
          },
        },
        STATE_HANDLE,
      ],
    };
    const state = stateOf(tx([r, picker('select-authenticator-authenticate', [option('Email', 'okta_email', 'aut-email')])], { context: enrollment(sq) }));
    expect(state).to.deep.equal({
      status: 'AwaitingInput',
      form: {
        step: 'challenge-authenticator',
        fields: [
          { name: 'credentials.questionKey', type: 'text', required: true, value: 'favorite_vacation_location', readOnly: true, hidden: true },
          { name: 'credentials.answer', type: 'password', label: 'answer', required: true, secret: true },
        ],
        context: { authenticator: 'Security Question', question: 'Where did you go for your favorite vacation?' },
      },
      authenticator: { key: 'security_question' },
      authenticators: [{ id: 'aut-email', key: 'okta_email', name: 'Email', methodType: 'okta_email' }],
    });
  });

  it('passcode authenticators: RSA SecurID\'s fixed values hidden and its user name filled in; Symantec VIP\'s three fields', () => {
    const rsa = { key: 'rsa_token', displayName: 'RSA SecurID', methods: [{ type: 'otp' }] };
    const rsaForm = {
      name: 'enroll-authenticator',
      value: [
        {
          name: 'credentials',
          form: {
            value: [
              { name: 'id', required: true, mutable: false, value: 'aut-rsa' },
              { name: 'methodType', required: true, mutable: false, value: 'otp' },
              { name: 'clientData', label: 'User Name', required: true, value: 'rsa_username' },
              { name: 'passcode', label: 'Passcode', required: true },
            ],
          },
        },
      ],
    };
    const state = stateOf(tx([rsaForm, { name: 'skip' }], { context: current(rsa) }));
    expect(state.status).to.equal('AwaitingInput');
    expect(state.authenticator).to.deep.equal({ key: 'rsa_token', methodType: 'otp' });
    expect(state.canSkip).to.equal(true);
    expect(state.form?.context).to.deep.equal({ authenticator: 'RSA SecurID' });
    expect(state.form?.fields.filter((f) => !f.hidden).map((f) => [f.name, f.label, f.value])).to.deep.equal([
      ['credentials.clientData', 'User Name', 'rsa_username'],
      ['credentials.passcode', 'Passcode', undefined],
    ]);
    const vip = { key: 'symantec_vip', displayName: 'Symantec VIP', methods: [{ type: 'otp' }] };
    const vipForm = {
      name: 'enroll-authenticator',
      value: [{ name: 'credentials', form: { value: ['credentialId', 'passcode', 'nextPasscode'].map((name) => ({ name, label: name, required: true })) } }],
    };
    expect(stateOf(tx([vipForm], { context: current(vip) })).form?.fields.map((f) => f.name)).to.deep.equal([
      'credentials.credentialId',
      'credentials.passcode',
      'credentials.nextPasscode',
    ]);
  });

  it('password enrollment and the expiry warning: the form with the org\'s rules; the warning can wait ("skip")', () => {
    const password = { key: 'okta_password', displayName: 'Password', settings: { complexity: { minLength: 8 } } };
    const newPassword = (name: string) => ({ name, relatesTo: { value: password }, value: [{ name: 'credentials', form: { value: [{ name: 'passcode', label: 'New password', secret: true }] } }, STATE_HANDLE] });
    const enroll = stateOf(tx([newPassword('enroll-authenticator')], { context: current(password) }));
    expect(enroll).to.deep.include({ status: 'AwaitingInput', passwordRules: { minLength: 8 } });
    expect(enroll.form?.step).to.equal('enroll-authenticator');
    const warning = stateOf(
      tx([newPassword('reenroll-authenticator-warning'), { name: 'skip', value: [STATE_HANDLE] }], {
        context: current(password),
        messages: [info('When your password expires, you will have to change your password before you can login to your Acme account.', 'idx.password.expiring.message')],
      }),
    );
    expect(warning).to.deep.include({ status: 'AwaitingInput', canSkip: true, passwordRules: { minLength: 8 }, messageKey: 'idx.password.expiring.message' });
    expect(warning.message).to.match(/^When your password expires/);
    expect(warning.form?.fields).to.deep.equal([{ name: 'credentials.passcode', type: 'password', label: 'New password', secret: true }]);
  });

  it('email first: Email as the only way, nothing to choose, sent as it is', () => {
    const email = { key: 'okta_email', displayName: 'Email', methods: [{ type: 'email' }] };
    const r = {
      name: 'authenticator-enrollment-data',
      relatesTo: { value: email },
      value: [{ name: 'authenticator', label: 'Email', form: { value: [{ name: 'id', required: true, mutable: false, value: 'aut-email' }, { name: 'methodType', type: 'string', options: [{ label: 'Email', value: 'email' }] }] } }, STATE_HANDLE],
    };
    const state = stateOf(tx([r, picker('select-authenticator-enroll', [option('Email', 'okta_email', 'aut-email')])], { context: current(email) }));
    expect(state.status).to.equal('AwaitingInput');
    expect(state.authenticator).to.deep.equal({ key: 'okta_email', methodType: 'email' });
    expect(state.form?.fields.every((f) => f.hidden && f.readOnly && f.value !== undefined)).to.equal(true);
  });

  it('consent: Okta\'s two answers as buttons, the app and its scopes; granular consent: one box per scope', () => {
    const consent = {
      name: 'consent',
      scopes: [{ name: 'email', label: 'View your email' }, { name: 'phone', label: '<b>markup</b>' }],
      value: [{ name: 'consent', type: 'boolean', required: true, options: [{ label: 'Allow Access', value: true }, { label: "Don't Allow", value: false }] }, STATE_HANDLE],
    };
    const app = { app: { value: { label: 'Native client' } } } as unknown as IdxTransaction['context'];
    expect(stateOf(tx([consent], { context: app })).form).to.deep.equal({
      step: 'consent',
      fields: [],
      choices: [
        { id: 'yes', label: 'Allow Access', values: { consent: true } },
        { id: 'no', label: "Don't Allow", values: { consent: false } },
      ],
      context: { app: 'Native client', scopes: ['View your email', 'phone'] },
    });
    const granular = {
      name: 'granular-consent',
      value: [
        { name: 'consent', type: 'boolean', visible: false, required: true },
        {
          name: 'optedScopes',
          form: {
            value: [
              { name: 'openid', type: 'boolean', required: true, visible: true, mutable: false, value: true },
              { name: 'custom1.custom2', label: 'View your data plan details.', type: 'boolean', required: true, visible: true, mutable: true, value: true },
            ],
          },
        },
        STATE_HANDLE,
      ],
    };
    expect(stateOf(tx([granular], { context: app })).form).to.deep.equal({
      step: 'granular-consent',
      fields: [
        { name: 'optedScopes.openid', type: 'boolean', required: true, value: true, readOnly: true },
        { name: 'optedScopes.custom1%2Ecustom2', type: 'boolean', label: 'View your data plan details.', required: true, value: true },
      ],
      choices: [
        { id: 'yes', values: { consent: true } },
        { id: 'no', values: { consent: false } },
      ],
      context: { app: 'Native client' },
    });
  });

  it('keep me signed in: yes or no as buttons', () => {
    const r = { name: 'keep-me-signed-in', value: [{ name: 'keepMeSignedIn', type: 'boolean', label: 'Stay signed in', required: true, value: false, mutable: true }, STATE_HANDLE] };
    expect(stateOf(tx([r])).form).to.deep.equal({
      step: 'keep-me-signed-in',
      fields: [],
      choices: [
        { id: 'yes', values: { keepMeSignedIn: true } },
        { id: 'no', values: { keepMeSignedIn: false } },
      ],
    });
  });

  it('the device\'s grace period and an expired activation link: Okta\'s messages are the page, not a refusal', () => {
    const messages = [
      { message: "Your device doesn't meet the security requirements. Fix the issue by 09/05/2024 to prevent lockout.", i18n: { key: 'idx.device_assurance.grace_period.warning.title.due_by_date' }, class: 'WARNING' },
      { message: 'Update to Android 100', i18n: { key: 'idx.error.code.access_denied.device_assurance.remediation.android.upgrade_os_version' }, class: 'ERROR' },
    ];
    const grace = tx([{ name: 'device-assurance-grace-period', value: [STATE_HANDLE] }], { messages, requestDidSucceed: true });
    expect(errorOf(grace, 'login')).to.equal(undefined);
    expect(stateOf(grace).form).to.deep.equal({ step: 'device-assurance-grace-period', fields: [], context: { notices: messages.map((m) => m.message) } });
    const expired = tx([{ name: 'request-activation-email', value: [STATE_HANDLE] }], {
      messages: [{ message: 'Your account activation link is no longer valid.', i18n: { key: 'idx.expired.activation.token' }, class: 'ERROR' }],
      requestDidSucceed: true,
    });
    expect(errorOf(expired, 'start')).to.equal(undefined);
    expect(stateOf(expired).form?.step).to.equal('request-activation-email');
    expect(errorOf({ ...expired, requestDidSucceed: false }, 'proceed')?.code, 'refused, it is an error').to.equal('invalid_input');
  });

  it('device activation: the code, filled in when Okta knows it', () => {
    const state = stateOf(tx([{ name: 'user-code', value: [{ name: 'userCode', label: 'Activation Code', value: 'ABCDXYWZ' }, STATE_HANDLE] }]));
    expect(state.form).to.deep.equal({ step: 'user-code', fields: [{ name: 'userCode', type: 'text', label: 'Activation Code', value: 'ABCDXYWZ' }] });
  });
});

describe('IDX mapping of redirects, terminal pages, FastPass and identity providers', () => {
  it('success-redirect goes to its page as Success (followed only when safe); Okta\'s success object too', () => {
    expect(stateOf(tx([{ name: 'success-redirect', href: 'https://example.okta.com/app/UserHome?stateToken=x', method: 'GET' }]))).to.deep.equal({
      status: 'Success',
      next: 'https://example.okta.com/app/UserHome?stateToken=x',
    });
    const ended: IdxTransaction = { status: 'TERMINAL', neededToProceed: [], rawIdxState: { success: { name: 'success-redirect', href: '/app/home' } } as IdxTransaction['rawIdxState'] };
    expect(stateOf(ended)).to.deep.equal({ status: 'Success', next: '/app/home' });
  });

  it('failure-redirect ends the sign-in here (its page is not followed)', () => {
    expect(stateOf(tx([{ name: 'failure-redirect', href: 'https://example.okta.com/error', method: 'GET' }]))).to.deep.equal({ status: 'Terminal' });
  });

  it('a terminal page keeps Okta\'s key beside its text, also when the text had markup; 200 with an error is a page', () => {
    const page = (message: string, key: string, requestDidSucceed = true): IdxTransaction => ({
      status: 'TERMINAL',
      requestDidSucceed,
      messages: [{ message, i18n: { key }, class: 'ERROR' }],
    });
    expect(errorOf(page('Operation cancelled by user.', 'idx.operation.cancelled.by.user'), 'proceed')).to.equal(undefined);
    // Consent denied: Okta's 403 with its message ends the sign-in; the answer to a step form shows it as the page.
    expect(errorOf(page('Operation cancelled by user.', 'idx.operation.cancelled.by.user', false), 'proceed')).to.equal(undefined);
    expect(errorOf(page('Something broke.', 'some.key', false), 'select')?.code, 'other refusals stay errors').to.equal('server');
    expect(stateOf(page('Operation cancelled by user.', 'idx.operation.cancelled.by.user'))).to.deep.equal({
      status: 'Terminal',
      message: 'Operation cancelled by user.',
      messageKey: 'idx.operation.cancelled.by.user',
    });
    expect(stateOf(page('<b>Unlocked</b>', 'oie.selfservice.unlock_user.success.message'))).to.deep.equal({
      status: 'Terminal',
      messageKey: 'oie.selfservice.unlock_user.success.message',
    });
    expect(errorOf(page('Gone', 'idx.session.expired', false), 'proceed')?.code, 'a refusal stays an error').to.equal('session_expired');
  });

  it('Okta FastPass is never a push wait: the other ways to verify, else a clear "not available here"', () => {
    const ov = { key: 'okta_verify', methods: [{ type: 'signed_nonce' }], contextualData: { challenge: { value: { challengeMethod: 'LOOPBACK' } } } };
    const poll = { name: 'challenge-poll', refresh: 4000, relatesTo: { value: ov } };
    const verify = picker('select-authenticator-authenticate', [
      option('Okta Verify', 'okta_verify', 'aut-ov', ['push', 'totp', 'signed_nonce']),
      option('Password', 'okta_password', 'aut-pw', ['password']),
    ]);
    const state = stateOf(tx([poll, verify], { context: current(ov) }));
    expect(state.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(state.authenticators?.map((a) => a.methodType)).to.deep.equal(['push', 'totp', 'password']);
    const alone = thrown(() => stateOf(tx([poll], { context: current(ov) })));
    expect([alone.code, alone.reason, alone.key]).to.deep.equal(['config', 'unsupported-step', 'signed_nonce']);
    const probing = thrown(() => stateOf(tx([{ name: 'device-challenge-poll', refresh: 2000 }])));
    expect(probing.key).to.equal('signed_nonce');
    // Okta probing for Okta Verify on this device: on without it, by the probe's own cancel, where Okta offers it.
    const leave = stateOf(tx([{ name: 'device-challenge-poll', refresh: 2000 }], { actions: { 'authenticatorChallenge-cancel': () => undefined } }));
    expect(leave).to.deep.equal({ status: 'AwaitingInput', form: { step: 'authenticatorChallenge-cancel', fields: [] } });
    // No SSO extension answered: Okta's own way on.
    expect(stateOf(tx([{ name: 'cancel-transaction', value: [STATE_HANDLE] }])).form).to.deep.equal({ step: 'cancel-transaction', fields: [] });
    // A push to a phone is still a push.
    const push = { key: 'okta_verify', methods: [{ type: 'push' }] };
    expect(stateOf(tx([{ name: 'challenge-poll', refresh: 4000, relatesTo: { value: push } }], { context: current(push) })).status).to.equal('AwaitingChallengePoll');
  });

  it('an identity provider authenticator is a picker entry; its own step leaves it out, so choosing it cannot loop', () => {
    const idp = option('IDP Authenticator', 'external_idp', 'aut-idp');
    const mixed = stateOf(tx([picker('select-authenticator-authenticate', [idp, option('Email', 'okta_email', 'aut-email')])]));
    expect(mixed.authenticators?.map((a) => a.key)).to.deep.equal(['external_idp', 'okta_email']);
    // Chosen: Okta answers with the redirect first and the picker beside it; the step is the redirect.
    const relates = { value: { key: 'external_idp', id: 'aut-idp', displayName: 'IDP Authenticator' } };
    const redirect = { name: 'redirect-idp', type: 'OIDC', idp: { id: '0oa-idp', name: 'Acme MFA' }, href: 'https://org.example/sso/idps/0oa-idp', method: 'GET', relatesTo: relates };
    const step = stateOf(tx([redirect, picker('select-authenticator-enroll', [idp])]));
    expect(step).to.deep.equal({
      status: 'AwaitingIdentityProvider',
      idps: [{ id: '0oa-idp', name: 'Acme MFA', type: 'OIDC', kind: 'idp' }],
      authenticator: { key: 'external_idp' },
    });
    // A redirect without an identity provider to go to is not a step this page can show.
    const only = thrown(() => stateOf(tx([{ name: 'redirect-idp', href: 'https://idp.example/authorize', method: 'GET' }, picker('select-authenticator-enroll', [idp])])));
    expect([only.code, only.reason]).to.deep.equal(['config', 'unsupported-step']);
    const skippable: FlowState = stateOf(tx([picker('select-authenticator-enroll', [idp]), { name: 'skip' }]));
    expect(skippable).to.deep.equal({ status: 'AwaitingAuthenticatorEnrollment', authenticators: [{ id: 'aut-idp', key: 'external_idp', name: 'IDP Authenticator' }], canSkip: true });
  });

  it('authenticators that need a device or an iframe are not shown as a form', () => {
    for (const key of ['duo', 'nfc_pin']) {
      const a = { key };
      const r = { name: 'challenge-authenticator', relatesTo: { value: a }, value: [{ name: 'credentials', form: { value: [{ name: 'signatureData', label: 'x' }] } }] };
      expect(thrown(() => stateOf(tx([r], { context: enrollment(a) }))).reason, key).to.equal('unsupported-step');
    }
  });

  it('the driver takes a way on that Okta offers as an action (leaving its probing), never as a remediation', async () => {
    const { drive, planOf } = await import('./driver.js');
    const probing = tx([{ name: 'device-challenge-poll', refresh: 2000 }], { actions: { 'authenticatorChallenge-cancel': () => undefined } });
    const sent: unknown[] = [];
    const client = { idx: { start: async () => probing, proceed: async (values: Record<string, unknown>) => (sent.push(values), { status: 'PENDING' }) } };
    const ctx = { client, plan: planOf(probing), state: stateOf(probing), start: async () => probing };
    await drive.proceed(ctx, { step: 'authenticatorChallenge-cancel' });
    expect(sent).to.deep.equal([{ actions: ['authenticatorChallenge-cancel'] }]);
  });

  it('"Set up a passkey?" after the sign-in is a security key enrollment that can be skipped', () => {
    const webauthn = {
      key: 'webauthn',
      displayName: 'Passkeys',
      contextualData: { activationData: { rp: { name: 'Localhost' }, user: { displayName: 'Ann', name: 'ann@example.com', id: 'dXNlcg' }, challenge: 'Y2hhbGxlbmdl', pubKeyCredParams: [{ type: 'public-key', alg: -7 }] } },
    };
    const r = { name: 'enroll-authenticator-promotion', relatesTo: { value: webauthn }, value: [{ name: 'credentials', form: { value: [{ name: 'clientData', visible: false, required: true }] } }, STATE_HANDLE] };
    const state = stateOf(tx([r, { name: 'skip', value: [STATE_HANDLE] }], { context: current(webauthn) }));
    expect(state.status).to.equal('AwaitingWebAuthnEnrollment');
    expect(state.canSkip).to.equal(true);
    expect(state.webauthn?.creationOptions?.challenge).to.equal('Y2hhbGxlbmdl');
  });
});
