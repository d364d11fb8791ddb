import { html, nothing } from 'lit';
import type { ViewHost } from './host.js';

/** "Forgot password?", when the org offers recovery here. */
export const forgotLink = (h: ViewHost) =>
  h.state.canRecover
    ? html`<button type="button" class="link" part="forgot" ?disabled=${h.pending} @click=${() => h.act('recover')}>
        ${h.t.recovery.forgot}
      </button>`
    : nothing;
