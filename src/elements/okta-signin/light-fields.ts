import { html, render } from 'lit';
import type { ViewHost } from './views/host.js';
import { signInFields } from './views/credentials.js';
import { adoptFieldStyles } from './light-fields.styles.js';

let count = 0;

/**
 * The fields of the sign-in form in the light DOM. Ids are the element's own (`okta-signin-1-username`): they share
 * the page's id space. The error text the fields are described by sits in the form, since an `aria-describedby`
 * does not reach into a shadow root; the element's error region (`role="alert"`) shows and announces it.
 */
const fieldsTemplate = (h: ViewHost, id: string, error: string) =>
  html`${signInFields(h, `${id}-`, `${id}-error`)}
    <p id="${id}-error" class="sr">${error}</p>
    <button part="submit" ?disabled=${h.pending}>${h.t.signIn}</button>`;

/**
 * The sign-in form `<okta-signin>` renders into its own light DOM by default (`<form slot="credentials"
 * method="dialog" data-okta-signin-fields>`), where password managers see its fields, as they do the page's own
 * form. The element treats it as it treats a form the page gives in the `credentials` slot.
 */
export class LightFields {
  private form?: HTMLFormElement;
  private readonly id = `okta-signin-${++count}`;

  constructor(private readonly host: HTMLElement) {}

  /** The form, while it is in the element. */
  get element(): HTMLFormElement | null {
    return this.form?.parentNode === this.host ? this.form : null;
  }

  /** Puts the form in the element (once) and its styles on the element's root node. */
  attach(): void {
    if (!this.form) {
      const form = (this.form = this.host.ownerDocument.createElement('form'));
      form.slot = 'credentials';
      form.method = 'dialog';
      form.setAttribute('data-okta-signin-fields', '');
    }
    if (this.form.parentNode !== this.host) this.host.append(this.form);
    adoptFieldStyles(this.host.getRootNode());
  }

  /**
   * Renders the fields for the element's current state; `error` is the text of the error shown, if any; `lang` and
   * `dir` are the element's, which the page around it may not share.
   */
  render(h: ViewHost, error: string, lang: string, dir: string): void {
    if (!this.element) return;
    if (this.form!.lang !== lang) this.form!.lang = lang;
    if (this.form!.dir !== dir) this.form!.dir = dir;
    render(fieldsTemplate(h, this.id, error), this.form!, { host: this.host });
  }

  /** Takes the form out; a password typed and not sent goes with it. */
  detach(): void {
    if (!this.form) return;
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input[autocomplete$=password]')) input.value = '';
    this.form.remove();
  }
}
