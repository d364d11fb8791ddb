/** Where the servers started by web-test-runner.config.mjs live. */
export interface TestEnv {
  testOrigin: string;
  orgOrigin: string;
  issuer: string;
  untrustedIssuer: string;
  /** An org whose transactions expire two seconds after they start. */
  shortLivedOrigin: string;
  shortLivedIssuer: string;
  spaClientId: string;
  redirectUri: string;
  backend: string;
  /** A reference backend on the identifier-first client (`local-idfirst`). */
  backendIdFirst: string;
  /** The org's identifier-first public client. */
  idFirstClientId: string;
  /** The org's public client that asks for consent (`local-consent`), and a reference backend on it at this path. */
  consentClientId: string;
  consentBackend: string;
  /** Reference backends set up wrong: a wrong client secret, an unknown client id, an unregistered redirect URI. */
  misconfiguredBackends: { wrongSecret: string; unknownClient: string; unregisteredRedirect: string };
  hostile: string;
  /** An org started with `passkeys: true`, and a reference backend on it at this path (`passkeys: true`). */
  passkeyOrgOrigin: string;
  passkeyIssuer: string;
  passkeyBackend: string;
  /** Codes: an org (and its reference backend) whose codes may be sent again after one second. */
  codesOrigin: string;
  codesIssuer: string;
  codesBackend: string;
  /** Codes: an org (and backend) whose codes live three seconds and may be sent again only after a minute. */
  strictCodesOrigin: string;
  strictCodesIssuer: string;
  strictCodesBackend: string;
}

let cached: Promise<TestEnv> | undefined;

export function testEnv(): Promise<TestEnv> {
  cached ??= fetch('/__env.json').then((r) => r.json() as Promise<TestEnv>);
  return cached;
}
