/**
 * Logos of the identity provider types people recognise on a sign-in button, drawn inline (no request, nothing a
 * Content-Security-Policy has to allow), and a generic one for the others. Decorative: the button's text names the
 * provider.
 */
import { svg, type SVGTemplateResult } from 'lit';
import type { IdentityProvider } from '../../../core/types.js';

const LOGOS: Record<string, SVGTemplateResult> = {
  GOOGLE: svg`<path fill="#EA4335" d="M24 9.5c3.5 0 6.7 1.2 9.2 3.6l6.9-6.9C35.9 2.4 30.5 0 24 0 14.6 0 6.5 5.4 2.6 13.2l8 6.2C12.4 13.7 17.7 9.5 24 9.5z"/><path fill="#4285F4" d="M47 24.5c0-1.6-.1-3.1-.4-4.5H24v9h12.9c-.6 3-2.3 5.5-4.8 7.2l7.7 6c4.5-4.2 7.2-10.4 7.2-17.7z"/><path fill="#FBBC05" d="M10.5 28.6c-.5-1.4-.8-3-.8-4.6s.3-3.1.8-4.6l-8-6.2C.9 16.5 0 20.1 0 24s.9 7.5 2.6 10.8l7.9-6.2z"/><path fill="#34A853" d="M24 48c6.5 0 11.9-2.1 15.9-5.8l-7.7-6c-2.2 1.5-4.9 2.3-8.2 2.3-6.3 0-11.6-4.2-13.5-9.9l-8 6.2C6.5 42.6 14.6 48 24 48z"/>`,
  FACEBOOK: svg`<circle cx="24" cy="24" r="24" fill="#1877F2"/><path fill="#fff" d="M33.3 30.9l1.1-6.9h-6.7v-4.5c0-1.9.9-3.7 3.9-3.7h3v-5.9s-2.7-.5-5.4-.5c-5.5 0-9.1 3.3-9.1 9.3V24h-6.1v6.9h6.1V48h7.6V30.9z"/>`,
  APPLE: svg`<path fill="currentColor" d="M32.8 25.2c0-5 4.1-7.4 4.3-7.6-2.4-3.4-6-3.9-7.3-3.9-3.1-.3-6 1.8-7.6 1.8s-4-1.8-6.6-1.7c-3.4 0-6.5 2-8.3 5-3.5 6.1-.9 15.2 2.5 20.2 1.7 2.4 3.7 5.1 6.3 5 2.5-.1 3.5-1.6 6.6-1.6s3.9 1.6 6.6 1.6c2.7-.1 4.5-2.5 6.1-4.9 1.9-2.8 2.7-5.5 2.8-5.6-.1 0-5.3-2-5.4-8.3zM27.8 10.4c1.4-1.7 2.3-4 2.1-6.4-2 .1-4.5 1.4-5.9 3.1-1.3 1.5-2.4 3.9-2.1 6.2 2.2.2 4.5-1.1 5.9-2.9z"/>`,
  MICROSOFT: svg`<path fill="#F25022" d="M2 2h21v21H2z"/><path fill="#7FBA00" d="M25 2h21v21H25z"/><path fill="#00A4EF" d="M2 25h21v21H2z"/><path fill="#FFB900" d="M25 25h21v21H25z"/>`,
  LINKEDIN: svg`<rect width="48" height="48" rx="6" fill="#0A66C2"/><path fill="#fff" d="M14 19h5.3v17H14zM16.7 10.5a3 3 0 1 1 0 6.1 3 3 0 0 1 0-6.1zM22.6 19h5v2.3h.1c.7-1.3 2.4-2.7 5-2.7 5.4 0 6.4 3.5 6.4 8.1V36h-5.3v-8.3c0-2 0-4.5-2.8-4.5s-3.2 2.2-3.2 4.4V36h-5.2z"/>`,
};

/** A person, for sign-in at any other provider. */
const PERSON = svg`<path fill="currentColor" d="M24 6a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM7 42c0-8.3 7.6-13 17-13s17 4.7 17 13v2H7z"/>`;
/** A card, for identity verification and smart cards. */
const CARD = svg`<path fill="currentColor" d="M6 9h36a4 4 0 0 1 4 4v22a4 4 0 0 1-4 4H6a4 4 0 0 1-4-4V13a4 4 0 0 1 4-4zm0 4v22h36V13zm10 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm-7 14c.7-3 3.6-5 7-5s6.3 2 7 5zm18-12h12v3H27zm0 7h9v3h-9z"/>`;

/** The drawing for an identity provider of Okta's type `type` and kind `kind`. */
export const idpLogo = ({ type, kind }: Pick<IdentityProvider, 'type' | 'kind'>): SVGTemplateResult =>
  LOGOS[type] ?? (kind === 'idp' ? PERSON : CARD);
