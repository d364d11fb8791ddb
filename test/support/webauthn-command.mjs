// Server commands that give browser tests Chromium's virtual WebAuthn authenticators (DevTools protocol `WebAuthn`
// domain), through the Chrome launcher's puppeteer page of the test's session:
//   await executeServerCommand('webauthn:add', { isUserVerified: true })  -> { authenticatorId }
// Commands: webauthn:add, webauthn:remove, webauthn:credentials, webauthn:impostor, webauthn:user-verified.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** @type {Map<string, Promise<import('puppeteer-core').CDPSession>>} */
const sessions = new Map();

async function cdpFor(session) {
  if (!sessions.has(session.id)) {
    const page = session.browser.getPage(session.id);
    sessions.set(
      session.id,
      page.createCDPSession().then(async (cdp) => {
        await cdp.send('WebAuthn.enable', { enableUI: false });
        return cdp;
      }),
    );
  }
  return sessions.get(session.id);
}

const DEFAULTS = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'usb',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

const commands = {
  /** A new virtual authenticator; options override the defaults above. */
  'webauthn:add': async (cdp, payload) => cdp.send('WebAuthn.addVirtualAuthenticator', { options: { ...DEFAULTS, ...payload } }),
  'webauthn:remove': async (cdp, { authenticatorId }) => {
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    return true;
  },
  /** The credentials an authenticator holds (credentialId in base64, signCount, userHandle, ...). */
  'webauthn:credentials': async (cdp, { authenticatorId }) => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  /**
   * A credential with a fresh key the org never saw, under a given credential id (an enrolled one, so that the
   * browser offers it) or a random one (discoverable, for passkeys).
   */
  'webauthn:impostor': async (cdp, { authenticatorId, credentialId, rpId = 'localhost', userHandle }) => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: {
        credentialId: credentialId ?? randomBytes(16).toString('base64'),
        isResidentCredential: Boolean(userHandle),
        rpId,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
        ...(userHandle ? { userHandle } : {}),
        signCount: 0,
      },
    });
    return true;
  },
  'webauthn:user-verified': async (cdp, { authenticatorId, isUserVerified }) => {
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    return true;
  },
};

export function webauthnCommandPlugin() {
  return {
    name: 'webauthn-command',
    async executeCommand({ command, payload, session }) {
      const run = commands[command];
      if (!run) return undefined;
      if (session.browser.type !== 'puppeteer' && typeof session.browser.getPage !== 'function') {
        throw new Error(`${command}: needs the Chrome launcher`);
      }
      return run(await cdpFor(session), payload ?? {});
    },
  };
}
