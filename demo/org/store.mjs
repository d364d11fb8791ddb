// The org's in-memory state: users (seeded from the data file), apps, sign-in transactions, activation links,
// email magic links, interaction codes and the email/SMS/voice outbox. Everything lives for the life of the process.
import { Secret } from 'otpauth';
import { oktaId, opaque } from './ids.mjs';
import { signOnPolicy } from './idx/policy.mjs';
import { userExtras } from './user-extras.mjs';

/**
 * @typedef {import('./data.mjs').OrgData} OrgData
 * @typedef {{ id: string, username: string, password: string|null, firstName: string, lastName: string,
 *   passwordExpired: boolean, oktaVerify: { policy: 'required'|'optional'|'none', enrolled: boolean,
 *   deviceName: string, enrollmentId: string|null, totpSecret: string|null, fastPassOnly?: boolean },
 *   email: { enrolled: boolean, enrollmentId: string|null, address: string },
 *   phone: { enrolled: boolean, enrollmentId: string|null, number: string|null },
 *   googleOtp: { enrolled: boolean, enrollmentId: string|null, secret: string|null, lastCounter: number },
 *   webauthn: { credentials: WebAuthnCredential[] },
 *   signOn: { enroll: string[], optional: string[], verifyWith: string[] }, phantom?: boolean,
 *   externalIdp?: { enrolled: boolean }, verifyIdentity?: boolean,
 *   lockedOut?: boolean, failedPasswords?: number, passwordExpiresAt?: number|null, keepMeSignedIn?: boolean,
 *   graceUntil?: number|null, profile?: Record<string, string>, consentGrants?: Record<string, string[]>,
 *   securityQuestion?: { enrolled: boolean, enrollmentId: string|null, questionKey?: string, question?: string, answer?: string },
 *   customOtp?: { enrolled: boolean, enrollmentId: string|null, secret: string|null, lastCounter: number } }} User
 *   (the optional fields: see user-extras.mjs; a phantom has none of them)
 * @typedef {{ id: string, correctAnswer: number, choices: number[], status: 'pending'|'approved'|'rejected' }} Push
 * @typedef {{ channel: 'email'|'sms'|'voice', to: string, code?: string, link?: string, sentAt: string }} OutboxMessage
 * @typedef {{ id: string, publicKey: Uint8Array, counter: number, transports: string[], enrollmentId: string,
 *   name: string, aaguid: string, discoverable: boolean|null, createdAt: string }} WebAuthnCredential
 *   `id` is the credential id in base64url; `publicKey` the COSE key
 */

export const TEMPLATES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivy', 'jack', 'kate', 'leo', 'mia', 'noah', 'olivia'];

export class OrgStore {
  /**
   * @param {OrgData} data
   * @param {{ origin: string, stateHandleTtlMs: number, interactionCodeTtlMs: number }} options
   */
  constructor(data, options) {
    this.options = options;
    this.data = data;
    /** @type {Map<string, User>} keyed by lower-cased username */
    this.users = new Map();
    /** @type {Map<string, import('./data.mjs').AppRecord>} */
    this.apps = new Map(data.apps.map((a) => [a.clientId, a]));
    /** @type {Map<string, any>} keyed by interaction handle */
    this.byInteraction = new Map();
    /** @type {Map<string, any>} keyed by state handle */
    this.byState = new Map();
    /** @type {Map<string, { txStateHandle: string, username: string }>} */
    this.activations = new Map();
    /** @type {Map<string, { txStateHandle: string, challengeId: string }>} email magic links */
    this.emailLinks = new Map();
    /** @type {Map<string, any>} */
    this.codes = new Map();
    /** @type {OutboxMessage[]} */
    this.outbox = [];
    for (const record of data.users) this.addUser(record);
    // Expired transactions and codes are dropped now and then so a long-running demo does not grow.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  close() {
    clearInterval(this.sweeper);
  }

  /** @param {import('./data.mjs').UserRecord} record */
  addUser(record) {
    const enrolled = record.oktaVerify.enrolled;
    const phone = record.phone.enrolled ? record.phone.number : null;
    /** @type {User} */
    const user = {
      id: oktaId('00u'),
      username: record.username,
      password: record.password,
      firstName: record.firstName,
      lastName: record.lastName,
      passwordExpired: record.passwordExpired,
      oktaVerify: {
        policy: record.oktaVerify.policy,
        enrolled,
        deviceName: record.oktaVerify.deviceName ?? `${record.firstName || record.username}'s phone`,
        enrollmentId: enrolled ? oktaId('pfd') : null,
        totpSecret: enrolled ? new Secret({ size: 20 }).base32 : null,
        fastPassOnly: record.oktaVerify.fastPassOnly,
      },
      // The org's users sign in with their email address, so the Email authenticator sends there.
      email: { enrolled: record.email.enrolled, enrollmentId: record.email.enrolled ? oktaId('eae') : null, address: record.username },
      phone: { enrolled: Boolean(phone), enrollmentId: phone ? oktaId('pae') : null, number: phone },
      googleOtp: {
        enrolled: record.googleAuthenticator.enrolled,
        enrollmentId: record.googleAuthenticator.enrolled ? oktaId('aen') : null,
        secret: record.googleAuthenticator.enrolled ? new Secret({ size: 20 }).base32 : null,
        lastCounter: -1,
      },
      // Security keys and biometrics are enrolled at run time only: their private keys live in the authenticator.
      webauthn: { credentials: [] },
      signOn: signOnPolicy(record),
      // The IdP authenticator (verified at the identity provider) and a policy asking for identity verification.
      externalIdp: { enrolled: record.externalIdp.enrolled },
      verifyIdentity: record.verifyIdentity,
      ...userExtras(record),
    };
    this.users.set(user.username.toLowerCase(), user);
    return user;
  }

  /**
   * A fresh user with the setup of a seeded one, for tests that must not share state.
   * @param {string} template one of TEMPLATES
   */
  createFromTemplate(template) {
    const seed = this.data.users.find((u) => u.username === `${template}@example.com`);
    if (!seed) return null;
    const username = `${template}-${opaque(6).replace(/[^a-zA-Z0-9]/g, 'x').toLowerCase()}@example.com`;
    const user = this.addUser({ ...seed, username, oktaVerify: { ...seed.oktaVerify, deviceName: undefined } });
    return { username: user.username, password: seed.password };
  }

  /** @param {unknown} username */
  findUser(username) {
    if (typeof username !== 'string') return undefined;
    return this.users.get(username.trim().toLowerCase());
  }

  /**
   * Checks a password as Okta's password policy counts them: each wrong one in a row counts, the right one resets the
   * count, and at the threshold the account locks; a locked account refuses every password.
   * @param {User} user @param {string} passcode
   * @returns {'ok' | 'wrong' | 'locked'}
   */
  checkPassword(user, passcode) {
    if (user.lockedOut) return 'locked';
    if (user.password === passcode) {
      user.failedPasswords = 0;
      return 'ok';
    }
    user.failedPasswords = (user.failedPasswords ?? 0) + 1;
    if (user.failedPasswords >= this.options.lockoutThreshold) user.lockedOut = true;
    return user.lockedOut ? 'locked' : 'wrong';
  }

  /** @param {User} user */
  enroll(user) {
    user.oktaVerify.enrolled = true;
    user.oktaVerify.enrollmentId ??= oktaId('pfd');
    user.oktaVerify.totpSecret ??= new Secret({ size: 20 }).base32;
  }

  /** @param {User} user */
  enrollEmail(user) {
    user.email.enrolled = true;
    user.email.enrollmentId ??= oktaId('eae');
  }

  /** @param {User} user @param {string} number */
  enrollPhone(user, number) {
    Object.assign(user.phone, { enrolled: true, enrollmentId: oktaId('pae'), number });
  }

  /** @param {User} user @param {string} secret @param {number} counter the time step of the code that proved it */
  enrollGoogleOtp(user, secret, counter) {
    Object.assign(user.googleOtp, { enrolled: true, enrollmentId: oktaId('aen'), secret, lastCounter: counter });
  }

  /** @param {unknown} id a user id (00u…), as WebAuthn's userHandle carries it */
  findUserById(id) {
    if (typeof id !== 'string' || !id) return undefined;
    for (const user of this.users.values()) if (user.id === id) return user;
    return undefined;
  }

  /** The user holding a WebAuthn credential (base64url id), if any. */
  webauthnOwner(credentialId) {
    for (const user of this.users.values()) if (user.webauthn.credentials.some((c) => c.id === credentialId)) return user;
    return undefined;
  }

  /** @param {User} user @param {Omit<WebAuthnCredential, 'enrollmentId'|'createdAt'>} credential */
  enrollWebauthn(user, credential) {
    const enrolled = { ...credential, enrollmentId: oktaId('fwf'), createdAt: new Date().toISOString() };
    user.webauthn.credentials.push(enrolled);
    return enrolled;
  }

  /**
   * Someone who is not a user, answered like one during recovery and identifier-first sign-in, so that no answer
   * tells whether an account exists. Looks like a user with only Email enrolled; nothing is ever sent to them and
   * no password or code of theirs ever matches.
   * @param {string} identifier what was typed
   * @returns {User}
   */
  phantom(identifier) {
    return {
      id: oktaId('00u'),
      username: identifier,
      password: null,
      firstName: '',
      lastName: '',
      passwordExpired: false,
      oktaVerify: { policy: 'none', enrolled: false, deviceName: '', enrollmentId: null, totpSecret: null },
      email: { enrolled: true, enrollmentId: oktaId('eae'), address: identifier },
      phone: { enrolled: false, enrollmentId: null, number: null },
      googleOtp: { enrolled: false, enrollmentId: null, secret: null, lastCounter: -1 },
      webauthn: { credentials: [] },
      signOn: { enroll: [], optional: [], verifyWith: [] },
      phantom: true,
    };
  }

  /** @param {any} tx */
  addTransaction(tx) {
    this.byInteraction.set(tx.interactionHandle, tx);
    this.byState.set(tx.stateHandle, tx);
  }

  /** @param {unknown} handle */
  transactionByInteraction(handle) {
    return typeof handle === 'string' ? this.byInteraction.get(handle) : undefined;
  }

  /** @param {unknown} handle */
  transactionByState(handle) {
    return typeof handle === 'string' ? this.byState.get(handle) : undefined;
  }

  /** The most recent pending push for a user, across all of their transactions. */
  pendingPushFor(user) {
    let found = null;
    for (const tx of this.byState.values()) {
      if (tx.username !== user.username || tx.expiresAt <= Date.now()) continue;
      if (tx.push?.status === 'pending' && (!found || tx.push.createdAt > found.push.createdAt)) found = tx;
    }
    return found;
  }

  /**
   * Makes a single-use activation link for an enrollment transaction.
   * @param {any} tx
   */
  activationLink(tx) {
    const token = opaque(18);
    this.activations.set(token, { txStateHandle: tx.stateHandle, username: tx.username });
    return `${this.options.origin}/device?activation=${token}`;
  }

  /** @param {string} token */
  takeActivation(token) {
    const found = this.activations.get(token);
    if (found) this.activations.delete(token);
    return found;
  }

  /**
   * Delivers an email, SMS or voice call to the outbox, where the device page and tests read it.
   * @param {{ channel: 'email'|'sms'|'voice', to: string, code?: string, link?: string }} message
   */
  send({ channel, to, code, link }) {
    this.outbox.push({ channel, to, ...(code ? { code } : {}), ...(link ? { link } : {}), sentAt: new Date().toISOString() });
    if (this.outbox.length > 500) this.outbox.splice(0, this.outbox.length - 500);
  }

  /**
   * A magic link for an email challenge: opened anywhere, it verifies that challenge (and no later one).
   * @param {any} tx
   * @param {string} challengeId
   */
  emailLink(tx, challengeId) {
    const token = opaque(18);
    this.emailLinks.set(token, { txStateHandle: tx.stateHandle, challengeId });
    return `${this.options.origin}/email/verify/${token}`;
  }

  /** @param {string} token */
  takeEmailLink(token) {
    const found = this.emailLinks.get(token);
    if (found) this.emailLinks.delete(token);
    return found;
  }

  /** @param {any} grant */
  issueCode(grant) {
    const code = opaque(32);
    this.codes.set(code, { ...grant, expiresAt: Date.now() + this.options.interactionCodeTtlMs });
    return code;
  }

  /** Takes a code out so it can be used once only, whatever the outcome of the exchange. */
  takeCode(code) {
    if (typeof code !== 'string') return undefined;
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= Date.now()) return undefined;
    return grant;
  }

  sweep() {
    const now = Date.now();
    for (const [handle, tx] of this.byState) {
      if (tx.expiresAt <= now) {
        this.byState.delete(handle);
        this.byInteraction.delete(tx.interactionHandle);
      }
    }
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
    for (const [token, a] of this.activations) if (!this.byState.has(a.txStateHandle)) this.activations.delete(token);
    for (const [token, l] of this.emailLinks) if (!this.byState.has(l.txStateHandle)) this.emailLinks.delete(token);
  }
}
