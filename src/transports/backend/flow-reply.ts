import { FLOW_STATUSES } from '../../core/statuses.js';
import {
  FlowError,
  isEnrollmentChannel,
  type Authenticator,
  type ChallengeInfo,
  type EnrollmentInfo,
  type FlowState,
  type FlowStatus,
  type IdentityProvider,
  type IdentityProviderKind,
  type OneTimeCodeInfo,
  type PasswordRules,
  type StepAuthenticator,
  type WebAuthnInfo,
} from '../../core/types.js';
import { isObject, pick, pickMs, pickString, type Json } from './read.js';
import { isInlineImage } from '../../core/inline-image.js';
import { readLinks, readStepForm } from './form-reply.js';


const malformed = (what: string) =>
  new FlowError('malformed_response', `Unreadable reply: ${what}`);

/** Sets `to[key]` to the string `from` holds under `key` (or its PascalCase twin), unless that is empty. */
function copyText<T extends object>(to: T, from: Json, key: keyof T & string) {
  const v = pickString(from, key);
  if (v) (to as Record<string, unknown>)[key] = v;
}

/** Reads a backend flow reply (README, "Backend contract") into a FlowState, rejecting anything malformed. */
export function parseFlowReply(body: unknown): FlowState {
  if (!isObject(body)) throw malformed('not an object');
  const status = pickString(body, 'status') as FlowStatus | undefined;
  if (!status || !FLOW_STATUSES.includes(status)) throw malformed('status');
  const state: FlowState = { status };

  const auths = pick(body, 'authenticators');
  if (auths != null) {
    if (!Array.isArray(auths)) throw malformed('authenticators');
    state.authenticators = auths.map(readAuthenticator);
  }
  for (const flag of ['canSkip', 'canResend', 'canRecover'] as const) {
    const v = pick(body, flag);
    if (v != null) state[flag] = v === true;
  }
  const authenticator = pick(body, 'authenticator');
  if (authenticator != null) state.authenticator = readStepAuthenticator(authenticator);
  const code = pick(body, 'code');
  if (code != null) state.code = readCode(code);
  const rules = pick(body, 'passwordRules');
  if (rules != null) state.passwordRules = readRules(rules);
  const webauthn = pick(body, 'webauthn');
  if (webauthn != null) state.webauthn = readWebAuthn(webauthn);

  const enrollment = pick(body, 'enrollment');
  if (enrollment != null) state.enrollment = readEnrollment(enrollment);
  const challenge = pick(body, 'challenge');
  if (challenge != null) state.challenge = readChallenge(challenge);

  const idps = pick(body, 'idps');
  if (idps != null) {
    if (!Array.isArray(idps)) throw malformed('idps');
    state.idps = idps.map(readIdp);
  }
  const form = pick(body, 'form');
  if (form != null) state.form = readStepForm(form);
  const links = pick(body, 'links');
  if (links != null) state.links = readLinks(links);

  const refresh = pickMs(body, 'refresh');
  if (refresh !== undefined) state.refresh = refresh;
  copyText(state, body, 'next');
  copyText(state, body, 'message');
  copyText(state, body, 'unsupportedStep');
  copyText(state, body, 'messageKey');
  return state;
}

const IDP_KINDS: readonly IdentityProviderKind[] = ['idp', 'idverify', 'piv'];

function readIdp(value: unknown): IdentityProvider {
  if (!isObject(value)) throw malformed('idp');
  const id = pickString(value, 'id');
  const name = pickString(value, 'name');
  const kind = IDP_KINDS.find((k) => k === pickString(value, 'kind')) ?? 'idp';
  if (!id || !name) throw malformed('idp');
  const idp: IdentityProvider = { id, name, type: pickString(value, 'type') ?? '', kind };
  // Shown only when https or inline (the view checks it where it renders it).
  copyText(idp, value, 'logo');
  return idp;
}

function readAuthenticator(value: unknown): Authenticator {
  if (!isObject(value)) throw malformed('authenticator');
  const id = pick(value, 'id') ?? pick(value, 'authenticatorId');
  const name = pickString(value, 'name');
  if ((typeof id !== 'string' && typeof id !== 'number') || !name) throw malformed('authenticator');
  const a: Authenticator = { id: String(id), key: pickString(value, 'key') ?? '', name };
  copyText(a, value, 'methodType');
  return a;
}

function readEnrollment(value: unknown): EnrollmentInfo {
  if (!isObject(value)) throw malformed('enrollment');
  const channel = pickString(value, 'channel');
  if (!isEnrollmentChannel(channel)) throw malformed('enrollment channel');
  const list = pick(value, 'channels');
  const channels = Array.isArray(list) ? list.filter(isEnrollmentChannel) : [];
  const info: EnrollmentInfo = { channel, channels };
  const qr = pickString(value, 'qrCode');
  if (qr) {
    if (!isInlineImage(qr)) throw malformed('QR code');
    info.qrCode = qr;
  }
  copyText(info, value, 'sentTo');
  return info;
}

function readChallenge(value: unknown): ChallengeInfo {
  if (!isObject(value)) throw malformed('challenge');
  const info: ChallengeInfo = {};
  copyText(info, value, 'methodType');
  const answer = Number(pick(value as Json, 'correctAnswer'));
  if (pick(value, 'correctAnswer') != null && Number.isInteger(answer) && answer >= 0) info.correctAnswer = answer;
  return info;
}

function readStepAuthenticator(value: unknown): StepAuthenticator {
  if (!isObject(value)) throw malformed('authenticator');
  const key = pickString(value, 'key');
  if (!key) throw malformed('authenticator key');
  const a: StepAuthenticator = { key };
  copyText(a, value, 'methodType');
  return a;
}

function readCode(value: unknown): OneTimeCodeInfo {
  if (!isObject(value)) throw malformed('code');
  const info: OneTimeCodeInfo = {};
  copyText(info, value, 'sentTo');
  copyText(info, value, 'secret');
  const qr = pickString(value, 'qrCode');
  if (qr) {
    if (!isInlineImage(qr)) throw malformed('QR code');
    info.qrCode = qr;
  }
  return info;
}

const RULE_COUNTS = ['minLength', 'minLowerCase', 'minUpperCase', 'minNumber', 'minSymbol', 'historyCount'] as const;

function readRules(value: unknown): PasswordRules {
  if (!isObject(value)) throw malformed('passwordRules');
  const rules: PasswordRules = {};
  for (const k of RULE_COUNTS) {
    const n = pick(value, k);
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1000) rules[k] = n;
  }
  if (pick(value, 'excludeUsername') === true) rules.excludeUsername = true;
  const attrs = pick(value, 'excludeAttributes');
  if (Array.isArray(attrs)) rules.excludeAttributes = attrs.filter((a): a is string => typeof a === 'string' && a.length < 64);
  return rules;
}

/** WebAuthn options pass through as JSON objects; the WebAuthn view checks and decodes them when it uses them. */
function readWebAuthn(value: unknown): WebAuthnInfo {
  if (!isObject(value)) throw malformed('webauthn');
  const info: WebAuthnInfo = {};
  for (const k of ['creationOptions', 'requestOptions'] as const) {
    const v = pick(value, k);
    if (v == null) continue;
    if (!isObject(v)) throw malformed(`webauthn ${k}`);
    info[k] = v as Record<string, unknown>;
  }
  return info;
}
