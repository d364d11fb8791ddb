import { LitElement, html, nothing } from 'lit';
import type { SignInFlow } from '../../core/flow.js';
import { FlowError, toFlowError, type EnrollmentChannel, type ErrorCode, type FlowState, type Transport } from '../../core/types.js';
import type { FlowAction } from '../../core/flow-rules.js';
import { BACKEND_ENDPOINTS, kebabCase, type BackendEndpoint, type TransportConfig } from '../../transports/config.js';
import { createTransport } from '../../transports/create.js';
import { emit, type OktaAuthenticatorSelectEvent } from '../shared/events.js';
import { errorDetail, errorText, format } from '../shared/messages.js';
import { Translator, type StringsOverride } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { signinStyles } from './okta-signin.styles.js';
import { FIRST_VIEWS, loadStepViews, type Views } from './views/index.js';
import type { ViewHost } from './views/host.js';
import { define } from '../shared/define.js';
import { errorUnderHeading } from './error-under-heading.js';
import { stepLinks } from './views/links.js';
import { PasskeyOffer } from './passkey-offer.js';
import { LightFields } from './light-fields.js';
import { adoptFieldStyles } from './light-fields.styles.js';

// Errors about what the user typed: the view's fields are marked invalid while one is shown.
const ENTRY_ERRORS: readonly ErrorCode[] = ['invalid_credentials', 'invalid_code', 'invalid_input'];

// Every other reactive property configures the transport: changing one starts a new flow.
const LOCAL: PropertyKey[] = [
  'allowedOrigins', 'navigate', 'flowState', 'pending', 'error', 'mismatch', 'username', 'waiting', 'strings', 'resendDelay', 'revealed', 'rulesMet', 'fields',
  'idpDisplay', 'hostedFallback',
];
// The error the two new passwords' mismatch shows.
const MISMATCH = new FlowError('invalid_input', 'The two passwords do not match.');

/**
 * The whole embedded sign-in flow with Okta Verify: username and password, authenticator choice, enrollment
 * (QR code, email or SMS link), push with number challenge, code entry, password change, skip and start over;
 * Email, Phone (text message or voice call) and Google Authenticator codes, to verify and to enroll, with
 * "Send again" and "Verify with something else"; the password asked for on its own, "Forgot password?" and the
 * new password with the org's rules, and a show-password toggle on every password field; any step Okta describes as
 * plain fields (registration, account unlock, consent, keep me signed in, the password expiry warning, the security
 * question, passcode authenticators, ...) as one generic form, and "Sign up" / "Unlock account" where Okta offers them;
 * the org's identity providers (buttons on the form, the IdP as a step, identity verification), and the org's own
 * sign-in page for a step no web page can answer. On IDX mode's `redirect-uri` it finishes a sign-in that comes back
 * from them by itself.
 * Backend mode with `backend`, IDX mode with `issuer` + `client-id` + `redirect-uri`.
 *
 * @attr {string} login-endpoint - Replaces the URL of the `login` endpoint (default: `backend` + its contract path); property `loginEndpoint`.
 * @attr {string} state-endpoint - Replaces the URL of the `state` endpoint (default: `backend` + its contract path); property `stateEndpoint`.
 * @attr {string} select-authenticator-endpoint - Replaces the URL of the `select-authenticator` endpoint (default: `backend` + its contract path); property `selectAuthenticatorEndpoint`.
 * @attr {string} enrollment-channel-endpoint - Replaces the URL of the `enrollment-channel` endpoint (default: `backend` + its contract path); property `enrollmentChannelEndpoint`.
 * @attr {string} enrollment-channel-data-endpoint - Replaces the URL of the `enrollment-channel-data` endpoint (default: `backend` + its contract path); property `enrollmentChannelDataEndpoint`.
 * @attr {string} verify-code-endpoint - Replaces the URL of the `verify-code` endpoint (default: `backend` + its contract path); property `verifyCodeEndpoint`.
 * @attr {string} enrollment-data-endpoint - Replaces the URL of the `enrollment-data` endpoint (default: `backend` + its contract path); property `enrollmentDataEndpoint`.
 * @attr {string} resend-endpoint - Replaces the URL of the `resend` endpoint (default: `backend` + its contract path); property `resendEndpoint`.
 * @attr {string} change-password-endpoint - Replaces the URL of the `change-password` endpoint (default: `backend` + its contract path); property `changePasswordEndpoint`.
 * @attr {string} verify-password-endpoint - Replaces the URL of the `verify-password` endpoint (default: `backend` + its contract path); property `verifyPasswordEndpoint`.
 * @attr {string} recover-endpoint - Replaces the URL of the `recover` endpoint (default: `backend` + its contract path); property `recoverEndpoint`.
 * @attr {string} username - Fills the username field of the sign-in form and of the recovery form.
 * @attr {'light' | 'shadow'} fields - Where the element's own sign-in fields live: `light` (the default), a
 *   `<form slot="credentials" data-okta-signin-fields>` the element renders into its light DOM, where password
 *   managers see them; `shadow`, inside its shadow root. A page's own `<form slot="credentials">` replaces either.
 * @attr {boolean} defer-hydration - On an element put on the page with it, the element waits until it is removed: no
 *   request, no event, no light-DOM form. The React bindings render it and remove it once React has set the
 *   element's properties (server-rendered or not).
 * @attr {string} webauthn-endpoint - Replaces the URL of the `webauthn` endpoint (default: `backend` + its contract path); property `webauthnEndpoint`.
 * @attr {string} skip-endpoint - Replaces the URL of the `skip` endpoint (default: `backend` + its contract path); property `skipEndpoint`.
 * @attr {string} cancel-endpoint - Replaces the URL of the `cancel` endpoint (default: `backend` + its contract path); property `cancelEndpoint`.
 * @attr {string} proceed-endpoint - Replaces the URL of the `proceed` endpoint (default: `backend` + its contract path); property `proceedEndpoint`.
 * @attr {string} enroll-poll-endpoint - Replaces the URL of the `enroll-poll` endpoint (default: `backend` + its contract path); property `enrollPollEndpoint`.
 * @attr {string} challenge-poll-endpoint - Replaces the URL of the `challenge-poll` endpoint (default: `backend` + its contract path); property `challengePollEndpoint`.
 * @attr {string} idp-endpoint - Replaces the URL the page goes to for an identity provider (default: `backend` + `/idp`; the IdP's id is added after it); property `idpEndpoint`.
 * @attr {string} authorize-endpoint - Replaces the URL the page goes to for the org's own sign-in page (default: `backend` + `/authorize`); property `authorizeEndpoint`.
 * @attr {'secondary' | 'primary' | 'none'} idp-display - Where the sign-in form's identity provider buttons go:
 *   `secondary` (the default) after the form, `primary` before it, `none` nowhere (`okta-status-change` still lists them).
 * @attr {'off'} hosted-fallback - `off`: a step no web page can answer (Okta FastPass, Duo, ...) is only an error; by
 *   default the element also offers to finish on the org's own sign-in page.
 * @fires okta-status-change - `{ status, previousStatus, authenticators?, canSkip?, enrollment?, challenge?, message?, authenticator?, code?, canResend?, canRecover?, passwordRules?, form?, links?, idps? }`
 * @fires okta-success - `{ next?, tokens? }`; cancelable: `preventDefault()` stops the navigation to `next`.
 * @fires okta-error - `{ code, message, retryable, reason?, step?, hint? }`: `reason` where the code says too little
 *   (`unsupported-step`, `redirect-denied`, ...), `step` the name of a step no page can answer; `hint`, for developers
 *   and never shown, says what to fix
 * @fires okta-authenticator-select - from the inner picker.
 * @fires okta-poll - `{ continuePolling, refresh }` on every poll reply.
 * @fires okta-poll-complete - `{ next, status }` when polling ends, just before the next view.
 * @slot credentials - The sign-in form: by default the one the element renders here itself (see `fields`), or the
 *   page's own (`<form slot="credentials" method="dialog">` with fields named `username` and `password` and a submit
 *   button), shown instead of the element's: it works before the script has loaded. The element sets `aria-invalid`
 *   on its fields and disables its submit buttons while busy, and offers passkey autofill when its username field
 *   says `autocomplete="username webauthn"`.
 * @slot logo - Shown above every view, centred, e.g. `<img slot="logo" src="/logo.svg" alt="Example Inc.">` (style
 *   it in the page: it stays in the page's DOM).
 * @slot footer - Shown below every view, e.g. help links: `<nav slot="footer" aria-label="Help">…</nav>`.
 * @csspart container - The card around every view.
 * @csspart title - Each view's heading (also `success` and `terminal` on the outcome views).
 * @csspart success - The heading of the signed-in view.
 * @csspart terminal - The heading of the view after a sign-in that did not finish.
 * @csspart form - Each view's form.
 * @csspart credentials - The sign-in form, with `fields="shadow"` (by default it is in the light DOM, out of reach of
 *   `::part()`: style `okta-signin > form[data-okta-signin-fields]` instead).
 * @csspart channels - The form to choose how to set up Okta Verify.
 * @csspart channel-data - The form for the email address or phone number a setup link goes to.
 * @csspart code - The code form (Okta Verify, Google Authenticator, email, text message or voice call), and its code field.
 * @csspart password-change - The form to change an expired password.
 * @csspart password-only - The form of the password asked for on its own.
 * @csspart recovery - The form that asks whose password is forgotten.
 * @csspart password-reset - The form of the new password chosen in recovery.
 * @csspart label - Field labels.
 * @csspart input - Text fields.
 * @csspart username - The username field, with `fields="shadow"`.
 * @csspart password - The password field, with `fields="shadow"` (and in the password asked on its own).
 * @csspart contact - The email address or phone number field.
 * @csspart new-password - The new password field.
 * @csspart confirm-password - The field that repeats the new password.
 * @csspart submit - Each view's main button.
 * @csspart cancel - The "Start over" button.
 * @csspart error - The error message (`role="alert"`), right under the view's heading.
 * @csspart message - Informational text from the server.
 * @csspart picker - The inner `<authenticator-picker>`; its `option`, `group`, `skip` parts are exported.
 * @csspart poller - The inner `<okta-verify-poller>`, which shows the progress of the flow's polling.
 * @csspart qr - The QR code image.
 * @csspart number - The number to tap in Okta Verify.
 * @csspart sent-to - Where the setup link or the code went.
 * @csspart other-way - "Can't scan? Set up another way".
 * @csspart channel-group - The group of enrollment channel choices.
 * @csspart channel - One enrollment channel choice.
 * @csspart resend - "Send again" (code, push or link), disabled with a countdown after each send.
 * @csspart other-authenticator - "Verify with something else" / "Set up something else": back to the picker.
 * @csspart help - What to do on a code view (open the app and enter its code), the help of a step form, where an
 *   identity provider step goes, and what a step no page can answer offers.
 * @csspart idps - The group of identity provider buttons (on the sign-in form and on an identity provider step).
 * @csspart idp - One identity provider's button ("Sign in with Google"; `data-idp` holds Okta's id).
 * @csspart idp-logo - The logo Okta gives for an identity provider (an `<img>`, https or inline images only).
 * @csspart idp-step - The step that continues at an identity provider (an IdP authenticator, identity verification).
 * @csspart unsupported - The view of a step no web page can answer.
 * @csspart hosted - "Continue on the sign-in page": the org's own sign-in page finishes the sign-in.
 * @csspart secret-group - Google Authenticator's key for typing in by hand, with its label and "Copy key".
 * @csspart secret - The key, in groups of four characters.
 * @csspart copy - "Copy key".
 * @csspart phone - The form for the phone number to enroll.
 * @csspart phone-number - The phone number field.
 * @csspart hint - The phone number's format hint.
 * @csspart method-group - The choice of text message or voice call.
 * @csspart method - One of them.
 * @csspart skip - "Skip for now" on an optional enrollment's code or phone view.
 * @csspart reveal - The show-password toggle beside every password field.
 * @csspart forgot - "Forgot password?".
 * @csspart identifier - The username the password is asked for.
 * @csspart rules - The org's password rules, as a checklist.
 * @csspart rule - One rule of the checklist (also `rule-met` once the typed password meets it).
 * @csspart rule-met - A rule the typed password meets.
 * @csspart rules-summary - How many rules are met (a polite live region).
 * @csspart webauthn - The security key or biometric view.
 * @csspart webauthn-help - What the security key step will ask for.
 * @csspart webauthn-start - The button that starts the security key ceremony ("Set up", "Verify", "Try again").
 * @csspart webauthn-progress - The status line while the browser asks for the key (`role="status"`).
 * @csspart webauthn-failure - Why the security key ceremony failed (`role="alert"`).
 * @csspart step-form - The form of a step Okta describes as plain fields (`AwaitingInput`): registration, unlock, consent, ...
 * @csspart field - A field of the step form (also on `input`).
 * @csspart checkbox - A yes/no field of the step form.
 * @csspart select - A choice among many options.
 * @csspart field-group - A group of radios (a `fieldset`), or a checkbox with its label.
 * @csspart option - One radio of a choice, with its label.
 * @csspart field-option - The radio itself.
 * @csspart option-fields - The fields a chosen option brings (the security question's "write your own").
 * @csspart optional - "(optional)" after the label of a field that may stay empty.
 * @csspart field-error - An error under its field (Okta's, or the element's check).
 * @csspart choices - The step's own buttons, when it has them.
 * @csspart choice - One of them (consent "Allow Access" / "Don't Allow", keep me signed in yes / no).
 * @csspart context - What the step is about (the app asking for consent).
 * @csspart scopes - The scopes an app asks for.
 * @csspart question - The security question to answer.
 * @csspart notices - Okta's notices (the device's grace period).
 * @csspart link - Another way forward Okta offers beside the step ("Sign up", "Unlock account").
 * @tagname okta-signin
 * @cssprop --okta-signin-color - Text color (light `#1d1d21`, dark `#ececf1`).
 * @cssprop --okta-signin-background - Background (light `#fff`, dark `#1d1d21`).
 * @cssprop --okta-signin-accent - Buttons, focus rings, selection (light `#1662dd`, dark `#6ea1ff`).
 * @cssprop --okta-signin-on-accent - Text on the accent color (light `#fff`, dark `#0b0b0e`).
 * @cssprop --okta-signin-border-color - Field and option borders (light `#8c8c96`, dark `#77777f`).
 * @cssprop --okta-signin-error-color - Error text (light `#c4161c`, dark `#ff8a8a`).
 * @cssprop [--okta-signin-radius=6px] - Corner radius.
 * @cssprop [--okta-signin-gap=0.75rem] - Space between pieces.
 * @cssprop [--okta-signin-font=inherit] - Font.
 * @cssprop [--okta-signin-width=24rem] - Maximum width.
 * @cssprop [--okta-signin-padding=1.5rem] - Padding inside the card.
 * @cssprop [--okta-signin-number-size=3rem] - Size of the number-challenge digits.
 */
export class OktaSignin extends LitElement {
  static override styles = [baseStyles, signinStyles];
  static override properties = {
    backend: {},
    csrfToken: { attribute: 'csrf-token' },
    csrfHeader: { attribute: 'csrf-header' },
    allowedOrigins: { attribute: 'allowed-origins' },
    issuer: {},
    clientId: { attribute: 'client-id' },
    redirectUri: { attribute: 'redirect-uri' },
    scopes: {},
    tokenStorage: { attribute: 'token-storage' },
    resendDelay: { type: Number, attribute: 'resend-delay' },
    authClient: { attribute: false },
    transport: { attribute: false },
    navigate: { attribute: false },
    strings: { attribute: false },
    flowState: { attribute: false },
    pending: { state: true },
    error: { state: true },
    mismatch: { state: true },
    username: {},
    fields: {},
    idpDisplay: { attribute: 'idp-display' },
    hostedFallback: { attribute: 'hosted-fallback' },
    waiting: { state: true },
    revealed: { state: true },
    rulesMet: { state: true },
    ...Object.fromEntries(BACKEND_ENDPOINTS.map((p) => [`${p}Endpoint`, { attribute: `${kebabCase(p)}-endpoint` }])),
  };

  /** Backend mode: base URL of the site's sign-in endpoints. */
  backend?: string;
  /** Backend mode: a CSRF token sent on every POST; default: the content of `<meta name="csrf-token">`. */
  csrfToken?: string;
  /** Backend mode: the header the CSRF token goes in; default `X-CSRF-Token`. */
  csrfHeader?: string;
  /** Space-separated origins that `next` may point to besides this page's. */
  allowedOrigins = '';
  /** IDX mode: the authorization server. */
  issuer?: string;
  /** IDX mode: the client id of the org's single-page app (required with `issuer`). */
  clientId?: string;
  /** IDX mode: a sign-in redirect URI registered on that app (required with `issuer`; never navigated to). */
  redirectUri?: string;
  /** IDX mode: space-separated scopes; default `openid profile email`. */
  scopes?: string;
  /**
   * IDX mode: where okta-auth-js's token manager keeps the tokens: `memory`, `localStorage`, `sessionStorage` or
   * `cookie`; `none` or unset keeps them nowhere (they are only in `okta-success`).
   */
  tokenStorage?: TransportConfig['tokenStorage'];
  /** IDX mode: an existing OktaAuth instance (okta-auth-js 8) to run the flow with; its options replace the attributes'. */
  authClient?: unknown;
  /** Any Transport (from the core), instead of the one the attributes describe. Changing it, or a mode attribute, starts a new flow. */
  transport?: Transport;
  /**
   * Seconds "Send again" stays disabled (with a countdown) after a code, push or link is sent; match it to the
   * org's limit on sending again (Okta's default is 30 s).
   */
  resendDelay = 30;
  /** Replaces `location.assign` for the navigation after success. */
  navigate?: (url: string) => void;
  /**
   * Text for this element only, over its language's (`lang` on it or an ancestor, else the browser's):
   * any part of the table, e.g. `{ signIn: 'Log in', errors: { network: '...' } }`. The inner picker and poller get it too.
   */
  strings?: StringsOverride;

  /** Read only: the current flow state (`status` and the data its view shows). */
  flowState: FlowState = { status: 'Idle' };
  private pending = false;
  // Kept as the error, not its text, so that a change of language re-words it.
  private error: FlowError | null = null;
  private mismatch = false;
  /**
   * The username in the sign-in form and the recovery form: set it to fill them in; it follows what the user types.
   * The password is never kept.
   */
  username = '';
  /**
   * Where the element's own sign-in fields live. `light` (the default): in a form it renders into its light DOM,
   * where password managers and the browser's autofill see them (many do not look into shadow roots). `shadow`:
   * inside its shadow root, out of reach of the page's scripts and styles.
   */
  fields: 'light' | 'shadow' = 'light';
  /**
   * Where the sign-in form's identity provider buttons go: `secondary` (the default) after the form, `primary` before
   * its fields, `none` nowhere (`okta-status-change` still lists them, for buttons of the page's own).
   */
  idpDisplay?: 'primary' | 'secondary' | 'none';
  /**
   * `off`: a step no web page can answer (Okta FastPass, Duo, ...) is only an error; by default the element also
   * offers to finish on the org's own sign-in page.
   */
  hostedFallback?: 'off';
  private light = new LightFields(this);
  private passkeys = new PasskeyOffer();
  // A form the page adds or removes in the credentials slot replaces the element's own, or brings it back.
  private childWatch = new MutationObserver(() => this.requestUpdate());
  // Password fields shown as text (show-password toggles), by id; reset with every new view.
  private revealed: string[] = [];
  // The rules the new password typed so far meets, by name: the password itself is never kept.
  private rulesMet: string[] = [];
  private flow?: SignInFlow;
  // The transport of the current setup, and its flow while the flow's code loads.
  private flowTransport?: Transport;
  private flowLoading?: Promise<SignInFlow | undefined>;
  private views: Views = FIRST_VIEWS;
  private viewsLoading?: Promise<void>;
  // States are shown in order, each once its view is here.
  private shown: Promise<void> = Promise.resolve();
  private waiting = 0;
  private dirty = true;
  // Whether the user is working in the form. Focus that falls to the body (a view re-rendered under it) keeps it
  // so; focus moved elsewhere on the page ends it.
  private engaged = false;
  private i18n = new Translator(this);

  constructor() {
    super();
    // The page's own sign-in form lives in the light DOM: its submit event reaches this element, not the views.
    this.addEventListener('submit', (e) => {
      if (!e.target || e.target !== this.credentialsForm()) return;
      if (this.flowState.status === 'Idle') this.onSubmit(e);
      else e.preventDefault();
    });
    this.addEventListener('focusin', () => {
      this.engaged = true;
      // Someone is about to sign in: the next step's views load while they type, not after they submit.
      if (this.flowState.status === 'Idle' && this.isConnected) void this.loadViews();
    });
    this.addEventListener('focusout', (e) => {
      const to = e.relatedTarget as Node | null;
      if (to && !this.contains(to)) this.engaged = false;
    });
  }

  /**
   * The flow behind the element (for apps that want to drive it from code). Its code loads alongside the
   * transport's once the element is on the page: undefined until then (`signInFlowReady` waits for it).
   */
  get signInFlow(): SignInFlow | undefined {
    return this.flow;
  }

  /** Resolves with `signInFlow` once it is there; undefined when the element is not set up (no transport). */
  get signInFlowReady(): Promise<SignInFlow | undefined> {
    return this.flow ? Promise.resolve(this.flow) : this.flowTransport ? this.startFlow(this.flowTransport) : Promise.resolve(undefined);
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'defer-hydration'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name !== 'defer-hydration') return super.attributeChangedCallback(name, old, value);
    if (value === null && this.isConnected) this.connectedCallback();
  }

  override connectedCallback(): void {
    // A framework that server-renders the element sets its properties only when it hydrates: until then the element
    // neither reports a configuration it does not have yet nor adds a form to children the framework owns.
    if (this.hasAttribute('defer-hydration')) return;
    super.connectedCallback();
    this.childWatch.observe(this, { childList: true });
    this.dirty = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childWatch.disconnect();
    this.passkeys.stop();
    this.light.detach();
    this.flow?.dispose();
    this.flow = undefined;
    // A flow whose code arrives after this starts nothing.
    this.flowTransport = undefined;
    this.flowLoading = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    this.i18n.refresh();
    if ([...changed.keys()].some((k) => !LOCAL.includes(k))) this.dirty = true;
    if (this.dirty && this.isConnected) this.setup();
    // The element's own light-DOM form, unless the page gave one or the fields are to stay in the shadow root.
    const pageForm = this.pageForm();
    if (this.isConnected && this.fields !== 'shadow' && !pageForm) this.light.attach();
    else this.light.detach();
    // A form made to look like the element's own (the React bindings' SignInForm) gets its styles.
    if (this.isConnected && pageForm?.hasAttribute('data-okta-signin-form')) adoptFieldStyles(this.getRootNode());
  }

  /** A request is in flight, or the next view still loads after its request. */
  private get busy(): boolean {
    return this.pending || this.waiting > 0;
  }

  /** The error shown is about what the user entered. */
  private get invalid(): boolean {
    return ENTRY_ERRORS.includes(this.error?.code as ErrorCode);
  }

  /** The page's own sign-in form, if it gave one. */
  private pageForm(): HTMLFormElement | null {
    return this.querySelector<HTMLFormElement>(':scope > form[slot="credentials"]:not([data-okta-signin-fields])');
  }

  /** The sign-in form in the light DOM: the page's own, else the element's. */
  private credentialsForm(): HTMLFormElement | null {
    return this.pageForm() ?? this.light.element;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    this.light.render(this.viewHost(), this.errorMessage(), this.i18n.lang, this.i18n.dir);
    // The page's form cannot read this element's state: its submit buttons follow the pending state here, and its
    // fields say whether the error shown is about them (properties and attributes only: the page, or React, owns its
    // nodes).
    const page = this.pageForm();
    for (const c of page?.querySelectorAll<HTMLButtonElement>('button:not([type]),[type=submit],[name=username],[name=password]') ?? []) {
      if (c.type == 'submit') c.disabled = this.busy;
      else c.ariaInvalid = this.invalid ? 'true' : null;
    }
    // Passkey autofill while the server offers it and no request runs: on the element's own form, and on the page's
    // own when its field asks for passkeys in its autofill (`autocomplete="username webauthn"`). An element that
    // left the page may still render once (its flow stopping): it starts nothing.
    const s = this.flowState;
    const passkeyField = !page || page.querySelector('[autocomplete~=webauthn i]');
    const offer = s.status === 'Idle' && !this.busy && this.isConnected && passkeyField ? s.webauthn?.requestOptions : undefined;
    this.passkeys.follow(offer, (assertion) => this.act('verifyWebAuthn', assertion));
    const prev = changed.get('flowState') as FlowState | undefined;
    // Follow the user into the new view, but never pull focus into the form from elsewhere on the page.
    if (prev && prev.status !== this.flowState.status && this.engaged) {
      this.renderRoot.querySelector<HTMLElement>('[part~=title]')?.focus();
    }
  }

  private setup() {
    this.dirty = false;
    this.flow?.dispose();
    this.flow = undefined;
    this.flowTransport = undefined;
    this.flowLoading = undefined;
    this.flowState = { status: 'Idle' };
    this.pending = false;
    this.error = null;
    let transport: Transport;
    try {
      transport = this.transport ?? createTransport(this.config());
    } catch (e) {
      this.showError(toFlowError(e));
      return;
    }
    this.flowTransport = transport;
    void this.startFlow(transport);
  }

  /**
   * Loads the flow's code (in parallel with the transport's, which `createTransport` has started), then makes and
   * starts the flow; once per setup. A failed download is reported, and the next action tries again.
   */
  private startFlow(transport: Transport): Promise<SignInFlow | undefined> {
    // The navigation after success comes in the same file as the flow.
    this.flowLoading ??= Promise.all([import('../../core/flow.js'), import('../../core/safe-navigation.js')]).then(
      ([{ SignInFlow }, navigation]) => {
        if (this.flowTransport !== transport) return undefined;
        return this.flow ?? this.makeFlow(SignInFlow, transport, navigation);
      },
      (cause) => {
        if (this.flowTransport !== transport) return undefined;
        this.flowLoading = undefined;
        this.showError(new FlowError('network', 'flow did not load', { retryable: true, reason: 'load-failed', cause }));
        return undefined;
      },
    );
    return this.flowLoading;
  }

  private makeFlow(
    Flow: typeof SignInFlow,
    transport: Transport,
    { navigateSafely, parseAllowedOrigins }: typeof import('../../core/safe-navigation.js'),
  ): SignInFlow {
    // Where the page may go: its own origin, `allowed-origins`, and in IDX mode Okta's (identity providers, its sign-in page).
    const navigation = () => ({ allowedOrigins: parseAllowedOrigins(`${this.allowedOrigins} ${this.issuer}`), navigate: this.navigate });
    const flow = (this.flow = new Flow(transport, { navigation }));
    flow.addEventListener('pendingchange', (e) => (this.pending = e.pending));
    flow.addEventListener('error', (e) => this.showError(e.error));
    flow.addEventListener('statechange', ({ state, previous }) => {
      const clearError = !flow.error;
      const ready = this.views[state.status] ? undefined : this.loadViews();
      // The sign-in form's identity provider buttons come with the later steps' views; the form works meanwhile.
      if (state.idps) void this.loadViews();
      const show = () => {
        if (this.flow !== flow) return;
        this.flowState = state;
        this.mismatch = false;
        this.revealed = [];
        this.rulesMet = [];
        if (clearError) this.error = null;
        const { status, authenticators, canSkip, enrollment, challenge, message, authenticator, code, canResend, canRecover, passwordRules, form, links, idps } = state;
        emit(this, 'okta-status-change', {
          status,
          previousStatus: previous.status,
          authenticators,
          canSkip,
          enrollment,
          challenge,
          message,
          authenticator,
          code: code && { sentTo: code.sentTo },
          canResend,
          canRecover,
          passwordRules,
          form,
          links,
          idps,
        });
      };
      // A state whose view is still loading waits for it, and so do the states after it.
      if (!ready && !this.waiting) return show();
      this.waiting++;
      this.shown = this.shown
        .then(() => ready)
        .then(show)
        .finally(() => this.waiting--);
    });
    flow.addEventListener('poll', ({ result }) =>
      emit(this, 'okta-poll', { continuePolling: result.continuePolling, refresh: result.refresh }),
    );
    flow.addEventListener('pollcomplete', (e) => emit(this, 'okta-poll-complete', { next: e.result.next, status: e.state.status }, true));
    flow.addEventListener('success', (e) => {
      if (!emit(this, 'okta-success', { next: e.next, tokens: e.tokens }, true) || !e.next) return;
      const ok = navigateSafely(e.next, navigation());
      if (!ok) this.showError(new FlowError('unsafe_navigation', 'The next page is not allowed.'));
    });
    flow.start();
    return flow;
  }

  private config(): TransportConfig {
    const endpoints: Partial<Record<BackendEndpoint, string>> = {};
    for (const p of BACKEND_ENDPOINTS) {
      const v = (this as unknown as Record<string, string | undefined>)[`${p}Endpoint`];
      if (v) endpoints[p] = v;
    }
    return {
      backend: this.backend,
      endpoints,
      csrfToken: this.csrfToken ?? document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content,
      csrfHeader: this.csrfHeader,
      issuer: this.issuer,
      clientId: this.clientId,
      redirectUri: this.redirectUri,
      scopes: this.scopes?.split(/\s+/).filter(Boolean),
      tokenStorage: this.tokenStorage,
      authClient: this.authClient,
    };
  }

  /** Loads the views of the later steps once; a failed load is reported and may be tried again. */
  private loadViews(): Promise<void> {
    this.viewsLoading ??= loadStepViews().then(
      (views) => {
        this.views = { ...FIRST_VIEWS, ...views };
        // A view already shown may have one of its own now (the sign-in form's identity provider buttons).
        this.requestUpdate();
      },
      (cause) => {
        this.viewsLoading = undefined;
        this.showError(new FlowError('network', 'views did not load', { retryable: true, reason: 'load-failed', cause }));
      },
    );
    return this.viewsLoading;
  }

  private showError(e: FlowError) {
    this.error = e;
    emit(this, 'okta-error', errorDetail(e, this.i18n.t));
  }

  /**
   * Runs one flow action when the flow allows it; errors arrive through the flow's `error` event. `sent` runs once
   * the action has gone to the transport (or could not run at all).
   */
  private act<A extends FlowAction>(action: A, input?: Parameters<SignInFlow[A]>[0], sent?: () => void) {
    const flow = this.flow;
    // "Forgot password?" under the page's own form: the recovery form starts with the username typed there.
    const typed = this.credentialsForm()?.querySelector<HTMLInputElement>('[name=username]')?.value.trim();
    if (action === 'recover' && !input && typed && this.flowState.status === 'Idle') this.username = typed;
    const run = (flow: SignInFlow | undefined) => {
      if (flow?.can(action)) {
        Promise.resolve((flow[action] as (i: unknown) => unknown)(input)).catch((e) => this.showError(toFlowError(e)));
      }
      sent?.();
    };
    if (flow || !this.flowTransport) return run(flow);
    // A submit before the flow's code has arrived waits for it, with the form busy meanwhile.
    this.waiting++;
    void this.startFlow(this.flowTransport)
      .then(run)
      .finally(() => this.waiting--);
  }

  // View listeners. Lit calls a template's listener with this element as `this`, so the views get them unbound.

  private onUsername(e: Event) {
    this.username = (e.target as HTMLInputElement).value;
  }

  private onSelect(e: OktaAuthenticatorSelectEvent) {
    this.act('selectAuthenticator', e.detail.authenticator);
  }

  private onReveal(e: Event) {
    const id = (e.currentTarget as HTMLElement).getAttribute('aria-controls') ?? '';
    this.revealed = this.revealed.includes(id) ? this.revealed.filter((r) => r !== id) : [...this.revealed, id];
  }

  private onSkip() {
    this.act('skip');
  }

  private onOtherWay() {
    this.act('showEnrollmentChannels');
  }

  /**
   * Every view's form: what it sends depends on the status. Secrets leave the fields once the request is on its
   * way, not before: a password manager that watches the submit still sees what was typed.
   */
  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const sent = () => {
      for (const input of form.querySelectorAll<HTMLInputElement>('[autocomplete$=password],[type=password],[name=code]')) input.value = '';
    };
    this.revealed = [];
    this.rulesMet = [];
    switch (this.flowState.status) {
      case 'Idle':
        this.username = data.username.trim();
        // The next step's view loads while the password is checked.
        void this.loadViews();
        return this.act('login', { username: this.username, password: data.password }, sent);
      case 'AwaitingEnrollmentChannelSelection':
        return this.act('selectEnrollmentChannel', data.channel as EnrollmentChannel, sent);
      case 'AwaitingEnrollmentChannelData': {
        const v = data.contact.trim();
        return this.act('sendEnrollmentChannelData', this.flowState.enrollment?.channel === 'sms' ? { phoneNumber: v } : { email: v }, sent);
      }
      case 'AwaitingPassword':
        return this.act('verifyPassword', { password: data.password }, sent);
      case 'AwaitingRecoveryIdentifier':
        this.username = data.username.trim();
        return this.act('recover', { username: this.username }, sent);
      case 'PasswordExpired':
      case 'AwaitingPasswordReset':
        this.mismatch = data.newPassword !== data.confirmPassword;
        if (this.mismatch) {
          this.error = MISMATCH;
          return sent();
        }
        return this.act('changePassword', { newPassword: data.newPassword }, sent);
      default:
        return sent();
    }
  }

  private onCancel() {
    this.act('cancel');
  }

  /** What the views may see of this element. */
  private viewHost(): ViewHost {
    const { flowState: state, flow, mismatch, username, revealed, rulesMet, idpDisplay, hostedFallback } = this;
    const { onSubmit, onUsername, onSelect, onSkip, onOtherWay, onReveal } = this;
    const pending = this.busy;
    const lightForm = !!this.credentialsForm();
    const e = this.error;
    const invalid = this.invalid;
    const act: ViewHost['act'] = (action, input) => this.act(action, input);
    const onRulesMet = (met: readonly string[]) => {
      if (met.join() !== this.rulesMet.join()) this.rulesMet = [...met];
    };
    const resendDelay = Number.isFinite(this.resendDelay) && this.resendDelay >= 0 ? this.resendDelay : 30;
    const onMismatch = () => {
      this.mismatch = true;
      this.error = MISMATCH;
    };
    return {
      state, flow, pending, mismatch, invalid, username, lightForm, resendDelay, t: this.i18n.t, onSubmit, onUsername, onSelect, onSkip, onOtherWay, act,
      revealed, onReveal, rulesMet, onRulesMet, fieldErrors: e?.fields ?? [], onMismatch, idpDisplay, hostedFallback,
    };
  }

  /** The text of the error shown, if any. */
  private errorMessage(): string {
    const e = this.error;
    return e === MISMATCH ? this.i18n.t.mismatch : e ? errorText(e, this.i18n.t) : '';
  }

  protected override render() {
    const s = this.flowState;
    const { t, lang, dir } = this.i18n;
    const error = this.errorMessage();
    // Okta's message in the element's words when it has a sentence for its key; one that only repeats the error (an
    // expired session) is not shown twice.
    const text = (s.messageKey && Object.prototype.hasOwnProperty.call(t.oktaKeys, s.messageKey) && t.oktaKeys[s.messageKey as keyof typeof t.oktaKeys]) || s.message;
    const message = text && text !== error && s.message !== this.flow?.error?.message ? text : '';
    const n = s.status === 'AwaitingChallengePoll' ? s.challenge?.correctAnswer : undefined;
    const host = this.viewHost();
    // The logo above every view, the page's links below; the error region goes right under the view's heading.
    return html`<section part="container" lang=${lang} dir=${dir} aria-busy=${this.busy}>
      <slot name="logo"></slot>
      ${message ? html`<p part="message">${message}</p>` : nothing} ${this.views[s.status]?.(host) ?? nothing} ${stepLinks(host)}
      ${errorUnderHeading(error)}
      ${s.status === 'Idle'
        ? nothing
        : html`<button type="button" class="link" part="cancel" @click=${this.onCancel}>${t.startOver}</button>`}
      <slot name="footer"></slot>
      <div class="sr" aria-live="polite">${n == null ? nothing : format(t.numberSay, { n })}</div>
    </section>`;
  }
}

define('okta-signin', OktaSignin);

declare global {
  interface HTMLElementTagNameMap {
    'okta-signin': OktaSignin;
  }
}
