// Runs inside every page the bench opens (Playwright init script, so also in the document a form POST returns).
// Once per frame it checks the milestones and reports the first frame where each holds, with the page's own
// clock: `rel` is ms since this document's navigation start, `epoch` the same instant as Unix ms.
//   field:  the username input exists (in the light DOM or the given host's shadow root), is rendered with a
//           non-empty box, is enabled and writable, and is what a click on its centre would hit.
//   submit: the trusted click on the submit button.
//   next:   the next view's element with the expected text is rendered.
export function probe(cfg) {
  if (window.top !== window) return;
  const report = window.__benchMark;
  const seen = {};
  const mark = (name, rel) => {
    if (seen[name]) return;
    seen[name] = true;
    report(name, rel, performance.timeOrigin + rel);
  };
  const find = (spec) => {
    let root = document;
    if (spec.host) {
      root = document.querySelector(spec.host)?.shadowRoot;
      if (!root) return null;
    }
    for (const el of root.querySelectorAll(spec.selector)) {
      if (!spec.text || el.textContent.includes(spec.text)) return el;
    }
    return null;
  };
  const rendered = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const interactive = (el) => {
    if (!rendered(el) || el.disabled || el.readOnly || el.closest('fieldset:disabled, [inert]')) return false;
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
    const root = el.getRootNode();
    const hit = (root.elementFromPoint ? root : document).elementFromPoint(x, y);
    return hit === el || el.contains(hit);
  };
  addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || !seen.field) return;
      const target = e.composedPath()[0];
      if (target instanceof Element && target.closest(cfg.submit)) mark('submit', e.timeStamp);
    },
    true,
  );
  const check = () => {
    const t = performance.now();
    if (cfg.field && !seen.field) {
      const el = find(cfg.field);
      if (el && interactive(el)) mark('field', t);
    }
    if (!seen.next) {
      const el = find(cfg.next);
      if (el && rendered(el)) mark('next', t);
    }
    if (!seen.next) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** For a failed run's report, run in the page: its text, shadow roots included, in one line of at most 400 characters, and which fields hold text. */
export function visibleText() {
  const parts = [];
  const fields = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.localName === 'input' && el.name && !['hidden', 'checkbox', 'radio', 'submit'].includes(el.type)) {
        fields.push(`${el.name} ${el.value ? 'filled' : 'empty'}`);
      }
    }
    const top = root === document ? document.body : root;
    if (!top) return;
    const shown = top === document.body ? [top] : [...top.children].filter((c) => !['STYLE', 'SCRIPT', 'TEMPLATE'].includes(c.tagName));
    parts.push(shown.map((c) => c.innerText ?? '').join(' '));
  };
  walk(document);
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return { text: text.length > 400 ? `${text.slice(0, 400)}…` : text, fields };
}
