// The magic link in a verification email: opened in any browser (another device, another tab), it verifies the
// email challenge it was sent for; the sign-in page, which keeps polling, then moves on.
import express from 'express';
import { openEmailLink } from './idx/one-time-codes.mjs';

const page = (title, text) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">${title}</h1><p>${text}</p></body></html>`;

/** @param {{ store: import('./store.mjs').OrgStore }} env */
export function emailLinkRouter({ store }) {
  const router = express.Router();
  router.get('/:token', (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'");
    res.set('Referrer-Policy', 'no-referrer');
    const outcome = openEmailLink(store, req.params.token);
    if (outcome === 'verified') {
      res.status(200).type('html').send(page('Success! You are verified.', 'Return to the original tab or window to continue signing in.'));
    } else {
      // Okta's wording for a used or expired link (idx.return.link.expired).
      res.status(410).type('html').send(page('This email link has expired.', 'To resend it, return to the screen where you requested it.'));
    }
  });
  return router;
}
