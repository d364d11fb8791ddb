// The IDX mapping of the code steps, from hand-written transactions shaped as okta-auth-js 8 (step mode) returns
// them for Okta's Email, Phone and Google Authenticator remediations.
import { expect } from '@open-wc/testing';
import { stateOf } from './map.js';
import type { IdxRemediation, IdxTransaction } from './types.js';

const QR = 'data:image/png;base64,iVBORw0KGgo=';
const resend = { name: 'resend', href: 'https://example.okta.com/idp/idx/challenge/resend', method: 'POST' };

const verifyPicker: IdxRemediation = {
  name: 'select-authenticator-authenticate',
  value: [
    {
      name: 'authenticator',
      options: [
        {
          label: 'Email',
          value: { form: { value: [{ name: 'id', value: 'aut-email' }, { name: 'methodType', value: 'email' }] } },
          relatesTo: { key: 'okta_email', displayName: 'Email' },
        },
        {
          label: 'Phone',
          value: {
            form: {
              value: [
                { name: 'id', value: 'aut-phone' },
                { name: 'methodType', options: [{ label: 'SMS', value: 'sms' }, { label: 'Voice call', value: 'voice' }] },
              ],
            },
          },
          relatesTo: { key: 'phone_number', displayName: 'Phone' },
        },
      ],
    },
  ],
};

const enrollPicker = (keys: string[]): IdxRemediation => ({
  name: 'select-authenticator-enroll',
  value: [
    {
      name: 'authenticator',
      options: keys.map((key) => ({ label: key, value: { form: { value: [{ name: 'id', value: `aut-${key}` }] } }, relatesTo: { key } })),
    },
  ],
});

const tx = (remediations: IdxRemediation[], context: IdxTransaction['context'] = {}, extra: Partial<IdxTransaction> = {}): IdxTransaction => ({
  status: 'PENDING',
  neededToProceed: remediations,
  context,
  ...extra,
});

describe('IDX mapping of code steps', () => {
  it('Email challenge: where it went, Send again, polling for the link, and the other authenticators', () => {
    const email = { key: 'okta_email', methods: [{ type: 'email' }], profile: { email: 'e***n@example.com' } };
    const state = stateOf(
      tx(
        [
          { name: 'challenge-authenticator', relatesTo: { value: { ...email, resend } } },
          { name: 'challenge-poll', refresh: 4000, relatesTo: { value: email } },
          verifyPicker,
        ],
        { currentAuthenticatorEnrollment: { value: email } },
      ),
    );
    expect(state).to.deep.equal({
      status: 'AwaitingChallengeCode',
      authenticator: { key: 'okta_email', methodType: 'email' },
      code: { sentTo: 'e***n@example.com' },
      canResend: true,
      refresh: 4000,
      authenticators: [
        { id: 'aut-email', key: 'okta_email', name: 'Email', methodType: 'email' },
        { id: 'aut-phone', key: 'phone_number', name: 'Phone: SMS', methodType: 'sms' },
        { id: 'aut-phone', key: 'phone_number', name: 'Phone: voice call', methodType: 'voice' },
      ],
    });
  });

  it('Phone challenge by voice: the masked number, no polling', () => {
    const phone = { key: 'phone_number', methods: [{ type: 'voice' }], profile: { phoneNumber: '+1 XXX-XXX-0001' } };
    const state = stateOf(tx([{ name: 'challenge-authenticator', relatesTo: { value: { ...phone, resend } } }], { currentAuthenticatorEnrollment: { value: phone } }));
    expect(state).to.deep.equal({
      status: 'AwaitingChallengeCode',
      authenticator: { key: 'phone_number', methodType: 'voice' },
      code: { sentTo: '+1 XXX-XXX-0001' },
      canResend: true,
    });
  });

  it('Okta Verify code keeps its challenge method and says nothing of sending', () => {
    const ov = { key: 'okta_verify', methods: [{ type: 'totp' }] };
    const state = stateOf(tx([{ name: 'challenge-authenticator', relatesTo: { value: ov } }], { currentAuthenticatorEnrollment: { value: ov } }));
    expect(state).to.deep.equal({ status: 'AwaitingChallengeCode', authenticator: { key: 'okta_verify', methodType: 'totp' }, challenge: { methodType: 'totp' } });
  });

  it('Google Authenticator enrollment: the inline QR code and the secret; a QR code that is not an inline image is dropped', () => {
    const ga = (href: string) => ({ key: 'google_otp', methods: [{ type: 'otp' }], contextualData: { qrcode: { href }, sharedSecret: 'JBSWY3DPEHPK3PXP' } });
    const state = stateOf(tx([{ name: 'enroll-authenticator', relatesTo: { value: ga(QR) } }, enrollPicker(['google_otp'])], { currentAuthenticator: { value: ga(QR) } }));
    expect(state).to.deep.equal({
      status: 'AwaitingEnrollmentCode',
      authenticator: { key: 'google_otp', methodType: 'otp' },
      code: { qrCode: QR, secret: 'JBSWY3DPEHPK3PXP' },
      authenticators: [{ id: 'aut-google_otp', key: 'google_otp', name: 'google_otp' }],
    });
    const remote = ga('https://evil.example/qr.png');
    const unsafe = stateOf(tx([{ name: 'enroll-authenticator', relatesTo: { value: remote } }], { currentAuthenticator: { value: remote } }));
    expect(unsafe.code).to.deep.equal({ secret: 'JBSWY3DPEHPK3PXP' });
  });

  it('Phone enrollment: the number step, then its code with Send again; skip when the policy allows it', () => {
    const phone = { key: 'phone_number', methods: [{ type: 'sms' }, { type: 'voice' }] };
    const data = stateOf(
      tx(
        [{ name: 'authenticator-enrollment-data', relatesTo: { value: phone } }, enrollPicker(['phone_number', 'okta_email']), { name: 'skip' }],
        { currentAuthenticator: { value: phone } },
      ),
    );
    expect(data).to.deep.equal({
      status: 'AwaitingEnrollmentData',
      authenticator: { key: 'phone_number' },
      authenticators: [
        { id: 'aut-phone_number', key: 'phone_number', name: 'phone_number' },
        { id: 'aut-okta_email', key: 'okta_email', name: 'okta_email' },
      ],
      canSkip: true,
    });
    const sms = { key: 'phone_number', methods: [{ type: 'sms' }] };
    const code = stateOf(tx([{ name: 'enroll-authenticator', relatesTo: { value: { ...sms, resend } } }], { currentAuthenticator: { value: sms } }));
    expect(code).to.deep.equal({ status: 'AwaitingEnrollmentCode', authenticator: { key: 'phone_number', methodType: 'sms' }, canResend: true });
  });

  it('Okta Verify push: Send again and the other authenticators when offered', () => {
    const ov = { key: 'okta_verify', methods: [{ type: 'push' }], contextualData: { correctAnswer: 42 } };
    const state = stateOf(
      tx([{ name: 'challenge-poll', refresh: 4000, relatesTo: { value: { ...ov, resend } } }, verifyPicker], { currentAuthenticator: { value: ov } }),
    );
    expect(state.status).to.equal('AwaitingChallengePoll');
    expect(state.challenge).to.deep.equal({ methodType: 'push', correctAnswer: 42 });
    expect(state.canResend).to.equal(true);
    expect(state.authenticators?.map((a) => a.methodType)).to.deep.equal(['email', 'sms', 'voice']);
  });

  it('markup in where the code went is not shown; other keys are not driven', () => {
    const email = { key: 'okta_email', methods: [{ type: 'email' }], profile: { email: '<img src=x onerror=alert(1)>' } };
    const state = stateOf(tx([{ name: 'challenge-authenticator', relatesTo: { value: email } }], { currentAuthenticatorEnrollment: { value: email } }));
    expect(state.code).to.equal(undefined);
    const other = { key: 'symantec_vip' };
    expect(() => stateOf(tx([{ name: 'challenge-authenticator', relatesTo: { value: other } }], { currentAuthenticatorEnrollment: { value: other } }))).to.throw(
      /Unsupported IDX step/,
    );
  });
});
