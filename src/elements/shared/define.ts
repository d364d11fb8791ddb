/**
 * Registers an element unless its tag is taken: a page that gets the elements twice (a script tag and an app
 * bundle) keeps the first copy instead of failing on the second.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
