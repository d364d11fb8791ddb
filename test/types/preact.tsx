/** @jsxImportSource preact */
// Preact apps: the raw tags with the JSX declarations.
import type {} from 'okta-signin-elements/jsx-preact';

export const tags = (
  <div>
    <okta-signin backend="/auth" onokta-success={(e) => e.detail.next} />
    <authenticator-picker mode="enroll" onokta-authenticator-select={(e) => e.detail.authenticator.name} />
    {/* @ts-expect-error the success detail has no code */}
    <okta-signin onokta-success={(e) => e.detail.code} />
  </div>
);
