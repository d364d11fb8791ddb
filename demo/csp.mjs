// The Content-Security-Policy the demo pages are served with, and the strictest one the elements need (docs/styling.md,
// "Content-Security-Policy"): scripts and styles from the page's own origin only (Lit's styles are constructed
// stylesheets, which style-src does not restrict), images from the origin and data: URLs (the enrollment QR code),
// requests to the origin and, in IDX mode, to the Okta org.
export function contentSecurityPolicy({ connect = [] } = {}) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}
