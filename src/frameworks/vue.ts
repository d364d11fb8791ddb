/**
 * `okta-signin-elements/vue`: the three tags as Vue global components for type checking (vue-tsc, Volar), so that
 * `<okta-signin backend="/auth" @okta-success="(e) => e.detail.next">` is typed. Import it once, for its types:
 * `import type {} from 'okta-signin-elements/vue';`, and tell Vue's compiler the tags are custom elements
 * (`compilerOptions.isCustomElement: (tag) => tag.startsWith('okta-') || tag === 'authenticator-picker'`).
 */
import type { ComponentOptionsMixin, ComputedOptions, DefineComponent, MethodOptions } from 'vue';
import type * as P from './props.js';

/**
 * Each event as Vue's emits declaration under its camelized name (`oktaSuccess`), which is how Vue's type checker
 * looks up a listener written `@okta-success` in a template: as the prop `onOktaSuccess`.
 */
type Emits<Events> = { [K in keyof Events & string as CamelCase<K>]: (event: Events[K]) => void };
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

// DefineComponent's parameters: props, setup bindings, data, computed, methods, mixins, extends, emits.
type Tag<Props, Events> = DefineComponent<
  Props,
  object,
  object,
  ComputedOptions,
  MethodOptions,
  ComponentOptionsMixin,
  ComponentOptionsMixin,
  Emits<Events>
>;

declare module 'vue' {
  interface GlobalComponents {
    'okta-signin': Tag<P.OktaSigninProps, P.OktaSigninEvents>;
    'authenticator-picker': Tag<P.AuthenticatorPickerProps, P.AuthenticatorPickerEvents>;
    'okta-verify-poller': Tag<P.OktaVerifyPollerProps, P.OktaVerifyPollerEvents>;
  }
}
