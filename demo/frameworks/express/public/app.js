// The account page's sign-out: the backend revokes the tokens and answers Okta's logout URL, which ends the Okta
// session and comes back to the home page.
const button = document.getElementById('sign-out');
button?.addEventListener('click', async () => {
  button.disabled = true;
  try {
    const reply = await fetch('/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { logoutUrl } = await reply.json();
    location.assign(logoutUrl ?? '/');
  } catch {
    button.disabled = false;
  }
});
