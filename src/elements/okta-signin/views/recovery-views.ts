import type { Views } from './index.js';
import { passwordOnlyView } from './password-only.js';
import { recoveryIdentifierView } from './recovery.js';
import { passwordResetView } from './password.js';

/** Views of the password asked for on its own, password recovery and the new password. */
export const RECOVERY_VIEWS: Views = {
  AwaitingPassword: passwordOnlyView,
  AwaitingRecoveryIdentifier: recoveryIdentifierView,
  AwaitingPasswordReset: passwordResetView,
};
