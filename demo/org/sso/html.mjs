// Server-rendered pages of the org's hosted sign-in, the fake identity provider and their error pages: every
// interpolated value is escaped unless it is itself a template, and each page gets a strict CSP with a nonce.
import { randomBytes } from 'node:crypto';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value) => String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

class Html {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const part = (value) => {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escape(value);
};

/** A template whose values are escaped; arrays and nested templates are kept as markup. */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => {
    out += part(value) + strings[i + 1];
  });
  return new Html(out);
}

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1d1d21 }
h1 { font-size: 1.4rem } .brand { color: #5c5c66; font-size: .9rem; margin: 0 }
label { display: block; margin: .8rem 0 .2rem; font-weight: 600 } input[type=text], input[type=password], input[type=email] { width: 100%; padding: .5rem; box-sizing: border-box; font: inherit }
fieldset { border: 1px solid #c6c6cc; border-radius: 4px; margin: .8rem 0 } fieldset label { font-weight: normal; display: inline }
button, .button { display: inline-block; margin: 1rem .5rem 0 0; padding: .55rem 1rem; font: inherit; border-radius: 4px; border: 1px solid #1662dd; background: #1662dd; color: #fff; text-decoration: none; cursor: pointer }
button.secondary, .button.secondary { background: #fff; color: #1662dd }
.error { color: #b3261e; border-left: 4px solid #b3261e; padding-left: .6rem } .field-error { color: #b3261e; margin: .2rem 0 }
.idps { margin-top: 1.5rem; border-top: 1px solid #e0e0e6; padding-top: .5rem }`;

/**
 * Sends a whole page. No `form-action` in its CSP: a form's answer redirects on to the app or the org.
 * @param {import('express').Response} res
 * @param {number} status
 * @param {{ title: string, brand?: string, body: Html, script?: string }} page `script`: inline code to run (a nonce allows it)
 */
export function sendPage(res, status, { title, brand, body, script }) {
  const nonce = randomBytes(16).toString('base64');
  res.set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'`);
  res.set('Cache-Control', 'no-store');
  res.set('Referrer-Policy', 'no-referrer');
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('X-Frame-Options', 'DENY');
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style nonce="${nonce}">${new Html(STYLE)}</style></head>
<body><main>${brand ? html`<p class="brand">${brand}</p>` : ''}<h1>${title}</h1>${body}</main>${script ? html`<script nonce="${nonce}">${new Html(script)}</script>` : ''}</body></html>`;
  res.status(status).type('html').send(page.text);
}

/** A page that only explains what went wrong (nothing to redirect to that could be trusted). */
export const sendErrorPage = (res, status, title, text) => sendPage(res, status, { title, body: html`<p class="error" role="alert">${text}</p>` });

/** The cookies of a request, by name (no library: the org only reads its own few, set by itself). */
export function cookies(req) {
  const out = {};
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const i = pair.indexOf('=');
    if (i > 0) out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return out;
}

/**
 * Wraps a page's async handler: a fault becomes a page that says so (logged, never shown), not a JSON error.
 * @param {{ error: (...a: unknown[]) => void }} logger
 * @param {(req: import('express').Request, res: import('express').Response) => Promise<unknown>} fn
 * @returns {import('express').RequestHandler}
 */
export const pageRoute = (logger, fn) => async (req, res) => {
  try {
    await fn(req, res);
  } catch (err) {
    logger.error('[org] sign-in page fault', req.method, req.path, err);
    if (!res.headersSent) sendErrorPage(res, 500, 'Something went wrong', 'The sign-in could not go on. Go back to the app and sign in again.');
  }
};
