/**
 * Identity providers (`redirect-idp`: social and enterprise sign-in, the IdP that is an authenticator;
 * `redirect-idverify`: identity verification; `piv-idp`: smart cards): Okta sends each as a remediation the page
 * follows with a full-page GET to its `href`, after which the sign-in comes back on the redirect URI. The flow state
 * lists them without the `href`, which the transports keep (`idpLinks`): the browser's server-backed pages never see it.
 */
import type { FlowState, IdentityProvider, IdentityProviderKind } from '../core/types.js';
import { pickerEntries, remediation } from './read.js';
import { unsupportedStep } from './map-device.js';
import { safeText } from './safe-text.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** Okta's remediations that send the page to an identity provider, and the kind each is. */
export const REDIRECT_STEPS: Readonly<Record<string, IdentityProviderKind>> = {
  'redirect-idp': 'idp',
  'redirect-idverify': 'idverify',
  'piv-idp': 'piv',
};

/** Okta's IdP type as a plain upper-case word (`GOOGLE`, `SAML2`, `ID_PROOFING`), else undefined. */
const idpType = (raw: unknown): string | undefined =>
  typeof raw === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(raw) ? raw.toUpperCase() : undefined;

/**
 * A logo Okta gives, resolved against Okta's own origin when relative. The element shows it only when it is https or
 * inline (`isLogoUrl`), where it renders it.
 */
function logoOf(raw: unknown, base: string): string | undefined {
  if (typeof raw !== 'string' || !raw || raw.length > 100_000) return undefined;
  try {
    return raw.startsWith('data:') ? raw : new URL(raw, base).href;
  } catch {
    return undefined;
  }
}

/** A redirect remediation as okta-auth-js keeps it (its fields beside the form's). */
interface IdxRedirect extends IdxRemediation {
  type?: unknown;
  href?: unknown;
  idp?: { id?: unknown; name?: unknown; logo?: unknown; logoUri?: unknown };
  logo?: unknown;
}

export const isRedirect = (r: IdxRemediation | undefined): r is IdxRedirect =>
  !!r && Object.prototype.hasOwnProperty.call(REDIRECT_STEPS, r.name);

/** The address a redirect goes to: an http(s) URL, else nothing (the entry is left out). */
function hrefOf(r: IdxRedirect): string | undefined {
  if (typeof r.href !== 'string') return undefined;
  try {
    const url = new URL(r.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The redirects the transaction offers that the page can follow, each once (by IdP id). */
function redirects(tx: IdxTransaction): { r: IdxRedirect; id: string; href: string }[] {
  const seen = new Set<string>();
  const out: { r: IdxRedirect; id: string; href: string }[] = [];
  for (const r of tx.neededToProceed ?? []) {
    if (!isRedirect(r)) continue;
    const id = r.idp?.id;
    const href = hrefOf(r);
    if (typeof id !== 'string' || !id || id.length > 128 || !href || seen.has(id)) continue;
    seen.add(id);
    out.push({ r, id, href });
  }
  return out;
}

/** The identity providers the transaction offers, as the flow state shows them. */
export function identityProviders(tx: IdxTransaction): IdentityProvider[] {
  return redirects(tx).map(({ r, id, href }) => {
    const about = r.relatesTo?.value as (IdxAuthenticatorValue & { logoUri?: unknown }) | undefined;
    const kind = REDIRECT_STEPS[r.name];
    const type = idpType(r.type) ?? (kind === 'piv' ? 'X509' : 'OIDC');
    const name = safeText(r.idp?.name) ?? safeText(about?.displayName) ?? type;
    const idp: IdentityProvider = { id, name, type, kind };
    // A relative logo is Okta's own, on the org's origin (where the IdP's address is).
    const logo = logoOf(r.idp?.logo ?? r.idp?.logoUri ?? r.logo ?? about?.logoUri, href);
    if (logo) idp.logo = logo;
    return idp;
  });
}

/** Each identity provider's address, by id: what the transports keep (the server in its session) and never show. */
export function idpLinks(tx: IdxTransaction): Record<string, string> | undefined {
  const found = redirects(tx);
  return found.length ? Object.fromEntries(found.map(({ id, href }) => [id, href])) : undefined;
}

/** The sign-in form's identity provider buttons, added to its state. */
export function withIdps(state: FlowState, tx: IdxTransaction): FlowState {
  const idps = identityProviders(tx);
  if (idps.length) state.idps = idps;
  return state;
}

/**
 * The step when a redirect is the way on (Okta lists it first): the IdP that is the authenticator (with the other
 * authenticators of the picker Okta sends beside it, never the IdP itself, which would loop), identity
 * verification, the IdP a routing rule sends this user to, or an org that offers only IdPs.
 */
export function idpStepState(tx: IdxTransaction): FlowState {
  const idps = identityProviders(tx);
  // A redirect without an identity provider to go to (no id, no http(s) address) is no step a page can show.
  if (!idps.length) throw unsupportedStep(tx, tx.neededToProceed?.[0]?.name);
  const state: FlowState = { status: 'AwaitingIdentityProvider', idps };
  const about = (tx.neededToProceed?.[0] as IdxRedirect | undefined)?.relatesTo?.value;
  if (about?.key) state.authenticator = { key: about.key };
  const picker = remediation(tx, 'select-authenticator-authenticate') ?? remediation(tx, 'select-authenticator-enroll');
  const mode = picker?.name === 'select-authenticator-enroll' ? 'enroll' : 'verify';
  const others = pickerEntries(picker, mode).filter((a) => !(about?.key && a.key === about.key));
  if (others.length) state.authenticators = others;
  if (remediation(tx, 'skip')) state.canSkip = true;
  return state;
}
