'use client';
// Sign-out: the backend revokes the tokens and answers Okta's logout URL, which ends the Okta session and comes
// back to the home page.
import { useState } from 'react';

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      const reply = await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const { logoutUrl } = (await reply.json()) as { logoutUrl?: string };
      window.location.assign(logoutUrl ?? '/');
    } catch {
      setBusy(false);
    }
  }
  return (
    <button type="button" onClick={signOut} disabled={busy}>
      Sign out
    </button>
  );
}
