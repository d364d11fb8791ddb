// The simulated phone's JSON API (Okta Verify, and the outbox of emails, texts and calls), used by the /device page
// and by tests.
import express from 'express';
import { isObject, sendJson } from '../http.mjs';
import { TEMPLATES } from '../store.mjs';
import { issueToken, revokeToken, tokenDisplay } from '../idx/custom-otp.mjs';
import { currentCode } from '../idx/google-otp.mjs';

const fail = (res, status, error, message) => sendJson(res, status, { error, message });

/** @param {import('../store.mjs').User} user */
const totpNow = (user) => (user.oktaVerify.enrolled && user.oktaVerify.totpSecret ? currentCode(user.oktaVerify.totpSecret) : null);

/** Pulls the activation token out of a pasted link (or accepts the bare token). */
function activationToken(link) {
  if (typeof link !== 'string' || !link.trim() || link.length > 2048) return null;
  const t = link.trim();
  if (/^[A-Za-z0-9_-]{16,64}$/.test(t)) return t;
  try {
    return new URL(t).searchParams.get('activation');
  } catch {
    return null;
  }
}

/** @param {{ store: import('../store.mjs').OrgStore }} env */
export function deviceApiRouter({ store }) {
  const router = express.Router();

  router.get('/users', (_req, res) => {
    sendJson(res, 200, {
      users: [...store.users.values()].map((u) => ({ username: u.username, enrolled: u.oktaVerify.enrolled })),
    });
  });

  router.post('/users', (req, res) => {
    const template = isObject(req.body) ? req.body.template : undefined;
    if (!TEMPLATES.includes(template)) {
      return fail(res, 400, 'invalid_template', `"template" must be one of ${TEMPLATES.join(', ')}.`);
    }
    sendJson(res, 201, store.createFromTemplate(template));
  });

  router.get('/users/:username', (req, res) => {
    const user = store.findUser(req.params.username);
    if (!user) return fail(res, 404, 'unknown_user', 'There is no such user in this org.');
    const tx = store.pendingPushFor(user);
    sendJson(res, 200, {
      username: user.username,
      enrolled: user.oktaVerify.enrolled,
      push: tx ? { id: tx.push.id, choices: tx.push.choices } : null,
      totp: totpNow(user),
      customOtp: tokenDisplay(user),
    });
  });

  // The administrator issues a hardware token (Custom OTP) or takes it back, as Okta's Factors API does.
  router.post('/users/:username/custom-otp', (req, res) => {
    const user = store.findUser(req.params.username);
    if (!user) return fail(res, 404, 'unknown_user', 'There is no such user in this org.');
    const action = isObject(req.body) ? req.body.action : undefined;
    if (action !== 'issue' && action !== 'revoke') return fail(res, 400, 'invalid_action', '"action" must be "issue" or "revoke".');
    if (action === 'issue') issueToken(user);
    else revokeToken(user);
    sendJson(res, 200, { username: user.username, customOtp: tokenDisplay(user) });
  });

  router.post('/users/:username/push', (req, res) => {
    const user = store.findUser(req.params.username);
    if (!user) return fail(res, 404, 'unknown_user', 'There is no such user in this org.');
    const body = isObject(req.body) ? req.body : {};
    if (body.action !== 'approve' && body.action !== 'deny') {
      return fail(res, 400, 'invalid_action', '"action" must be "approve" or "deny".');
    }
    const tx = store.pendingPushFor(user);
    if (!tx) return fail(res, 404, 'no_pending_push', 'There is no sign-in waiting for this device.');
    if (body.action === 'deny') {
      tx.push.status = 'rejected';
      return sendJson(res, 200, { status: 'denied' });
    }
    const answer = typeof body.answer === 'string' && /^\d+$/.test(body.answer) ? Number(body.answer) : body.answer;
    if (typeof answer !== 'number' || !Number.isInteger(answer)) {
      return fail(res, 400, 'answer_required', 'Choose the number shown on the sign-in screen.');
    }
    if (answer !== tx.push.correctAnswer) {
      // As Okta Verify does: a wrong number fails the sign-in attempt rather than allowing another guess.
      tx.push.status = 'rejected';
      return fail(res, 422, 'wrong_answer', 'That number does not match the sign-in screen. The sign-in attempt was denied.');
    }
    tx.push.status = 'approved';
    sendJson(res, 200, { status: 'approved' });
  });

  router.post('/activate', (req, res) => {
    const link = isObject(req.body) ? req.body.link : undefined;
    const token = activationToken(link);
    if (!token) return fail(res, 400, 'invalid_link', 'Paste the whole activation link.');
    const found = store.takeActivation(token);
    const tx = found && store.transactionByState(found.txStateHandle);
    if (!found || !tx || tx.expiresAt <= Date.now() || tx.step !== 'enroll-poll' || tx.username !== found.username) {
      return fail(res, 404, 'expired_link', 'This activation link has expired or was already used.');
    }
    const user = store.findUser(found.username);
    store.enroll(user);
    tx.activated = true;
    sendJson(res, 200, { username: user.username, enrolled: true });
  });

  router.get('/outbox', (_req, res) => {
    sendJson(res, 200, { messages: store.outbox.map((m) => ({ ...m })) });
  });

  return router;
}
