// A React 19 app with <okta-signin> as a typed component from okta-signin-elements-react: the backend at /auth
// (the reference backend), each event a callback prop with its typed detail. The app stays on its page after success.
import { useState } from 'react';
import { OktaSignin } from 'okta-signin-elements-react';
import type { FlowStatus } from 'okta-signin-elements';

export function App() {
  const [status, setStatus] = useState<FlowStatus>('Idle');
  const [signedIn, setSignedIn] = useState(false);
  return (
    <main>
      <h1>Example app (React)</h1>
      <p role="status">Sign-in step: {status}</p>
      {signedIn ? (
        <p id="signed-in">Welcome back!</p>
      ) : (
        <OktaSignin
          backend="/auth"
          onOktaStatusChange={(e) => setStatus(e.detail.status)}
          onOktaSuccess={(e) => {
            e.preventDefault(); // the app shows its own page instead of following e.detail.next
            setSignedIn(true);
          }}
        />
      )}
    </main>
  );
}
