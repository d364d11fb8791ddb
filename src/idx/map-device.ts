/**
 * Steps no web page can answer, which the elements hand over to the org's own sign-in page (`UnsupportedStep`): Okta
 * Verify FastPass with nothing else to verify with, device probing without a way around it, Duo's frame, the Apple SSO
 * extension, NFC, and any step the mapping does not drive.
 */
import { FlowError } from '../core/types.js';
import { remediation } from './read.js';
import type { IdxTransaction } from './types.js';

/**
 * A step's name as Okta has it, with the key of the authenticator it is about when it is about one
 * (`challenge-poll/okta_verify`, `challenge-authenticator/duo`): the same step is a code for one authenticator and a
 * frame for another.
 */
export function stepLabel(tx: IdxTransaction, name: string | undefined): string {
  if (!name) return 'none';
  const key = remediation(tx, name)?.relatesTo?.value?.key;
  return key ? `${name}/${key}` : name;
}

/** The error for a step the elements do not drive, naming it. */
export function unsupportedStep(tx: IdxTransaction, name: string | undefined): FlowError {
  const step = stepLabel(tx, name);
  return new FlowError('config', `Unsupported IDX step: ${step}`, { reason: 'unsupported-step', step });
}
