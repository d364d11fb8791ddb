/**
 * The one table of what a user can ask the sign-in to do: for each action, the statuses it is allowed in, what the
 * state must also offer, and the backend contract's endpoint and body. The flow (`SignInFlow.can`), the backend
 * transport, the server module's routes and the element all read it, so a view cannot offer what the server refuses.
 */
import { FLOW_STATUSES } from './statuses.js';
import type { BackendEndpoint } from './endpoints.js';
import {
  type EnrollmentChannel,
  type FlowState,
  type FlowStatus,
  type FormValues,
  type PhoneMethod,
  type WebAuthnAssertion,
  type WebAuthnAttestation,
} from './types.js';

/** What each action takes. */
export interface ActionInputs {
  login: { username: string; password: string };
  selectAuthenticator: { id: string; methodType?: string };
  /** "Verify with something else": back to the picker this step carries, without a round trip. */
  showAuthenticators: void;
  selectEnrollmentChannel: EnrollmentChannel;
  /** "Can't scan?": back to the channel choice, without a round trip. */
  showEnrollmentChannels: void;
  sendEnrollmentChannelData: { email?: string; phoneNumber?: string };
  sendEnrollmentData: { phoneNumber: string; methodType: PhoneMethod };
  verifyCode: string;
  verifyPassword: { password: string };
  verifyWebAuthn: WebAuthnAttestation | WebAuthnAssertion;
  resend: void;
  recover: { username?: string };
  changePassword: { newPassword: string };
  skip: void;
  proceed: { step: string; values?: FormValues };
  cancel: void;
  /** Continue at an identity provider the state offers (`idps`): the page goes there. */
  redirectToIdp: { id: string };
  /** Finish on the org's own sign-in page, for a step no web page can answer: the page goes there. */
  redirectToOkta: void;
}

/** What a user can ask the flow to do. */
export type FlowAction = keyof ActionInputs;

/**
 * The actions a transport takes to the service as a request; the others only move between views of one step, or
 * send the page elsewhere.
 */
export type RequestAction = Exclude<FlowAction, 'showAuthenticators' | 'showEnrollmentChannels' | 'redirectToIdp' | 'redirectToOkta'>;

export interface ActionRule<A extends FlowAction = FlowAction> {
  /** The statuses the action is allowed in. */
  readonly statuses: readonly FlowStatus[];
  /** What the state (and the input, when known) must also offer. */
  readonly needs?: (state: FlowState, input?: ActionInputs[A]) => boolean;
  /** The backend contract's endpoint (a POST); none for actions that only move between views of one step. */
  readonly endpoint?: BackendEndpoint;
  /** The endpoint's JSON body. */
  readonly body?: (input: ActionInputs[A]) => Record<string, unknown>;
  /**
   * A navigation instead of a POST: the page goes to the endpoint's URL with this added (a GET, which the backend
   * answers with a redirect).
   */
  readonly path?: (input: ActionInputs[A]) => string;
}

const ENDED: readonly FlowStatus[] = ['Idle', 'Success', 'Terminal'];
/** Every status of a sign-in under way. */
const UNDER_WAY = FLOW_STATUSES.filter((s) => !ENDED.includes(s));

/** Statuses of enrolling an authenticator: "Verify with something else" goes back to the enrollment picker. */
export const ENROLLING: readonly FlowStatus[] = [
  'AwaitingEnrollmentChannelSelection',
  'AwaitingEnrollmentChannelData',
  'AwaitingEnrollmentPoll',
  'AwaitingEnrollmentData',
  'AwaitingEnrollmentCode',
  'AwaitingWebAuthnEnrollment',
];

/** Okta's steps that enroll an authenticator when they come as a generic form (`AwaitingInput`). */
const ENROLL_FORMS: readonly string[] = ['enroll-authenticator', 'authenticator-enrollment-data', 'enroll-authenticator-promotion'];

/** Whether the step sets an authenticator up: "Set up something else" goes back to the enrollment picker. */
export const isEnrolling = (s: FlowState): boolean => ENROLLING.includes(s.status) || ENROLL_FORMS.includes(s.form?.step ?? '');

/** Steps that carry the picker they came from ("Verify with something else" / "Set up something else"). */
const CARRY_PICKER: readonly FlowStatus[] = [
  ...ENROLLING,
  'AwaitingIdentityProvider',
  'AwaitingChallengePoll',
  'AwaitingChallengeCode',
  'AwaitingPassword',
  'AwaitingWebAuthnChallenge',
  'AwaitingInput',
];

const PICKERS: readonly FlowStatus[] = ['AwaitingAuthenticatorEnrollment', 'AwaitingChallengeAuthenticatorSelection'];

const none = () => ({});

type Table = { readonly [A in FlowAction]: ActionRule<A> };

export const ACTIONS: Table = {
  login: {
    statuses: ['Idle'],
    endpoint: 'login',
    body: ({ username, password }) => ({ username, password }),
  },
  selectAuthenticator: {
    // A step that carries the picker may go straight to another of its authenticators.
    statuses: [...PICKERS, ...CARRY_PICKER],
    needs: (s) => !!s.authenticators?.length,
    endpoint: 'selectAuthenticator',
    body: ({ id, methodType }) => ({ authenticatorId: id, methodType }),
  },
  showAuthenticators: {
    statuses: CARRY_PICKER,
    needs: (s) => !!s.authenticators?.length,
  },
  selectEnrollmentChannel: {
    statuses: ['AwaitingEnrollmentChannelSelection', 'AwaitingEnrollmentChannelData', 'AwaitingEnrollmentPoll'],
    endpoint: 'enrollmentChannel',
    body: (channel) => ({ channel }),
  },
  showEnrollmentChannels: {
    statuses: ['AwaitingEnrollmentChannelData', 'AwaitingEnrollmentPoll'],
  },
  sendEnrollmentChannelData: {
    statuses: ['AwaitingEnrollmentChannelData'],
    endpoint: 'enrollmentChannelData',
    body: ({ email, phoneNumber }) => (email !== undefined ? { email } : { phoneNumber }),
  },
  sendEnrollmentData: {
    statuses: ['AwaitingEnrollmentData'],
    endpoint: 'enrollmentData',
    body: ({ phoneNumber, methodType }) => ({ phoneNumber, methodType }),
  },
  verifyCode: {
    statuses: ['AwaitingChallengeCode', 'AwaitingEnrollmentCode'],
    endpoint: 'verifyCode',
    body: (code) => ({ code }),
  },
  verifyPassword: {
    statuses: ['AwaitingPassword'],
    endpoint: 'verifyPassword',
    body: ({ password }) => ({ password }),
  },
  verifyWebAuthn: {
    statuses: ['Idle', 'AwaitingWebAuthnEnrollment', 'AwaitingWebAuthnChallenge'],
    // From the first view, a security key answers only a passkey sign-in the server offered.
    needs: (s) => s.status !== 'Idle' || !!s.webauthn?.requestOptions,
    endpoint: 'webauthn',
    body: (credential) => ({ ...credential }),
  },
  resend: {
    statuses: ['AwaitingChallengeCode', 'AwaitingEnrollmentCode', 'AwaitingChallengePoll'],
    needs: (s) => !!s.canResend,
    endpoint: 'resend',
    body: none,
  },
  recover: {
    statuses: ['Idle', 'AwaitingPassword', 'AwaitingWebAuthnChallenge', 'AwaitingRecoveryIdentifier'],
    needs: (s) => s.status === 'AwaitingRecoveryIdentifier' || !!s.canRecover,
    endpoint: 'recover',
    body: ({ username }) => (username ? { username } : {}),
  },
  changePassword: {
    statuses: ['PasswordExpired', 'AwaitingPasswordReset'],
    endpoint: 'changePassword',
    body: ({ newPassword }) => ({ newPassword }),
  },
  skip: {
    statuses: ['PasswordExpired', 'AwaitingAuthenticatorEnrollment', ...ENROLLING, 'AwaitingInput'],
    needs: (s) => !!s.canSkip,
    endpoint: 'skip',
    body: none,
  },
  proceed: {
    // The generic form's step, or a link any step may carry ("Sign up", "Unlock account").
    statuses: ['Idle', ...UNDER_WAY],
    needs: (s, input) =>
      input ? s.form?.step === input.step || !!s.links?.some((l) => l.step === input.step) : !!(s.form || s.links?.length),
    endpoint: 'proceed',
    body: ({ step, values }) => (values ? { step, values } : { step }),
  },
  cancel: {
    statuses: FLOW_STATUSES.filter((s) => s !== 'Idle'),
    endpoint: 'cancel',
    body: none,
  },
  redirectToIdp: {
    statuses: ['Idle', 'AwaitingIdentityProvider'],
    needs: (s, input) => (input ? !!s.idps?.some((p) => p.id === input.id) : !!s.idps?.length),
    endpoint: 'idp',
    path: ({ id }) => `/${encodeURIComponent(id)}`,
  },
  redirectToOkta: {
    statuses: ['UnsupportedStep'],
    endpoint: 'authorize',
    path: () => '',
  },
};

/** Whether `action` is allowed in `state` (with `input`, when it matters and is known). */
export function allows<A extends FlowAction>(action: A, state: FlowState, input?: ActionInputs[A]): boolean {
  const rule = ACTIONS[action] as ActionRule<A>;
  return rule.statuses.includes(state.status) && (!rule.needs || rule.needs(state, input));
}
