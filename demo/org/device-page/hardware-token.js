// The simulated hardware token (a Custom OTP authenticator): its current code, and the administrator's buttons that
// issue one to the chosen user or take it back. Text from the server is set with textContent only.
const $ = (id) => document.getElementById(id);

/** Shows the token of the user the page is on: `{ code, expiresIn }`, or null when they have none. */
export function renderToken(token) {
  $('token').hidden = !token;
  $('token-none').hidden = Boolean(token);
  $('token-issue').hidden = Boolean(token);
  $('token-revoke').hidden = !token;
  if (!token) return;
  $('token-code').textContent = token.code;
  $('token-expires').textContent = String(token.expiresIn);
}

/**
 * @param {(path: string, body?: unknown) => Promise<{ ok: boolean, data: any }>} call the device API
 * @param {() => string} currentUser
 * @param {() => Promise<void>} refresh
 */
export function wireToken(call, currentUser, refresh) {
  const act = async (action) => {
    const username = currentUser();
    if (!username) return;
    const { ok, data } = await call(`users/${encodeURIComponent(username)}/custom-otp`, { action });
    const result = $('token-result');
    result.textContent = ok ? (action === 'issue' ? `A token was issued to ${data.username}.` : `${data.username} has no token now.`) : data.message ?? 'That did not work.';
    result.className = ok ? 'ok' : 'error';
    await refresh();
  };
  $('token-issue').addEventListener('click', () => act('issue'));
  $('token-revoke').addEventListener('click', () => act('revoke'));
}
