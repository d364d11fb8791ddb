// Registration (`select-enroll-profile`, `enroll-profile`, back with `select-identify`) and self-service unlock
// (`unlock-account`, then who and where the code goes). After that the usual steps take over: the enrollments the
// registration policy asks for, and the emailed code that proves who is unlocking.
import { isObject } from '../http.mjs';
import { EMAIL, KEY_BY_ID } from './authenticators.mjs';
import { choose } from './challenge-routes.mjs';
import { advance, identifyStep } from './flow.mjs';
import { sendCode } from './one-time-codes.mjs';
import { isEnrolled } from './policy.mjs';
import { checkProfile, registeredUser } from './registration.mjs';
import { sendFailed } from './sending.mjs';
import { blank, text } from './validate.mjs';
import { UNLOCK_KEYS } from './views/self-service.mjs';

/** @param {import('./routes.mjs').Kit} kit */
export function selfServiceRoutes(kit) {
  const { step, store, env, reply, wrongStep, setUser } = kit;
  const { registration, org } = store.data;

  step('/enroll', (_body, tx, _user, res) => {
    if (tx.step !== 'identify' || !registration) return wrongStep(res, tx);
    Object.assign(tx, identifyStep(), { step: 'enroll-profile', purpose: 'registration' });
    return reply(res, tx);
  });

  step('/enroll/new', (body, tx, _user, res) => {
    if (tx.step !== 'enroll-profile') return wrongStep(res, tx);
    const checked = checkProfile(body.userProfile, registration, store);
    if ('fieldErrors' in checked) return reply(res, tx, 400, { fieldErrors: checked.fieldErrors });
    const user = store.addUser(registeredUser(checked.values, registration));
    setUser(tx, user);
    advance(tx, user, store);
    return reply(res, tx);
  });

  step('/identify/select', (_body, tx, _user, res) => {
    if (tx.step !== 'enroll-profile') return wrongStep(res, tx);
    Object.assign(tx, identifyStep());
    return reply(res, tx);
  });

  step('/unlock-account', (_body, tx, _user, res) => {
    if (tx.step !== 'identify' || !org.selfServiceUnlock) return wrongStep(res, tx);
    Object.assign(tx, identifyStep(), { step: 'unlock-account', purpose: 'unlock' });
    return reply(res, tx);
  });

  // The unlock form. Someone without Email (or with no account) gets the answers of a user with Email, and no code:
  // nothing tells who has an account, or whether it is locked.
  step(
    '/challenge',
    (body, tx, _user, res) => {
      const identifier = text(body.identifier);
      if (!identifier) return reply(res, tx, 400, { fieldErrors: { identifier: [blank()] } });
      const chosen = body.authenticator;
      const key = isObject(chosen) ? KEY_BY_ID[chosen.id] : undefined;
      const method = isObject(chosen) ? chosen.methodType : undefined;
      if (!UNLOCK_KEYS.includes(key) || ![undefined, null, '', 'email'].includes(method)) return reply(res, tx, 400, { messages: [choose()] });
      const real = store.findUser(identifier);
      const user = real && isEnrolled(real, EMAIL) ? real : store.phantom(real?.username ?? identifier);
      const refused = sendCode(tx, user, { key: EMAIL, method: 'email', target: user.email.address }, env);
      if (refused) return sendFailed(kit, res, tx, refused, 'email');
      setUser(tx, user);
      Object.assign(tx, { current: EMAIL, step: 'challenge-code', push: null });
      return reply(res, tx);
    },
    (_body, tx) => tx.step === 'unlock-account',
  );
}
