// A software WebAuthn authenticator with the browser's part, for the org's node tests: ES256 keys from node:crypto,
// `none` attestation, a sign count per credential, discoverable credentials (passkeys) when asked for. It takes the
// options okta-auth-js's buildCredentialCreationOptions / buildCredentialRequestOptions make and returns objects
// shaped like the browser's PublicKeyCredential, for okta-auth-js's getAttestation / getAssertion.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/** A tiny CBOR encoder (RFC 8949): unsigned and negative integers, byte and text strings, arrays, maps. */
export function cbor(value) {
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new TypeError(`cbor: cannot encode ${typeof value}`);
}

/** An ArrayBuffer holding exactly these bytes, as the browser's credential responses hold them. */
const arrayBuffer = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
const sha256 = (data) => createHash('sha256').update(data).digest();
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** The COSE_Key of an EC P-256 public key: kty EC2, alg ES256, crv P-256, x, y. */
function coseKey(publicKey) {
  const jwk = publicKey.export({ format: 'jwk' });
  return cbor(
    new Map([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x, 'base64url')],
      [-3, Buffer.from(jwk.y, 'base64url')],
    ]),
  );
}

/**
 * @typedef {{ id: Buffer, rpId: string, userHandle: Buffer, privateKey: import('node:crypto').KeyObject,
 *   publicKey: import('node:crypto').KeyObject, signCount: number, discoverable: boolean }} Credential
 */

export class SoftwareAuthenticator {
  /**
   * @param {{ origin: string, aaguid?: Buffer, userVerifying?: boolean, transports?: string[] }} options
   *   origin: the page's origin the browser puts in clientDataJSON
   */
  constructor({ origin, aaguid = Buffer.alloc(16), userVerifying = true, transports = ['usb'] }) {
    this.origin = origin;
    this.aaguid = aaguid;
    this.userVerifying = userVerifying;
    this.transports = transports;
    /** @type {Credential[]} */
    this.credentials = [];
  }

  /** The RP id the browser uses: the options' one, else the page's host (an overridden clientData origin aside). */
  rpIdFor(options, origin) {
    return options.rpId ?? options.rp?.id ?? new URL(origin).hostname;
  }

  flags(userVerification, extra = 0) {
    return FLAG_UP | (this.userVerifying && userVerification !== 'discouraged' ? FLAG_UV : 0) | extra;
  }

  /**
   * navigator.credentials.create({ publicKey }) with a `none` attestation.
   * @param {{ publicKey: any }} options as buildCredentialCreationOptions makes them
   * @param {{ origin?: string, type?: string, challenge?: string, credential?: Credential }} [client] what the browser
   *   would put in clientDataJSON; `credential` registers a credential of this authenticator again
   */
  create({ publicKey }, client = {}) {
    const origin = client.origin ?? this.origin;
    const rpId = this.rpIdFor(publicKey, this.origin);
    if (!publicKey.pubKeyCredParams.some((p) => p.type === 'public-key' && p.alg === -7)) throw new Error('NotSupportedError: ES256 not offered');
    const excluded = (publicKey.excludeCredentials ?? []).map((c) => b64url(c.id));
    if (!client.credential && this.credentials.some((c) => c.rpId === rpId && excluded.includes(b64url(c.id)))) {
      throw new Error('InvalidStateError: already registered');
    }
    const { privateKey, publicKey: pub } = client.credential ?? generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const selection = publicKey.authenticatorSelection ?? {};
    /** @type {Credential} */
    const credential = client.credential ?? {
      id: randomBytes(32),
      rpId,
      userHandle: Buffer.from(publicKey.user.id),
      privateKey,
      publicKey: pub,
      signCount: 0,
      discoverable: selection.residentKey === 'required' || selection.residentKey === 'preferred' || selection.requireResidentKey === true,
    };
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(selection.userVerification, FLAG_AT)]),
      Buffer.alloc(4), // signCount 0
      this.aaguid,
      idLength,
      credential.id,
      coseKey(pub),
    ]);
    const attestationObject = cbor(
      new Map([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: client.type ?? 'webauthn.create', challenge: client.challenge ?? b64url(publicKey.challenge), origin, crossOrigin: false }),
    );
    if (!client.credential) this.credentials.push(credential);
    const transports = this.transports;
    return {
      id: b64url(credential.id),
      rawId: arrayBuffer(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response: { clientDataJSON: arrayBuffer(clientDataJSON), attestationObject: arrayBuffer(attestationObject), getTransports: () => transports },
    };
  }

  /**
   * navigator.credentials.get({ publicKey }): the first allowed credential, or with an empty allowCredentials a
   * discoverable one (a passkey), which answers with its userHandle.
   * @param {{ publicKey: any }} options as buildCredentialRequestOptions makes them
   * @param {{ origin?: string, type?: string, challenge?: string, signCount?: number, signWith?: import('node:crypto').KeyObject,
   *   credential?: Credential, rpId?: string }} [client] overrides to misbehave: another origin, a sign count, a wrong key
   */
  get({ publicKey }, client = {}) {
    const origin = client.origin ?? this.origin;
    const rpId = this.rpIdFor(publicKey, this.origin);
    const allowed = (publicKey.allowCredentials ?? []).map((c) => b64url(c.id));
    const credential =
      client.credential ??
      this.credentials.find((c) => c.rpId === rpId && (allowed.length ? allowed.includes(b64url(c.id)) : c.discoverable));
    if (!credential) throw new Error('NotAllowedError: no credential for this request');
    credential.signCount = client.signCount ?? credential.signCount + 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(credential.signCount);
    const authenticatorData = Buffer.concat([sha256(client.rpId ?? credential.rpId), Buffer.from([this.flags(publicKey.userVerification)]), count]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: client.type ?? 'webauthn.get', challenge: client.challenge ?? b64url(publicKey.challenge), origin, crossOrigin: false }),
    );
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), client.signWith ?? credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: arrayBuffer(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: arrayBuffer(clientDataJSON),
        authenticatorData: arrayBuffer(authenticatorData),
        signature: arrayBuffer(signature),
        userHandle: credential.discoverable ? arrayBuffer(credential.userHandle) : null,
      },
    };
  }
}

/** Another key pair, to sign with the wrong key. */
export const strayKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
