// The org's in-memory state: users (seeded from the data file), apps, sign-in transactions, activation links,
// interaction codes and the email/SMS outbox. Everything lives for the life of the process.
import { Secret } from 'otpauth';
import { oktaId, opaque } from './ids.mjs';

/**
 * @typedef {import('./data.mjs').OrgData} OrgData
 * @typedef {{ id: string, username: string, password: string, firstName: string, lastName: string,
 *   passwordExpired: boolean, oktaVerify: { policy: 'required'|'optional'|'none', enrolled: boolean,
 *   deviceName: string, enrollmentId: string|null, totpSecret: string|null } }} User
 * @typedef {{ id: string, correctAnswer: number, choices: number[], status: 'pending'|'approved'|'rejected' }} Push
 * @typedef {{ channel: 'email'|'sms', to: string, link: string, sentAt: string }} OutboxMessage
 */

export const TEMPLATES = ['alice', 'bob', 'carol', 'dave'];

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
      },
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

  /** @param {User} user */
  enroll(user) {
    user.oktaVerify.enrolled = true;
    user.oktaVerify.enrollmentId ??= oktaId('pfd');
    user.oktaVerify.totpSecret ??= new Secret({ size: 20 }).base32;
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

  /** @param {'email'|'sms'} channel @param {string} to @param {string} link */
  send(channel, to, link) {
    this.outbox.push({ channel, to, link, sentAt: new Date().toISOString() });
    if (this.outbox.length > 500) this.outbox.splice(0, this.outbox.length - 500);
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
  }
}
