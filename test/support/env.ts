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
  hostile: string;
}

let cached: Promise<TestEnv> | undefined;

export function testEnv(): Promise<TestEnv> {
  cached ??= fetch('/__env.json').then((r) => r.json() as Promise<TestEnv>);
  return cached;
}
