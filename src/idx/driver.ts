/**
 * The one IDX driver: for each action, which okta-auth-js call it makes, with which step and which values. The
 * browser's IDX transport and the server module both run it, each around its own keeping of the transaction
 * (memory in the browser, the session on the server).
 *
 * Values go under the IDX API's own field names (`identifier`, `credentials.passcode`, `authenticator.id`), which
 * every okta-auth-js client takes in step mode with the generic remediator: the browser's minimal client, an app's
 * `OktaAuth`, and the server's (made with `useGenericRemediator`). Input is checked here, before anything is sent.
 */
import { ENROLLMENT_CHANNELS, FlowError, type FlowState, type PollKind } from '../core/types.js';
import type { ActionInputs, RequestAction } from '../core/actions.js';
import { errorOf, flowError, type Operation } from './errors.js';
import { formValues } from './form-values.js';
import { stateOf, stepName } from './map.js';
import { formValue, remediation } from './read.js';
import { idpLinks } from './map-idp.js';
import { RECOVER_FROM_CHALLENGE, RECOVER_FROM_IDENTIFY } from './map-password.js';
import type { IdxAuthClient, IdxTransaction } from './types.js';
import { webauthnValues } from './webauthn-values.js';

/**
 * What the driver needs to know of the transaction the user is at: a small, JSON-safe summary that the server keeps
 * in its session beside the flow state (never sent to the browser).
 */
export interface StepPlan {
  /** The step that decides the view. */
  main?: string;
  /** The remediations Okta offers now, by name. */
  steps: string[];
  /** The named actions Okta offers now (`currentAuthenticator-resend`, `currentAuthenticatorEnrollment-recover`). */
  actions: string[];
  /** The key of the authenticator the step is about (Okta Verify's codes go as `totp`). */
  key?: string;
  /** The authenticator id that the channel choice and the phone number go back with, by step. */
  ids?: Record<string, string>;
  /** Identifier-first recovery: the username is asked here, then identified, then recovered from its challenge. */
  recoverByIdentify?: boolean;
  /** Where each identity provider the transaction offers is reached, by IdP id (never in a flow state). */
  idps?: Record<string, string>;
}

/** Steps whose form sends the authenticator's id back. */
const ID_STEPS = ['select-enrollment-channel', 'authenticator-enrollment-data'];
const SELECT_STEPS = ['select-authenticator-authenticate', 'select-authenticator-enroll', 'select-authenticator-unlock-account'];
const CODE_STEPS = ['challenge-authenticator', 'enroll-authenticator'];
const NEW_PASSWORD_STEPS = ['reenroll-authenticator', 'reenroll-authenticator-warning', 'reset-authenticator', 'enroll-authenticator'];
/** Steps a security key answers; after a refusal the transaction stays at one with a new challenge. */
export const WEBAUTHN_STEPS = ['enroll-authenticator', 'enroll-authenticator-promotion', 'challenge-authenticator', 'challenge-webauthn-autofillui-authenticator'];
const RESEND_ACTIONS = ['currentAuthenticatorEnrollment-resend', 'currentAuthenticator-resend'];
const POLL_STEP: Record<PollKind, string> = { enroll: 'enroll-poll', challenge: 'challenge-poll' };

export function planOf(tx: IdxTransaction): StepPlan {
  const steps = (tx.neededToProceed ?? []).map((r) => r.name);
  const actions = [...new Set([...Object.keys(tx.actions ?? {}), ...(tx.availableSteps ?? []).map((s) => s.name)])].filter(
    (name) => !steps.includes(name),
  );
  const plan: StepPlan = { steps, actions };
  const main = stepName(tx);
  if (main) plan.main = main;
  const key = tx.context?.currentAuthenticatorEnrollment?.value?.key ?? tx.context?.currentAuthenticator?.value?.key;
  if (key) plan.key = key;
  for (const step of ID_STEPS) {
    const id = formValue(remediation(tx, step), 'authenticator', 'id');
    if (typeof id === 'string') (plan.ids ??= {})[step] = id;
  }
  const idps = idpLinks(tx);
  if (idps) plan.idps = idps;
  return plan;
}

/** Where the identity provider `id` the transaction offers is reached; an id it does not offer is refused. */
export function idpAddress(plan: StepPlan | undefined, id: unknown): string {
  const href = typeof id === 'string' && plan?.idps && Object.prototype.hasOwnProperty.call(plan.idps, id) ? plan.idps[id] : undefined;
  if (!href) throw flowError('invalid_input');
  return href;
}

const isPlan = (x: IdxTransaction | StepPlan): x is StepPlan => Array.isArray((x as StepPlan).steps);

export interface DriverContext {
  readonly client: IdxAuthClient;
  /** The transaction the user is at; none before the login. */
  readonly plan?: StepPlan;
  /** What the user sees at it (the picker's entries, a form's fields). */
  readonly state?: FlowState;
  /**
   * The transaction for the sign-in form: one started ahead (its plan, when the client already holds it), or a new
   * one; `fresh` asks for a new one because the one started ahead failed or expired.
   */
  start(fresh: boolean): Promise<IdxTransaction | StepPlan>;
  /** Whether an exception on a transaction started ahead is worth one new transaction (not a spent deadline). */
  retryStale?(error: unknown): boolean;
}

/** What an action led to: Okta's answer, read with `errorOf(tx, op)` and `stateOf(tx)`, or a state of the driver's. */
export type Driven = { tx: IdxTransaction; op: Operation } | { state: FlowState; plan: StepPlan };

const gone = () => new FlowError('session_expired', 'IDX step no longer available');
const empty = (code: 'invalid_input' | 'invalid_credentials' | 'invalid_code' = 'invalid_input') =>
  flowError(code, undefined, { reason: 'empty' });
/** A choice the step did not offer: refused as such (its message is for the server's reply and the logs). */
const notOffered = (what: string) => new FlowError('invalid_input', `Choose one of the ${what} offered.`, { retryable: true });

/** The first of `names` the transaction offers, or the step is gone. */
function need(ctx: DriverContext, ...names: string[]): string {
  const found = names.find((n) => ctx.plan?.steps.includes(n));
  if (!found) throw gone();
  return found;
}

const proceed = (ctx: DriverContext, values: Record<string, unknown>) => ctx.client.idx.proceed(values);

const isPasswordChallenge = (tx: IdxTransaction) =>
  stepName(tx) === 'challenge-authenticator' && remediation(tx, 'challenge-authenticator')?.relatesTo?.value?.key === 'okta_password';

/** The actions that reach Okta, with their inputs. */
export type DriverActions = Pick<ActionInputs, RequestAction>;
type Actions = DriverActions;

/** What each action is, for reading Okta's refusals (`errorOf`) and exceptions (`errorFromException`). */
export const ACTION_OPS: Readonly<Record<keyof Actions, Operation>> = {
  login: 'login',
  selectAuthenticator: 'select',
  selectEnrollmentChannel: 'channel',
  sendEnrollmentChannelData: 'channel-data',
  sendEnrollmentData: 'channel-data',
  verifyCode: 'code',
  verifyPassword: 'login',
  changePassword: 'password',
  resend: 'resend',
  recover: 'recover',
  verifyWebAuthn: 'webauthn',
  skip: 'skip',
  proceed: 'proceed',
  cancel: 'skip',
};

/** Each action the server can be asked for, as okta-auth-js calls. */
export const drive: { [A in keyof Actions]: (ctx: DriverContext, input: Actions[A]) => Promise<Driven> } = {
  async login(ctx, input) {
    const username = input.username.trim();
    if (!username || !input.password) throw empty('invalid_credentials');
    const identify = async (fresh: boolean): Promise<Driven> => {
      const started = await ctx.start(fresh);
      if (!isPlan(started) && stepName(started) !== 'identify') return { tx: started, op: 'start' };
      const tx = await proceed(ctx, { step: 'identify', identifier: username, credentials: { passcode: input.password } });
      return { tx, op: 'login' };
    };
    let out: Driven | undefined;
    try {
      out = await identify(false);
    } catch (error) {
      if (!ctx.retryStale?.(error)) throw error;
    }
    // A transaction started long ago may have expired while the user was away: start again once.
    if (!out || ('tx' in out && out.op === 'login' && errorOf(out.tx, 'login')?.code === 'session_expired')) out = await identify(true);
    if (!('tx' in out) || out.op !== 'login') return out;
    let tx = out.tx;
    // Orgs whose policy asks for the password after the username (identifier first) get it here, from memory.
    for (let i = 0; i < 2 && tx.status === 'PENDING' && !errorOf(tx, 'login') && isPasswordChallenge(tx); i++) {
      tx = await proceed(ctx, { step: 'challenge-authenticator', credentials: { passcode: input.password } });
    }
    return { tx, op: 'login' };
  },

  async selectAuthenticator(ctx, input) {
    const step = need(ctx, ...SELECT_STEPS);
    const choice = ctx.state?.authenticators?.find((a) => a.id === input.id && (!input.methodType || !a.methodType || a.methodType === input.methodType));
    if (ctx.state?.authenticators && !choice) throw notOffered('authenticators');
    const methodType = input.methodType ?? choice?.methodType;
    const enrolling = step === 'select-authenticator-enroll';
    const authenticator = methodType && !enrolling ? { id: input.id, methodType } : { id: input.id };
    let tx = await proceed(ctx, { step, authenticator });
    // Some policies ask for the method in a second step even when it came with the selection.
    if (methodType && !errorOf(tx, 'select') && stepName(tx) === 'authenticator-verification-data') {
      tx = await proceed(ctx, { step: 'authenticator-verification-data', authenticator: { id: input.id, methodType } });
    }
    return { tx, op: 'select' };
  },

  async selectEnrollmentChannel(ctx, channel) {
    if (!ENROLLMENT_CHANNELS.includes(channel)) throw notOffered('ways to set up');
    const step = need(ctx, 'select-enrollment-channel');
    return { tx: await proceed(ctx, { step, authenticator: { id: ctx.plan?.ids?.[step], channel } }), op: 'channel' };
  },

  async sendEnrollmentChannelData(ctx, input) {
    const email = input.email?.trim();
    const phoneNumber = input.phoneNumber?.trim();
    if (!email && !phoneNumber) throw empty();
    const step = need(ctx, 'enrollment-channel-data');
    return { tx: await proceed(ctx, { step, ...(email ? { email } : { phoneNumber }) }), op: 'channel-data' };
  },

  async sendEnrollmentData(ctx, input) {
    const phoneNumber = input.phoneNumber.trim();
    if (!phoneNumber) throw empty();
    const step = need(ctx, 'authenticator-enrollment-data');
    const authenticator = { id: ctx.plan?.ids?.[step], methodType: input.methodType, phoneNumber };
    return { tx: await proceed(ctx, { step, authenticator }), op: 'channel-data' };
  },

  async verifyCode(ctx, code) {
    const passcode = code.replace(/\s+/g, '');
    if (!passcode) throw empty('invalid_code');
    const step = need(ctx, ...CODE_STEPS);
    // Okta Verify's code field is `totp`; every other authenticator's is `passcode`.
    const credentials = ctx.plan?.key === 'okta_verify' ? { totp: passcode } : { passcode };
    return { tx: await proceed(ctx, { step, credentials }), op: 'code' };
  },

  async verifyPassword(ctx, input) {
    if (!input.password) throw empty('invalid_credentials');
    const step = need(ctx, 'challenge-authenticator');
    return { tx: await proceed(ctx, { step, credentials: { passcode: input.password } }), op: 'login' };
  },

  async changePassword(ctx, input) {
    if (!input.newPassword) throw empty();
    const step = need(ctx, ...NEW_PASSWORD_STEPS);
    return { tx: await proceed(ctx, { step, credentials: { passcode: input.newPassword } }), op: 'password' };
  },

  async resend(ctx) {
    // okta-auth-js runs a resend only as the named action of what it belongs to: the enrollment a code challenge
    // verifies, or the authenticator being enrolled or pushed to.
    const action = RESEND_ACTIONS.find((name) => ctx.plan?.actions.includes(name));
    if (!action) throw new FlowError('session_expired', 'Nothing to send again');
    return { tx: await proceed(ctx, { actions: [action] }), op: 'resend' };
  },

  async recover(ctx, input) {
    const username = input.username?.trim();
    const plan = ctx.plan;
    // The username of a recovery already started: the same answer whether or not the account exists.
    if (plan?.steps.includes('identify-recovery')) {
      if (!username) throw empty();
      return { tx: await proceed(ctx, { step: 'identify-recovery', identifier: username }), op: 'recover' };
    }
    if (plan?.recoverByIdentify) {
      if (!username) throw empty();
      return recoverAfterIdentify(ctx, username);
    }
    // "Forgot password?" on the password asked on its own (or a security key): the org goes on with that user.
    if (plan && plan.main !== 'identify') {
      if (!plan.actions.includes(RECOVER_FROM_CHALLENGE)) throw gone();
      return { tx: await proceed(ctx, { actions: [RECOVER_FROM_CHALLENGE] }), op: 'recover' };
    }
    // From the sign-in form: the transaction it holds, else the one started ahead.
    const held = plan ?? (await ctx.start(false));
    const started = isPlan(held) ? held : planOf(held);
    if (!isPlan(held) && started.main !== 'identify') return { tx: held, op: 'start' };
    if (started.actions.includes(RECOVER_FROM_IDENTIFY)) {
      let tx = await proceed(ctx, { actions: [RECOVER_FROM_IDENTIFY] });
      if (username && !errorOf(tx, 'recover') && remediation(tx, 'identify-recovery')) {
        tx = await proceed(ctx, { step: 'identify-recovery', identifier: username });
      }
      return { tx, op: 'recover' };
    }
    // An identifier-first org: the username, then "Forgot password?" on its password challenge.
    if (username) return recoverAfterIdentify(ctx, username);
    return { state: { status: 'AwaitingRecoveryIdentifier' }, plan: { ...started, recoverByIdentify: true } };
  },

  async verifyWebAuthn(ctx, credential) {
    // A passkey sign-in answers the transaction started for the sign-in form.
    const plan = ctx.plan ?? toPlan(await ctx.start(false));
    const step = WEBAUTHN_STEPS.find((n) => plan.steps.includes(n));
    if (!step) throw gone();
    return { tx: await proceed(ctx, { step, credentials: webauthnValues(credential, step) }), op: 'webauthn' };
  },

  async skip(ctx) {
    return { tx: await proceed(ctx, { step: need(ctx, 'skip') }), op: 'skip' };
  },

  async proceed(ctx, input) {
    const step = typeof input?.step === 'string' ? input.step : '';
    // From the sign-in form ("Sign up", "Unlock account"): the transaction started for it.
    let { plan, state } = ctx;
    if (!plan) {
      const held = await ctx.start(false);
      plan = toPlan(held);
      if (!isPlan(held)) state = stateOrNothing(held);
    }
    const form = state?.form?.step === step ? state.form : undefined;
    const link = state?.links?.some((l) => l.step === step);
    // A way on that Okta offers as an action rather than a remediation (leaving its probing for Okta Verify).
    if (form && !form.fields.length && !plan.steps.includes(step) && plan.actions.includes(step)) {
      return { tx: await proceed(ctx, { actions: [step] }), op: 'proceed' };
    }
    if ((!form && !link) || !plan.steps.includes(step)) throw notOffered('steps');
    const values = form ? formValues(form, input.values) : {};
    return { tx: await proceed(ctx, { step, ...values }), op: 'proceed' };
  },

  async cancel(ctx) {
    if (ctx.plan) {
      try {
        await proceed(ctx, { actions: ['cancel'] });
      } catch {
        // The transaction is abandoned either way; Okta expires it.
      }
    }
    ctx.client.transactionManager?.clear();
    return { state: { status: 'Idle' }, plan: { steps: [], actions: [] } };
  },
};

const toPlan = (x: IdxTransaction | StepPlan): StepPlan => (isPlan(x) ? x : planOf(x));

/** The state of a transaction, or nothing for a step this library does not drive. */
function stateOrNothing(tx: IdxTransaction): FlowState | undefined {
  try {
    return stateOf(tx);
  } catch {
    return undefined;
  }
}

async function recoverAfterIdentify(ctx: DriverContext, username: string): Promise<Driven> {
  let tx = await proceed(ctx, { step: 'identify', identifier: username });
  if (!errorOf(tx, 'recover') && planOf(tx).actions.includes(RECOVER_FROM_CHALLENGE)) {
    tx = await proceed(ctx, { actions: [RECOVER_FROM_CHALLENGE] });
  }
  return { tx, op: 'recover' };
}

/**
 * One poll. Polling goes on while Okta answers with the same step the poll started from (the poll step itself, or
 * a code view that also polls: an email's magic link).
 */
export async function pollOnce(ctx: DriverContext, kind: PollKind): Promise<{ tx: IdxTransaction; continuePolling: boolean }> {
  const step = need(ctx, POLL_STEP[kind]);
  const tx = await proceed(ctx, { step });
  const continuePolling = tx.status === 'PENDING' && !errorOf(tx, 'poll') && !!remediation(tx, step) && stepName(tx) === ctx.plan?.main;
  return { tx, continuePolling };
}

/** The poll interval Okta asked for, when it did. */
export function refreshOf(tx: IdxTransaction, kind: PollKind): number | null {
  const refresh = remediation(tx, POLL_STEP[kind])?.refresh;
  return typeof refresh === 'number' && refresh >= 0 ? refresh : null;
}
