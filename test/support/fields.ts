/**
 * Finding a control of `<okta-signin>` the way a user sees it: in the view in its shadow root, else in the sign-in
 * form in its light DOM (the element's own, rendered there by default, or the page's), while that form is shown.
 * A light form that is not shown (a later step) is out of the running: its fields are not on screen.
 */

/** The sign-in form in the element's light DOM (`form[slot=credentials]`), whether shown or not. */
export const lightForm = (el: Element) => el.querySelector<HTMLFormElement>(':scope > form[slot="credentials"]');

/** The first match of `selector` in the element's shadow root, else in its light sign-in form while it shows. */
export function control<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  const inShadow = el.shadowRoot?.querySelector<T>(selector);
  if (inShadow) return inShadow;
  const form = lightForm(el);
  return form?.assignedSlot ? form.querySelector<T>(selector) : null;
}

/** An input, by its `name`, as `control` finds it. */
export const fieldNamed = (el: Element, name: string) => control<HTMLInputElement>(el, `input[name="${name}"]`);
