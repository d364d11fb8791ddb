// A protected page: the server reads the session and sends signed-out visitors to /login.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '../../lib/auth';
import { SignOutButton } from './sign-out-button';

export default async function Account() {
  // The request's headers first: reading them makes the page dynamic (rendered per request, never at build).
  const requestHeaders = await headers();
  const session = await auth().getSession(requestHeaders);
  if (!session) redirect('/login');
  const { user, tokens } = session;
  return (
    <main>
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt>
        <dd id="account-name">{user.name}</dd>
        <dt>Email</dt>
        <dd id="account-email">{user.email}</dd>
        <dt>Access token valid until</dt>
        <dd>{tokens ? new Date(tokens.expiresAt * 1000).toISOString() : 'no token'}</dd>
      </dl>
      <SignOutButton />
    </main>
  );
}
