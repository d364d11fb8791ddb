// The step form and links of a backend flow reply: read as the contract describes them, refused when malformed,
// never holding a secret's value.
import { expect } from '@open-wc/testing';
import { FlowError, type FlowState } from '../../core/types.js';
import { parseFlowReply } from './flow-reply.js';

const unreadable = (body: unknown) => {
  try {
    parseFlowReply(body);
  } catch (e) {
    expect(e).to.be.instanceOf(FlowError);
    return (e as FlowError).code;
  }
  return 'read';
};

describe('backend flow reply: step form and links', () => {
  it('reads the form, its choices, context, links and messageKey; a secret\'s value is dropped', () => {
    const body = {
      status: 'AwaitingInput',
      messageKey: 'idx.password.expiring.message',
      form: {
        step: 'enroll-authenticator',
        fields: [
          {
            name: 'credentials',
            type: 'radio',
            required: true,
            value: '0',
            options: [
              { value: '0', label: 'Choose', fields: [{ name: 'credentials.answer', type: 'password', secret: true, value: 'leaked', required: true }] },
              { value: '1', label: 'Own', fields: [{ name: 'credentials.questionKey', type: 'text', value: 'custom', readOnly: true, hidden: true }] },
            ],
          },
          { name: 'optedScopes.okta%2Eusers%2Eread', type: 'boolean', label: 'Read', value: true, errors: [{ text: 'Nope', key: 'k' }] },
        ],
        choices: [{ id: 'yes', values: { consent: true } }],
        context: { app: 'Acme', scopes: ['Read your profile'] },
        extra: 'ignored',
      },
      links: [{ step: 'unlock-account' }, { step: 'select-enroll-profile', label: 'Sign up' }],
    };
    const state: FlowState = parseFlowReply(body);
    // What the contract describes, and nothing else: no secret's value, no unknown member.
    const expected = structuredClone(body) as Record<string, unknown> & { form: Record<string, unknown> & { fields: { options?: { fields: Record<string, unknown>[] }[] }[] } };
    delete expected.form.extra;
    delete expected.form.fields[0].options![0].fields[0].value;
    expect(state).to.deep.equal(expected);
    expect(JSON.stringify(state)).not.to.include('leaked');
  });

  it('refuses a form of the wrong shape', () => {
    const form = (f: unknown) => ({ status: 'AwaitingInput', form: f });
    const field = (f: Record<string, unknown>) => form({ step: 's', fields: [{ name: 'a', type: 'text', ...f }] });
    expect(unreadable(form('x'))).to.equal('malformed_response');
    expect(unreadable(form({ fields: [] })), 'no step').to.equal('malformed_response');
    expect(unreadable(field({ type: 'file' }))).to.equal('malformed_response');
    expect(unreadable(field({ name: '__proto__.x y' }))).to.equal('malformed_response');
    expect(unreadable(field({ value: { nested: true } }))).to.equal('malformed_response');
    expect(unreadable(field({ minLength: -1 }))).to.equal('malformed_response');
    expect(unreadable(field({ options: [{ value: [1], label: 'x' }] }))).to.equal('malformed_response');
    let deep: Record<string, unknown> = { name: 'a', type: 'text' };
    for (let i = 0; i < 8; i++) deep = { name: 'a', type: 'radio', options: [{ value: 1, label: 'x', fields: [deep] }] };
    expect(unreadable(form({ step: 's', fields: [deep] })), 'too deep').to.equal('malformed_response');
    expect(unreadable(form({ step: 's', fields: [], context: { app: { html: '<b>' } } }))).to.equal('malformed_response');
    expect(unreadable(form({ step: 's', fields: [], choices: [{ id: 'yes', values: { 'a b': true } }] }))).to.equal('malformed_response');
    expect(unreadable({ status: 'Idle', links: [{ label: 'no step' }] })).to.equal('malformed_response');
    expect(unreadable(field({}))).to.equal('read');
  });
});
