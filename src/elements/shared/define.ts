/**
 * Registers an element unless its tag is taken: a page that gets the elements twice (a script tag and an app
 * bundle) keeps the first copy instead of failing on the second. Where there is no DOM (edge runtimes, workers), there
 * is no registry: the modules load and nothing is registered.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(tag)) customElements.define(tag, element);
}
