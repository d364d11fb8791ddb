import { html } from 'lit';
import type { ViewHost } from './host.js';
import '../../authenticator-picker/authenticator-picker.js';

export const pickerView = (h: ViewHost) => {
  const s = h.state;
  const enroll = s.status === 'AwaitingAuthenticatorEnrollment';
  return html`<div class="col">
    <h2 part="title" tabindex="-1">${enroll ? h.t.enrollTitle : h.t.verifyTitle}</h2>
    <authenticator-picker
      part="picker"
      .strings=${h.t}
      exportparts="option, group, skip"
      .authenticators=${s.authenticators ?? []}
      mode=${enroll ? 'enroll' : 'verify'}
      ?can-skip=${enroll && !!s.canSkip}
      ?disabled=${h.pending}
      @okta-authenticator-select=${h.onSelect}
      @okta-skip=${h.onSkip}
    ></authenticator-picker>
  </div>`;
};
