import { html, nothing, type TemplateResult } from 'lit';
import { AsyncDirective, directive, type PartInfo } from 'lit/async-directive.js';
import type { ViewHost } from './host.js';
import { otherAuthenticator, skipButton } from './code-parts.js';
import type { WebAuthnFailure } from '../../../webauthn/ceremony.js';

type Ceremony = typeof import('../../../webauthn/ceremony.js');

/** The WebAuthn code arrives with the first security key step, not with the element. */
const loadCeremony = (): Promise<Ceremony> => import('../../../webauthn/ceremony.js');

/** Whether this browser has WebAuthn at all, without loading the ceremony code. */
const hasWebAuthn = () => typeof (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential === 'function';

/**
 * The security key step: what will happen, a button that starts the browser's ceremony (a user gesture), progress,
 * and for each failure a message and a way forward. The ceremony stops when the view goes (another step, "Start
 * over", "Verify with something else") or the element leaves the page.
 */
class WebAuthnStep extends AsyncDirective {
  private host?: ViewHost;
  private ctrl?: AbortController;
  private working = false;
  private attempted = false;
  private failure?: WebAuthnFailure;

  constructor(part: PartInfo) {
    super(part);
  }

  render(h: ViewHost): TemplateResult {
    this.host = h;
    return this.view(h);
  }

  protected override disconnected(): void {
    this.ctrl?.abort();
    this.ctrl = undefined;
    this.working = false;
  }

  private refresh(): void {
    if (this.isConnected && this.host) this.setValue(this.view(this.host));
  }

  private async start(): Promise<void> {
    const h = this.host;
    if (!h || this.working || h.pending) return;
    this.ctrl?.abort();
    const ctrl = (this.ctrl = new AbortController());
    this.working = true;
    this.failure = undefined;
    this.refresh();
    let ceremony: Ceremony | undefined;
    try {
      ceremony = await loadCeremony();
      const { status, webauthn } = h.state;
      const credential =
        status === 'AwaitingWebAuthnEnrollment'
          ? await ceremony.createCredential(webauthn?.creationOptions, ctrl.signal)
          : await ceremony.getAssertion(webauthn?.requestOptions, ctrl.signal);
      if (ctrl.signal.aborted) return;
      this.working = false;
      this.attempted = true;
      this.refresh();
      // The org checks the answer; its refusal shows in the element's error region, with the next challenge here.
      (this.host ?? h).act('verifyWebAuthn', credential);
    } catch (error) {
      if (ctrl.signal.aborted) return;
      this.working = false;
      this.attempted = true;
      this.failure = ceremony ? ceremony.failureOf(error, ctrl.signal) : 'failed';
      if (this.failure === 'aborted') this.failure = undefined;
      this.refresh();
    }
  }

  private view(h: ViewHost): TemplateResult {
    const t = h.t.webauthn;
    const enroll = h.state.status === 'AwaitingWebAuthnEnrollment';
    const failure = hasWebAuthn() ? this.failure : 'unsupported';
    const busy = this.working || h.pending;
    const canStart = failure !== 'unsupported' && failure !== 'security';
    const label = this.attempted ? t.tryAgain : enroll ? t.enroll : t.verify;
    return html`<div class="col" part="webauthn">
      <h2 part="title" tabindex="-1">${enroll ? t.enrollTitle : t.verifyTitle}</h2>
      <p part="webauthn-help">${enroll ? t.enrollHelp : t.help}</p>
      <p part="webauthn-failure" role="alert">${failure ? FAILURE_TEXT[failure](t) : nothing}</p>
      <p part="webauthn-progress" role="status">${this.working ? t.working : nothing}</p>
      ${canStart
        ? html`<button type="button" part="submit webauthn-start" ?disabled=${busy} @click=${() => this.start()}>${label}</button>`
        : nothing}
      ${otherAuthenticator(h)} ${skipButton(h)}
    </div>`;
  }
}

type WebAuthnStrings = ViewHost['t']['webauthn'];

const FAILURE_TEXT: Record<WebAuthnFailure, (t: WebAuthnStrings) => string> = {
  cancelled: (t) => t.cancelled,
  'already-registered': (t) => t.alreadyRegistered,
  security: (t) => t.security,
  unsupported: (t) => t.unsupported,
  aborted: (t) => t.cancelled,
  failed: (t) => t.failed,
};

const webauthnStep = directive(WebAuthnStep);

/** `AwaitingWebAuthnEnrollment` and `AwaitingWebAuthnChallenge`. */
export const webauthnView = (h: ViewHost) => html`${webauthnStep(h)}`;
