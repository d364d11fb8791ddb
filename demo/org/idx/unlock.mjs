// Self-service unlock, once the user proved who they are (the emailed code or magic link): the account is unlocked
// and the sign-in goes on, as Okta's "land on the app" does: the password next, with Okta's notice.
import { idxMessage } from '../http.mjs';

const UNLOCKED = () =>
  idxMessage('Account successfully unlocked! Verify your account with a security method to continue.', 'oie.selfservice.unlock_user.landing.to.app.success.message', 'INFO');

/**
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 */
export function unlocked(tx, user) {
  user.lockedOut = false;
  user.failedPasswords = 0;
  tx.purpose = 'login';
  tx.step = 'challenge-password';
  tx.notice = UNLOCKED();
}
