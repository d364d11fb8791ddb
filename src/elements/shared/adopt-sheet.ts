import type { CSSResult } from 'lit';

// One sheet per document and rules: a constructed sheet may only be adopted in the document it was made for.
const sheets = new WeakMap<CSSResult, WeakMap<Document, CSSStyleSheet>>();

/**
 * Adopts `rules` as a constructed stylesheet on `root` (a document or a shadow root) unless it already has them: what a
 * strict Content-Security-Policy allows, where an inline `<style>` is refused. Made on first use only.
 */
export function adoptSheet(root: Node, rules: CSSResult): void {
  const target = root as Document | ShadowRoot;
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  const View = doc?.defaultView;
  if (!doc || !View || !Array.isArray(target.adoptedStyleSheets)) return;
  let byDoc = sheets.get(rules);
  if (!byDoc) sheets.set(rules, (byDoc = new WeakMap()));
  let sheet = byDoc.get(doc);
  if (!sheet) {
    sheet = new View.CSSStyleSheet();
    sheet.replaceSync(rules.cssText);
    byDoc.set(doc, sheet);
  }
  if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}
