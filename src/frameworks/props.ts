/**
 * What an app may set on each element from a template, and the callbacks for its events: the shapes behind the
 * JSX, Vue and Svelte declarations in this folder.
 */
import type { OktaSignin } from '../elements/okta-signin/okta-signin.js';
import type { AuthenticatorPicker } from '../elements/authenticator-picker/authenticator-picker.js';
import type { OktaVerifyPoller } from '../elements/okta-verify-poller/okta-verify-poller.js';
import type { OktaEventMap } from '../elements/shared/events.js';
import type { BackendEndpoint } from '../transports/config.js';
import type { KebabCase } from './kebab.js';

export type OktaSigninProps = Partial<
  Pick<
    OktaSignin,
    | 'backend'
    | 'csrfToken'
    | 'csrfHeader'
    | 'allowedOrigins'
    | 'issuer'
    | 'clientId'
    | 'redirectUri'
    | 'scopes'
    | 'tokenStorage'
    | 'authClient'
    | 'transport'
    | 'navigate'
  >
> & { [K in BackendEndpoint as `${KebabCase<K>}-endpoint`]?: string };

export type AuthenticatorPickerProps = Partial<Pick<AuthenticatorPicker, 'authenticators' | 'mode' | 'canSkip' | 'disabled' | 'label'>>;

export type OktaVerifyPollerProps = Partial<
  Pick<OktaVerifyPoller, 'endpoint' | 'poll' | 'flow' | 'interval' | 'allowedOrigins' | 'navigate'>
>;

/** The events each element fires. */
export type OktaSigninEvents = Pick<
  OktaEventMap,
  'okta-status-change' | 'okta-success' | 'okta-error' | 'okta-authenticator-select' | 'okta-poll' | 'okta-poll-complete'
>;
export type AuthenticatorPickerEvents = Pick<OktaEventMap, 'okta-authenticator-select' | 'okta-skip'>;
export type OktaVerifyPollerEvents = Pick<OktaEventMap, 'okta-poll' | 'okta-poll-complete' | 'okta-error'>;

/** `{ 'onokta-success'?: (event) => void, ... }`: listeners as React 19, Preact and Svelte 5 take them on a tag. */
export type EventProps<Events> = { [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void };
