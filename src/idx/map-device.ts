/**
 * Steps no web page can answer, which the elements hand over to the org's own sign-in page (`UnsupportedStep`): Okta
 * Verify FastPass and the other challenges the app on this device answers (over its loopback server, an app or
 * universal link, the operating system's SSO extension), Duo's frame, NFC.
 */
import { FlowError, type FlowState } from '../core/types.js';
import { remediation, stateOf } from './map.js';
import type { IdxTransaction } from './types.js';

// Okta's device probing and FastPass launch steps.
const DEVICE_STEPS = ['launch-authenticator', 'device-challenge-poll', 'device-apple-sso-extension'];

/**
 * A challenge the app on this device answers, never a push to a phone: FastPass (`signed_nonce`) and the other
 * device challenges Okta hands to the app (`contextualData.challenge`).
 */
export function isDeviceChallenge(tx: IdxTransaction): boolean {
  const current = tx.context?.currentAuthenticator?.value ?? tx.context?.currentAuthenticatorEnrollment?.value;
  const methods = (current?.methods ?? []).map((m) => m?.type);
  if (methods.length && methods.every((m) => m === 'signed_nonce')) return true;
  if ((current?.contextualData as { challenge?: unknown } | undefined)?.challenge) return true;
  return (tx.neededToProceed ?? []).some((r) => DEVICE_STEPS.includes(r.name));
}

/**
 * The error for a step the elements do not drive, naming it as Okta does, with the key of the authenticator it is
 * about when it is about one (`challenge-poll/okta_verify`, `challenge-authenticator/duo`).
 */
export function unsupportedStep(tx: IdxTransaction, name: string | undefined): FlowError {
  const key = name ? remediation(tx, name)?.relatesTo?.value?.key : undefined;
  const step = name ? (key ? `${name}/${key}` : name) : 'none';
  return new FlowError('config', `Unsupported IDX step: ${step}`, { reason: 'unsupported-step', step });
}

/** The state of a transaction that is not an error (see `errorOf`), a step no web page can answer included. */
export function stateToShow(tx: IdxTransaction): FlowState {
  try {
    return stateOf(tx);
  } catch (e) {
    if (e instanceof FlowError && e.reason === 'unsupported-step') return { status: 'UnsupportedStep', unsupportedStep: e.step ?? 'none' };
    throw e;
  }
}
