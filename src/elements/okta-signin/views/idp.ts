import { css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { isLogoUrl } from '../../../core/logo.js';
import type { IdentityProvider } from '../../../core/types.js';
import { format } from '../../shared/messages.js';
import type { ViewHost } from './host.js';
import type { Views } from './index.js';
import { otherAuthenticator, skipButton } from './code-parts.js';
import { credentialsView } from './credentials.js';
import { idpLogo } from './idp-logos.js';

// The buttons' own look, adopted by the element's shadow root when they first show, as Lit adopts the element's own
// styles (the first paint does without them); themes apply through the same custom properties, `::part(idp)` too.
const IDP_STYLES = css`
  [part~='idps'] {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    border: 0;
  }
  [part~='idp'] {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.6em;
    background: var(--_bg);
    color: var(--_fg);
    border-color: var(--_border);
  }
  [part~='idp'] svg,
  [part~='idp-logo'] {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    object-fit: contain;
  }
`;
function adopt(el: Element | undefined) {
  const root = el?.getRootNode() as ShadowRoot | undefined;
  // Lit runs this while a new view is still a fragment of its own: once more when it is in the shadow root.
  if (el && root instanceof DocumentFragment && !(root instanceof ShadowRoot)) return void queueMicrotask(() => el.isConnected && adopt(el));
  const sheet = IDP_STYLES.styleSheet;
  if (sheet && root?.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The label of an identity provider's button: Okta's name for it, in the sentence for what it does. */
function label(h: ViewHost, idp: IdentityProvider): string {
  const t = h.t.idps;
  if (idp.kind === 'idverify') return format(t.verifyIdentity, { name: idp.name });
  return format(h.state.authenticator?.key === 'external_idp' ? t.verifyWith : t.signInWith, { name: idp.name });
}

/** One button: the logo Okta gave (https or inline only), else the type's own, else a generic one; then the label. */
const button = (h: ViewHost, idp: IdentityProvider) =>
  html`<button type="button" part="idp" data-idp=${idp.id} ?disabled=${h.pending} @click=${() => h.act('redirectToIdp', { id: idp.id })}>
    ${isLogoUrl(idp.logo)
      ? html`<img part="idp-logo" src=${idp.logo} alt="" referrerpolicy="no-referrer" />`
      : html`<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">${idpLogo(idp)}</svg>`}
    <span>${label(h, idp)}</span>
  </button>`;

const group = (h: ViewHost, idps: IdentityProvider[]) =>
  html`<div part="idps" role="group" aria-label=${h.t.idps.label} ${ref(adopt)}>${idps.map((idp) => button(h, idp))}</div>`;

/**
 * The sign-in form with the identity provider buttons Okta offers on it, where `idp-display` puts them: `secondary`
 * (default) after the form, `primary` before it, `none` nowhere (`okta-status-change` still lists them, for buttons of
 * the page's own). It takes the first paint's form over once the later steps' views are here.
 */
export const idleView = (h: ViewHost) => {
  const idps = h.state.idps?.length && h.idpDisplay !== 'none' ? group(h, h.state.idps) : nothing;
  return h.idpDisplay === 'primary' ? html`${idps}${credentialsView(h)}` : html`${credentialsView(h)}${idps}`;
};

/**
 * Continue at an identity provider: the IdP that is the authenticator, identity verification, the IdP a routing
 * rule sends this user to, or the only ways an org offers to sign in. Okta's name says where the page goes.
 */
export const idpStepView = (h: ViewHost) => {
  const idps = h.state.idps ?? [];
  const only = idps.length === 1 ? idps[0] : undefined;
  return html`<div class="col" part="idp-step">
    <h2 part="title" tabindex="-1">${only ? label(h, only) : h.t.signIn}</h2>
    ${only ? html`<p part="help">${format(h.t.idps.help, { name: only.name })}</p>` : nothing} ${group(h, idps)} ${otherAuthenticator(h)}
    ${skipButton(h)}
  </div>`;
};

/**
 * A step no web page can answer: why (the error region says it), and, unless the page turned it off
 * (`hosted-fallback="off"`), the way on through the org's own sign-in page.
 */
export const unsupportedView = (h: ViewHost) =>
  html`<div class="col" part="unsupported">
    <h2 part="title terminal" tabindex="-1">${h.t.terminalTitle}</h2>
    ${h.hostedFallback !== 'off'
      ? html`<p part="help">${h.t.idps.hostedHelp}</p>
          <button type="button" part="hosted" ?disabled=${h.pending} @click=${() => h.act('redirectToOkta')}>${h.t.idps.hosted}</button>`
      : nothing}
  </div>`;

/** The sign-in form with its identity provider buttons, and the views of the steps that leave the page. */
export const IDP_VIEWS: Views = {
  Idle: idleView,
  AwaitingIdentityProvider: idpStepView,
  UnsupportedStep: unsupportedView,
};
