// Sign-in away from the embedded page: the fake identity provider, the org's side of the IdP and identity
// verification round trips, the org's hosted sign-in page, and Okta Verify's answer to a FastPass challenge.
import express from 'express';
import { isObject, sendJson } from '../http.mjs';
import { opaque } from '../ids.mjs';
import { answerFastPass } from '../idx/offsite.mjs';
import { CALLBACK_PATH, brokerRouter } from './broker.mjs';
import { hostedRouter } from './hosted.mjs';
import { createProvider } from './provider.mjs';

/** The name the provider's consent page gives the org. */
const ORG_NAME = 'Local Okta org';

/** @param {{ store: import('../store.mjs').OrgStore, origin: string, stateHandleTtlMs: number, logger: any }} env */
export function ssoRouter(env) {
  const { store, origin } = env;
  const { identityProviders, identityVerification, fakeProvider } = store.data;
  // One client of the org at the provider per IdP (and one for the verification vendor), as each Okta IdP has its
  // own client id and secret; the secrets are made at each start.
  const clientFor = (brand, kind) => ({ clientId: `okta-${opaque(9)}`, secret: opaque(24), redirectUri: `${origin}${CALLBACK_PATH}`, brand, kind });
  const clients = new Map(identityProviders.map((idp) => [idp.id, clientFor(idp.name, 'signin')]));
  if (identityVerification) clients.set(identityVerification.id, clientFor(identityVerification.name, 'idverify'));
  const provider = createProvider({ origin, accounts: fakeProvider.users, clients: [...clients.values()], relyingParty: ORG_NAME });

  const router = express.Router();
  router.use(provider.router);
  router.use(brokerRouter(env, provider, clients));
  router.use(hostedRouter(env));
  // What Okta Verify on the user's computer does once a page has handed it a FastPass challenge (its loopback
  // server): it answers for the account it holds. Tests and the device page act as that Okta Verify.
  router.post('/device/api/fastpass', (req, res) => {
    const answered = answerFastPass(store, isObject(req.body) ? req.body.challengeRequest : undefined);
    if ('username' in answered) return sendJson(res, 200, { username: answered.username, status: 'verified' });
    if (answered.error === 'not_enrolled') {
      return sendJson(res, 409, { error: 'not_enrolled', message: 'Okta Verify on this device has no account for this user.' });
    }
    sendJson(res, 404, { error: 'unknown_challenge', message: 'There is no FastPass challenge waiting with this value.' });
  });
  return router;
}
