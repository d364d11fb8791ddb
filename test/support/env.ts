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
  hostile: string;
  /** An org started with `passkeys: true`, and a reference backend on it at this path (`passkeys: true`). */
  passkeyOrgOrigin: string;
  passkeyIssuer: string;
  passkeyBackend: string;
}

let cached: Promise<TestEnv> | undefined;

export function testEnv(): Promise<TestEnv> {
  cached ??= fetch('/__env.json').then((r) => r.json() as Promise<TestEnv>);
  return cached;
}
