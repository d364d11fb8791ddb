import type { SignInFlow } from '../../../core/flow.js';
import type { FlowAction } from '../../../core/flow-rules.js';
import type { FieldError, FlowState } from '../../../core/types.js';
import type { OktaAuthenticatorSelectEvent } from '../../shared/events.js';
import type { Strings } from '../../shared/messages.js';

/**
 * What a view of `<okta-signin>` may read and call: the element's state and its listeners, nothing more.
 * The listeners are used only as template listeners, which Lit calls with the element as `this`.
 */
export interface ViewHost {
  readonly state: FlowState;
  /** The flow behind the element; the poller view shows its progress. */
  readonly flow: SignInFlow | undefined;
  /** A request is in flight: buttons are disabled. */
  readonly pending: boolean;
  /** The two new passwords differ. */
  readonly mismatch: boolean;
  /**
   * The error shown is about what the user entered: the view's fields say so (`aria-invalid`). Every field is
   * described by the error region (`aria-describedby="error"`), which is empty, and so says nothing, otherwise.
   */
  readonly invalid: boolean;
  /** The error shown names fields of a step form (Okta refused them, or they failed the checks): their errors. */
  readonly fieldErrors: readonly FieldError[];
  /** A new password typed twice does not match: the element says so. */
  onMismatch(): void;
  /** The username typed so far; kept across errors. */
  readonly username: string;
  /** The element's text, in its language with its overrides. */
  readonly t: Strings;
  /** Seconds "Send again" waits after each send. */
  readonly resendDelay: number;
  /**
   * The sign-in form is in the light DOM (`<form slot="credentials">`), the page's own or the one the element renders
   * there: the view shows it instead of a form in the shadow root.
   */
  readonly lightForm: boolean;
  onSubmit(e: SubmitEvent): void;
  onUsername(e: Event): void;
  onSelect(e: OktaAuthenticatorSelectEvent): void;
  onSkip(): void;
  onOtherWay(): void;
  /** Password fields shown as text by their show-password toggle, by field id. */
  readonly revealed: readonly string[];
  /** The show-password toggle (its `aria-controls` names the field). */
  onReveal(e: Event): void;
  /** New-password views: the org's rules the typed password meets so far (never the password itself). */
  readonly rulesMet: readonly string[];
  /** The new password field's input: the rules the typed password meets now (the view works them out). */
  onRulesMet(met: readonly string[]): void;
  /** Where the sign-in form's identity provider buttons go: `secondary` (after the form), `primary`, `none`. */
  readonly idpDisplay?: 'primary' | 'secondary' | 'none';
  /** A step no page can answer offers the org's own sign-in page (unless `hosted-fallback="off"`). */
  readonly hostedFallback?: 'off';
  /**
   * Runs a flow action when the flow allows it (errors show in the error region). Views of the later steps call
   * it from their own listeners: `h.act('resend')`, `h.act('verifyPassword', { password })`.
   */
  act<A extends FlowAction>(action: A, input?: Parameters<SignInFlow[A]>[0]): void;
}
