import * as React from 'react';
import { loadLanguage, strings as english, type OktaErrorEvent, type Strings, type StringsOverride } from 'okta-signin-elements';
import { languageOf } from 'okta-signin-elements/okta-signin';

export interface SignInFormProps {
  /**
   * Its text, over the element's language: a table of the element's (`await loadLanguage('de')` in a Server
   * Component), or a part of one (`{ username: 'Email', recovery: { show: 'Show' } }`). It reads `username`,
   * `password`, `signIn`, `recovery.show` and `recovery.hide`.
   */
  strings?: StringsOverride;
  /** The username to start with. */
  defaultUsername?: string;
}

/**
 * The sign-in form as React children of `OktaSignin` (its `credentials` slot: fields named `username` and
 * `password`, `method="dialog"`, so a submit before the script has run goes nowhere). Rendered on the server, the
 * page holds a usable form at once; the element takes its submit and gives it its look once it starts.
 *
 * It is the element's own form in React: a show-password toggle (a plain button that is pressed while the password
 * shows and controls the field, hidden again on submit and at each new step), passkey autofill (its username field
 * says `autocomplete="username webauthn"`, which the element answers while the sign-in offers passkeys), the fields
 * described by the error the element shows and marked invalid by the element while that error is about them, the
 * submit button disabled by the element while a request runs. Its text starts in English (or `strings`), the same on
 * the server and in the first render in the browser, then follows the element's language once it is on the page.
 * What React renders stays React's: the element only sets properties and attributes on it, never adds nodes.
 */
export function SignInForm({ strings, defaultUsername }: SignInFormProps): React.ReactElement {
  const id = React.useId();
  const form = React.useRef<HTMLFormElement>(null);
  const [language, setLanguage] = React.useState<{ lang: string; t: Strings }>();
  const [shown, setShown] = React.useState(false);
  const [invalid, setInvalid] = React.useState(false);
  const [error, setError] = React.useState('');

  React.useEffect(() => {
    const self = form.current;
    const el = self?.parentElement;
    if (!self || !el) return;
    let live = true;
    const lang = languageOf(el);
    loadLanguage(lang).then(
      (t) => live && setLanguage({ lang, t }),
      () => undefined, // English stays, as it does in the element.
    );
    const onError = (e: Event) => setError((e as OktaErrorEvent).detail.message);
    const hide = () => setShown(false);
    // The element marks the fields invalid (`aria-invalid`) while the error it shows is about them.
    const marks = new MutationObserver(() => setInvalid(!!self.querySelector('[aria-invalid=true]')));
    marks.observe(self, { subtree: true, attributeFilter: ['aria-invalid'] });
    el.addEventListener('okta-error', onError);
    el.addEventListener('okta-status-change', hide);
    return () => {
      live = false;
      marks.disconnect();
      el.removeEventListener('okta-error', onError);
      el.removeEventListener('okta-status-change', hide);
    };
  }, []);

  const t = language?.t ?? english;
  const text = {
    username: strings?.username ?? t.username,
    password: strings?.password ?? t.password,
    signIn: strings?.signIn ?? t.signIn,
    show: strings?.recovery?.show ?? t.recovery.show,
    hide: strings?.recovery?.hide ?? t.recovery.hide,
  };
  const username = `${id}username`;
  const password = `${id}password`;
  const described = `${id}error`;
  const h = React.createElement;
  return h(
    'form',
    {
      ref: form,
      slot: 'credentials',
      method: 'dialog',
      'data-okta-signin-form': '',
      lang: language && !strings ? language.lang : undefined,
      onSubmit: () => setShown(false),
    },
    h('label', { htmlFor: username }, text.username),
    h('input', {
      id: username,
      name: 'username',
      autoComplete: 'username webauthn',
      autoCapitalize: 'none',
      spellCheck: false,
      required: true,
      defaultValue: defaultUsername,
      'aria-describedby': described,
    }),
    h('label', { htmlFor: password }, text.password),
    h(
      'div',
      { className: 'pw' },
      h('input', {
        id: password,
        name: 'password',
        type: shown ? 'text' : 'password',
        autoComplete: 'current-password',
        autoCapitalize: 'none',
        spellCheck: false,
        required: true,
        'aria-describedby': described,
      }),
      h(
        'button',
        { type: 'button', className: 'link', 'aria-controls': password, 'aria-pressed': shown, onClick: () => setShown(!shown) },
        shown ? text.hide : text.show,
      ),
    ),
    // For screen readers only: the element shows the error under its heading (`role="alert"`), in its shadow root,
    // which an `aria-describedby` cannot reach.
    h('p', { id: described, className: 'sr' }, invalid ? error : ''),
    h('button', { type: 'submit' }, text.signIn),
  );
}
