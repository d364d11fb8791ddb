import { html, nothing } from 'lit';
import type { ViewHost } from './host.js';

/** "Sign up", "Unlock account": other ways forward Okta offers beside the step, in the element's words. */
export const stepLinks = (h: ViewHost) =>
  h.state.links?.map(({ step, label }) => {
    const text = Object.prototype.hasOwnProperty.call(h.t.links, step) ? h.t.links[step as keyof typeof h.t.links] : label;
    return text
      ? html`<button type="button" class="link" part="link" ?disabled=${h.pending} @click=${() => h.act('proceed', { step })}>${text}</button>`
      : nothing;
  }) ?? nothing;
