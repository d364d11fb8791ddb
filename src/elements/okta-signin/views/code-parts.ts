import { html, nothing } from 'lit';
import { isEnrolling } from '../../../core/actions.js';
import type { ViewHost } from './host.js';
import './resend-button.js';

/** "Send again" with its countdown, when the server can send the code, push or link again. */
export const resendButton = (h: ViewHost, label = h.t.codes.resend) =>
  h.state.canResend
    ? html`<okta-resend-button
        exportparts="resend"
        .delay=${h.resendDelay}
        .since=${h.state}
        ?disabled=${h.pending}
        .label=${label}
        .waitLabel=${h.t.codes.resendIn}
        .readyText=${h.t.codes.canResendNow}
        .sentText=${h.t.codes.resent}
        .onResend=${() => h.act('resend')}
      ></okta-resend-button>`
    : nothing;

/** "Verify with something else" (or "Set up something else"): back to the picker this step came with. */
export const otherAuthenticator = (h: ViewHost) =>
  h.state.authenticators?.length
    ? html`<button type="button" class="link" part="other-authenticator" ?disabled=${h.pending} @click=${() => h.act('showAuthenticators')}>
        ${isEnrolling(h.state) ? h.t.codes.otherEnrollment : h.t.codes.otherAuthenticator}
      </button>`
    : nothing;

/** "Skip for now", on an enrollment the org lets the user leave for later. */
export const skipButton = (h: ViewHost) =>
  h.state.canSkip ? html`<button type="button" class="link" part="skip" ?disabled=${h.pending} @click=${h.onSkip}>${h.t.skip}</button>` : nothing;
