// Identify (username and password together, or the username alone for identifier-first apps), the start of
// password recovery, and cancel.
import { idxMessage, isObject } from '../http.mjs';
import { LOCKED_OUT } from './validate.mjs';
import { PASSWORD } from './authenticators.mjs';
import { advance, identifyStep } from './flow.mjs';
import { routeToIdp } from './offsite.mjs';
import { recoveryOptions } from './policy.mjs';
import { blank, text } from './validate.mjs';

/** @param {import('./routes.mjs').Kit} kit */
export function identifyRoutes({ step, store, reply, wrongStep, setUser, ctx }) {
  /**
   * Who a recovery is for: the user if they have an authenticator that can recover, else a phantom that looks
   * like a user with Email, so the answer is the same whether the account exists or not.
   */
  const recovering = (identifier) => {
    const real = store.findUser(identifier);
    return real && recoveryOptions(real).length ? real : store.phantom(real?.username ?? identifier);
  };

  step('/introspect', (_body, tx, _user, res) => reply(res, tx));

  step('/identify', (body, tx, _user, res) => {
    if (tx.step !== 'identify' && tx.step !== 'identify-recovery') return wrongStep(res, tx);
    const identifier = text(body.identifier);
    if (tx.step === 'identify' && routeToIdp(tx, identifier, store)) return reply(res, tx);
    const idFirst = ctx.identifierFirst(tx.clientId);
    if (tx.step === 'identify-recovery' || idFirst) {
      if (!identifier) return reply(res, tx, 400, { fieldErrors: { identifier: [blank()] } });
      if (tx.step === 'identify-recovery') {
        setUser(tx, recovering(identifier));
        tx.step = 'select-authenticate';
      } else {
        // The password is asked next for anyone, so this answer does not tell whether the account exists.
        setUser(tx, store.findUser(identifier) ?? store.phantom(identifier));
        tx.step = 'challenge-password';
      }
      return reply(res, tx);
    }
    const passcode = isObject(body.credentials) && typeof body.credentials.passcode === 'string' ? body.credentials.passcode : '';
    if (!identifier || !passcode) {
      return reply(res, tx, 400, {
        fieldErrors: { ...(identifier ? {} : { identifier: [blank()] }), ...(passcode ? {} : { passcode: [blank()] }) },
      });
    }
    const user = store.findUser(identifier);
    const checked = user ? store.checkPassword(user, passcode) : 'wrong';
    if (checked === 'locked') return reply(res, tx, 401, { messages: [LOCKED_OUT()] });
    // Okta answers an unknown user and a wrong password alike, so the answer does not reveal who has an account.
    if (checked === 'wrong') {
      return reply(res, tx, 401, { messages: [idxMessage('Authentication failed', 'errors.E0000004')] });
    }
    setUser(tx, user);
    tx.factors = [PASSWORD];
    advance(tx, user, store);
    return reply(res, tx);
  });

  // "Forgot password?": from identify (then identify-recovery asks who), or from the password challenge.
  step('/recover', (_body, tx, user, res) => {
    const fromIdentify = tx.step === 'identify' && !ctx.identifierFirst(tx.clientId);
    if (!fromIdentify && !(tx.step === 'challenge-password' && user)) return wrongStep(res, tx);
    tx.purpose = 'recovery';
    tx.factors = [];
    tx.challenge = null;
    if (fromIdentify) {
      tx.step = 'identify-recovery';
    } else {
      setUser(tx, recovering(user.username));
      tx.step = 'select-authenticate';
    }
    return reply(res, tx);
  });

  step('/cancel', (_body, tx, _user, res) => {
    Object.assign(tx, identifyStep());
    return reply(res, tx);
  });
}
