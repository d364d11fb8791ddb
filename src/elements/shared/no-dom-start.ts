/**
 * Where there is no DOM (edge runtimes, workers, Node with the `browser` condition), Lit's browser build still loads,
 * and it uses the DOM as it does: it extends `HTMLElement` and makes a tree walker of `document`. Without stand-ins
 * for those two, importing the package would throw there. Each entry that loads the elements imports this module
 * first and `./no-dom-end.js` after them, which takes the stand-ins away again (module evaluation is synchronous, so
 * no other code sees them), so that code checking `typeof document` to detect a browser is not misled. Elements are
 * not registered there (`define()` skips it without `customElements`) and nothing renders.
 */
const scope = globalThis as Record<string | symbol, unknown>;
const STAND_INS = Symbol.for('okta-signin-elements.dom-stand-ins');

if (typeof scope.HTMLElement === 'undefined' && typeof scope.document === 'undefined') {
  scope.HTMLElement = class HTMLElementStandIn {};
  scope.document = { createTreeWalker: () => ({}) };
  scope[STAND_INS] = ['HTMLElement', 'document'];
}

// A module, not a script: its names stay its own.
export {};
