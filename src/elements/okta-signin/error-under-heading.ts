import { noChange } from 'lit';
import { Directive, directive, PartType, type ChildPart, type PartInfo } from 'lit/directive.js';

/**
 * The error region (`role="alert"`, `part="error"`, `id="error"`) right under the current view's heading, in the DOM
 * and so on screen and for screen readers, whatever view renders: the views are functions that each render their own
 * heading (`part~=title`), and this places one element after it. The element is not part of any template, so Lit
 * never reuses or clears it: when a view is replaced, the element leaves with it and is put under the new heading at
 * the next render. This part must come after the view in the template, so that it runs once the view is in the DOM.
 * Without a heading it stays where this part is. Its text is set as text: server text is never parsed as HTML.
 */
class ErrorUnderHeading extends Directive {
  private readonly region: HTMLDivElement;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('errorUnderHeading() goes in a child position');
    this.region = document.createElement('div');
    this.region.setAttribute('role', 'alert');
    this.region.setAttribute('part', 'error');
    this.region.id = 'error';
  }

  render(_text: string): unknown {
    return noChange;
  }

  override update(part: ChildPart, [text]: [string]): unknown {
    if (this.region.textContent !== text) this.region.textContent = text;
    const scope = part.parentNode as ParentNode;
    const heading = scope.querySelector('[part~=title]');
    if (heading) {
      if (heading.nextSibling !== this.region) heading.after(this.region);
    } else if (this.region.parentNode !== scope || this.region.nextSibling !== part.endNode) {
      scope.insertBefore(this.region, part.endNode);
    }
    return noChange;
  }
}

export const errorUnderHeading = directive(ErrorUnderHeading);
