// The sign-in page, a Server Component: the element and its form are in the HTML the server sends, and hydrate
// without a mismatch. After sign-in the element follows `next` (successUrl, /account).
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { OktaSignin, SignInForm } from 'okta-signin-elements-react';
import { auth } from '../../lib/auth';

export default async function Login() {
  const requestHeaders = await headers();
  if (await auth().getSession(requestHeaders)) redirect('/account');
  return (
    <main>
      <h1>Sign in to the example app</h1>
      <OktaSignin backend="/api/auth">
        <SignInForm />
      </OktaSignin>
    </main>
  );
}
