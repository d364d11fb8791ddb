import { expect } from '@open-wc/testing';
import { parsePollReply } from './poll-reply.js';
import { parseFlowReply } from './flow-reply.js';
import { FlowError } from '../../core/types.js';

describe('parsePollReply', () => {
  it('reads the seed\'s PascalCase reply', () => {
    expect(parsePollReply({ Refresh: 4000, ContinuePolling: true, Next: '/Account/Login' })).to.deep.equal({
      continuePolling: true,
      refresh: 4000,
      next: '/Account/Login',
    });
  });
  it('reads camelCase, a null or missing Refresh, and a known Status', () => {
    expect(parsePollReply({ refresh: null, continuePolling: false, next: '/Home/Index', status: 'Success' })).to.deep.equal({
      continuePolling: false,
      refresh: null,
      next: '/Home/Index',
      status: 'Success',
    });
    expect(parsePollReply({ ContinuePolling: true })).to.deep.equal({ continuePolling: true, refresh: null });
    expect(parsePollReply({ ContinuePolling: true, Refresh: -5, Status: 'Bogus' })).to.deep.equal({ continuePolling: true, refresh: null });
  });
  it('rejects replies without a boolean ContinuePolling', () => {
    for (const body of [null, 'x', [], {}, { ContinuePolling: 'false' }, { Refresh: 4000 }]) {
      expect(() => parsePollReply(body)).to.throw(FlowError).with.property('code', 'malformed_response');
    }
  });
});

describe('parseFlowReply', () => {
  it('reads a picker reply in either case', () => {
    const s = parseFlowReply({
      Status: 'AwaitingAuthenticatorEnrollment',
      Authenticators: [{ Id: 'a1', Key: 'okta_verify', Name: 'Okta Verify' }, { authenticatorId: 7, name: 'Email' }],
      CanSkip: true,
    });
    expect(s).to.deep.equal({
      status: 'AwaitingAuthenticatorEnrollment',
      authenticators: [{ id: 'a1', key: 'okta_verify', name: 'Okta Verify' }, { id: '7', key: '', name: 'Email' }],
      canSkip: true,
    });
  });
  it('reads enrollment and challenge data', () => {
    const s = parseFlowReply({
      status: 'AwaitingEnrollmentPoll',
      enrollment: { channel: 'qrcode', channels: ['qrcode', 'email', 'fax'], qrCode: 'data:image/png;base64,iVBORw0K' },
      challenge: { methodType: 'push', correctAnswer: '42' },
      refresh: 3000,
    });
    expect(s.enrollment).to.deep.equal({ channel: 'qrcode', channels: ['qrcode', 'email'], qrCode: 'data:image/png;base64,iVBORw0K' });
    expect(s.challenge).to.deep.equal({ methodType: 'push', correctAnswer: 42 });
    expect(s.refresh).to.equal(3000);
  });
  it('rejects malformed replies', () => {
    const bad = [
      null,
      { status: 'Hacked' },
      { status: 'AwaitingAuthenticatorEnrollment', authenticators: 'all' },
      { status: 'AwaitingAuthenticatorEnrollment', authenticators: [{ id: 'x' }] },
      { status: 'AwaitingEnrollmentPoll', enrollment: { channel: 'qrcode', qrCode: 'javascript:alert(1)' } },
      { status: 'AwaitingEnrollmentPoll', enrollment: { channel: 'qrcode', qrCode: 'https://tracker.example/qr.png' } },
      { status: 'AwaitingEnrollmentPoll', enrollment: { channel: 'pigeon' } },
    ];
    for (const body of bad) expect(() => parseFlowReply(body)).to.throw(FlowError).with.property('code', 'malformed_response');
  });
});
