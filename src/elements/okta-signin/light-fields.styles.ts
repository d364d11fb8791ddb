/**
 * The look of the sign-in form `<okta-signin>` renders in its light DOM, and of the React bindings' `SignInForm`
 * (`data-okta-signin-form`). Shadow styles cannot reach light-DOM
 * descendants, and a strict Content-Security-Policy refuses inline `<style>` elements, so these rules go in one
 * constructed stylesheet adopted by the element's root node (the document or an enclosing shadow root).
 * Every colour and size comes from the same `--okta-signin-*` custom properties as the shadow styles, so themes
 * apply. The rules sit in a cascade layer: any rule of the page's own wins over them.
 */
import { css } from 'lit';

// Lit's css tag, so that the build minifies the rules as it does the shadow styles; the selector is written out in
// each rule, since a value interpolated into a selector would stop that.
const CSS = css`@layer okta-signin-fields {
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) {
    --_fg: var(--okta-signin-color, #1d1d21);
    --_bg: var(--okta-signin-background, #fff);
    --_accent: var(--okta-signin-accent, #1662dd);
    --_on-accent: var(--okta-signin-on-accent, #fff);
    --_border: var(--okta-signin-border-color, #8c8c96);
    --_radius: var(--okta-signin-radius, 6px);
    display: flex;
    flex-direction: column;
    gap: var(--okta-signin-gap, 0.75rem);
    margin: 0;
    color: var(--_fg);
    font: var(--okta-signin-font, inherit);
  }
  @media (prefers-color-scheme: dark) {
    okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) {
      --_fg: var(--okta-signin-color, #ececf1);
      --_bg: var(--okta-signin-background, #1d1d21);
      --_accent: var(--okta-signin-accent, #6ea1ff);
      --_on-accent: var(--okta-signin-on-accent, #0b0b0e);
      --_border: var(--okta-signin-border-color, #77777f);
    }
  }
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) label {
    font-weight: 600;
  }
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) input,
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) button {
    box-sizing: border-box;
    /* Touch targets of at least 44 by 44 CSS pixels (WCAG 2.5.5). */
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    margin: 0;
    font: inherit;
    padding-block: 0.5em;
    padding-inline: 1em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) button {
    cursor: pointer;
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) .link {
    background: none;
    color: var(--_accent);
    border-color: transparent;
  }
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) :disabled {
    opacity: 0.6;
  }
  /* Outside the control, so that it shows on buttons filled with the accent colour too. */
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* A password field and its show-password toggle on one line. */
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) .pw {
    display: flex;
    gap: 0.25em;
    align-items: center;
  }
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) .pw input {
    flex: 1;
    min-inline-size: 0;
  }
  /* The error text the fields are described by: the element shows it (role="alert") under its heading. */
  okta-signin > form:is([data-okta-signin-fields], [data-okta-signin-form]) .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
}`;

// One sheet per document: a constructed sheet may only be adopted in the document it was made for.
const sheets = new WeakMap<Document, CSSStyleSheet>();

/** Adopts the sheet on `root` (the element's root node) unless it already has it; made on first use only. */
export function adoptFieldStyles(root: Node): void {
  const target = root as Document | ShadowRoot;
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  const View = doc?.defaultView;
  if (!doc || !View || !Array.isArray(target.adoptedStyleSheets)) return;
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = new View.CSSStyleSheet();
    sheet.replaceSync(CSS.cssText);
    sheets.set(doc, sheet);
  }
  if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}
