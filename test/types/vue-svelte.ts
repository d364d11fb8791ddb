// Vue and Svelte apps: what their type checkers see for the three tags.
import type {} from 'okta-signin-elements/vue';
import type {} from 'okta-signin-elements/svelte';
import type { GlobalComponents } from 'vue';
import type { SvelteHTMLElements } from 'svelte/elements';

// Vue: props and `@okta-success` (the emits become `onOktaSuccess` props).
type VueSignin = InstanceType<GlobalComponents['okta-signin']>['$props'];
export const vueProps: VueSignin = {
  backend: '/auth',
  'select-authenticator-endpoint': '/auth/pick',
  onOktaSuccess: (e) => e.detail.next,
  onOktaError: (e) => e.detail.retryable,
};
// @ts-expect-error the error detail has no next
export const vueWrong: VueSignin = { onOktaError: (e) => e.detail.next };

// Svelte 5: attributes and `onokta-success`.
export const svelteProps: SvelteHTMLElements['okta-signin'] = {
  backend: '/auth',
  'onokta-success': (e) => e.detail.tokens,
};
export const sveltePoller: SvelteHTMLElements['okta-verify-poller'] = { endpoint: '/poll', 'onokta-poll': (e) => e.detail.refresh };
// @ts-expect-error interval is a number
export const svelteWrong: SvelteHTMLElements['okta-verify-poller'] = { interval: 'soon' };
