/**
 * The backend contract's endpoints (README, "Backend contract"), by name. Kept apart from the action table so that
 * the file that paints the sign-in form (the element's `*-endpoint` attributes) carries only these names.
 */
export const BACKEND_ENDPOINTS = [
  'login',
  'state',
  'selectAuthenticator',
  'enrollmentChannel',
  'enrollmentChannelData',
  'verifyCode',
  'changePassword',
  'verifyPassword',
  'enrollmentData',
  'resend',
  'recover',
  'webauthn',
  'skip',
  'proceed',
  'cancel',
  'enrollPoll',
  'challengePoll',
  'idp',
  'authorize',
] as const;

export type BackendEndpoint = (typeof BACKEND_ENDPOINTS)[number];

/** `selectAuthenticator` → `select-authenticator`: endpoint paths and the elements' endpoint attributes. */
export const kebabCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
