// The home page, rendered on the server: who is signed in, read from the request's session cookie.
import Link from 'next/link';
import { headers } from 'next/headers';
import { auth } from '../lib/auth';

export default async function Home() {
  // The request's headers first: reading them makes the page dynamic (rendered per request, never at build).
  const requestHeaders = await headers();
  const session = await auth().getSession(requestHeaders);
  return (
    <main>
      <h1>Example app (Next.js)</h1>
      {session ? (
        <p>
          Signed in as {session.user.name ?? session.user.email}. <Link href="/account">Your account</Link>
        </p>
      ) : (
        <p id="signed-out">
          You are signed out. <Link href="/login">Sign in</Link>
        </p>
      )}
    </main>
  );
}
