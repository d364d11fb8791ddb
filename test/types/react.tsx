// React 19 apps: the typed components of okta-signin-elements-react, and the raw tags with the JSX declarations.
import type {} from 'okta-signin-elements/jsx-react';
import { AuthenticatorPicker, OktaSignin, OktaVerifyPoller } from 'okta-signin-elements-react';
import type { OktaSuccessEvent } from 'okta-signin-elements';

export const components = (
  <>
    <OktaSignin
      backend="/auth"
      allowedOrigins="https://app.example.com"
      onOktaSuccess={(e) => e.detail.next?.toUpperCase()}
      onOktaError={(e) => e.detail.code}
      onOktaStatusChange={(e) => e.detail.previousStatus}
    />
    <AuthenticatorPicker mode="enroll" canSkip onOktaSkip={(e) => e.detail} onOktaAuthenticatorSelect={(e) => e.detail.authenticator.id} />
    <OktaVerifyPoller endpoint="/OktaVerify/EnrollPoll" onOktaPollComplete={(e) => e.detail.status} />
    {/* @ts-expect-error the success detail has no code */}
    <OktaSignin onOktaSuccess={(e) => e.detail.code} />
    {/* @ts-expect-error backend is a string */}
    <OktaSignin backend={1} />
  </>
);

const onSuccess = (e: OktaSuccessEvent) => e.detail.tokens?.idToken;

export const tags = (
  <>
    <okta-signin backend="/auth" login-endpoint="/signin" onokta-success={onSuccess} onokta-error={(e) => e.detail.message} />
    <okta-signin issuer="https://example.okta.com/oauth2/default" client-id="0oa1" redirect-uri="/cb" token-storage="memory" />
    <authenticator-picker mode="verify" onokta-skip={(e) => e.detail} />
    <okta-verify-poller endpoint="/OktaVerify/ChallengePoll" interval={2000} onokta-poll={(e) => e.detail.continuePolling} />
    {/* @ts-expect-error the error detail has no next */}
    <okta-signin onokta-error={(e) => e.detail.next} />
  </>
);
