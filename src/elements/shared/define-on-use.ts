/**
 * Loads an element's module the first time the page uses its tag: at once when the document already holds one, else
 * as soon as one is added to it. For the script-tag file, so that a page downloads an element only when it uses it.
 * Elements inside other shadow roots are not seen: an element that renders one loads its module itself.
 */
export function defineOnUse(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || customElements.get(tag)) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    observer.disconnect();
    load().catch(() => {
      // A failed download is tried again when the tag is next added, not at once: that would loop while offline.
      started = false;
      observer.observe(document, { childList: true, subtree: true });
    });
  };
  // Only added elements count: after a failed download, the elements already there must not retry it on every change.
  const adds = (node: Node) => node instanceof Element && (node.localName === tag || !!node.querySelector(tag));
  const observer = new MutationObserver((records) => {
    if (records.some((r) => [...r.addedNodes].some(adds))) start();
  });
  // Defined some other way (the sign-in steps load it): nothing left to watch for.
  void customElements.whenDefined(tag).then(() => {
    started = true;
    observer.disconnect();
  });
  if (document.querySelector(tag)) start();
  else observer.observe(document, { childList: true, subtree: true });
}
