// Starts the local org and the reference backend mounted at /auth on an Express app, and gives tests a
// cookie-keeping HTTP client (one per simulated browser) and the org's device API.
import express from 'express';
import { createServer } from 'node:http';
import { startOrg } from '../../demo/org/index.mjs';
import { createBackend } from '../../demo/server/index.mjs';
import { decodeQr, sleep } from './org-helpers.mjs';

export { decodeQr, sleep };

/** What the local org's sign-in form offers besides the password: "Sign up" and "Unlock account", its IdP buttons. */
export const FORM_LINKS = [{ step: 'select-enroll-profile' }, { step: 'unlock-account' }];
export const FORM_IDPS = [
  { id: '0oa1google0idp000001', kind: 'idp', name: 'Google', type: 'GOOGLE' },
  { id: '0oa1microsoft0idp001', kind: 'idp', name: 'Microsoft', type: 'MICROSOFT' },
  { id: '0oa1acme0oidc0idp001', kind: 'idp', name: 'Acme Identity', type: 'OIDC' },
];
export const FORM_OFFER = { links: FORM_LINKS, idps: FORM_IDPS };


/** A node:http server for `app` on a free port of 127.0.0.1. */
export const listen = (app) =>
  new Promise((resolve, reject) => {
    const server = createServer(app);
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

/**
 * @param {{ org?: Record<string, unknown>, backend?: Record<string, unknown> | ((origin: string) => Record<string, unknown>), middleware?: import('express').RequestHandler }} [options]
 *   `backend`: options of the reference backend, or a function of the site's origin that gives them; `middleware` runs
 *   before the backend on every /auth request (to watch what reaches it).
 */
export async function startStack(options = {}) {
  const org = await startOrg({ pollRefreshMs: 200, minPollIntervalMs: 50, ...options.org });
  const app = express();
  const server = await listen(app);
  const origin = `http://localhost:${server.address().port}`;
  const logs = [];
  const handler = createBackend({
    issuer: org.issuer,
    clientId: 'local-web',
    clientSecret: 'local-web-secret',
    redirectUri: `${origin}/login/callback`,
    successUrl: '/signed-in',
    logger: { warn: (line) => logs.push(line), error: (line) => logs.push(line) },
    ...(typeof options.backend === 'function' ? options.backend(origin) : options.backend),
  });
  if (options.middleware) app.use('/auth', options.middleware);
  app.use('/auth', handler);
  return {
    org,
    origin,
    // The site around the backend: tests add their own routes to it.
    app,
    handler,
    logs,
    device: new DeviceApi(org.origin),
    /** @param {Record<string, string>} [headers] sent with every request, e.g. `{ 'x-forwarded-for': '203.0.113.9' }` */
    browser: (headers) => new Browser(`${origin}/auth`, headers),
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await org.close();
    },
  };
}

/** A browser talking to the backend: keeps its cookies, sends JSON, reads JSON. */
export class Browser {
  constructor(base, headers = {}) {
    this.base = base;
    this.headers = headers;
    this.cookies = new Map();
  }

  get cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {{ json?: unknown, body?: string, contentType?: string, headers?: Record<string, string> }} [init]
   */
  async request(method, path, init = {}) {
    const headers = { accept: 'application/json', ...this.headers, ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    let body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    } else if (init.body !== undefined) {
      body = init.body;
      headers['content-type'] = init.contentType ?? 'application/json';
    }
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text, setCookie: response.headers.getSetCookie() };
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, json = {}) {
    return this.request('POST', path, { json });
  }

  /** One poll, as the element makes it: never sooner than the `Refresh` the previous poll asked for. */
  async poll(path) {
    if (this.nextPollAt) await sleep(Math.max(0, this.nextPollAt - Date.now()));
    const reply = await this.get(path);
    this.nextPollAt = Date.now() + (reply.json?.Refresh ?? 0);
    return reply;
  }

  /** Polls a seed poll endpoint until `ContinuePolling` is false (or `tries` run out); returns every reply. */
  async pollUntilDone(path, { tries = 60 } = {}) {
    const replies = [];
    for (let i = 0; i < tries; i += 1) {
      const reply = await this.poll(path);
      replies.push(reply);
      if (reply.status !== 200 || reply.json?.ContinuePolling === false) return replies;
    }
    return replies;
  }
}

/** The org's simulated Okta Verify device and outbox. */
export class DeviceApi {
  constructor(orgOrigin) {
    this.base = `${orgOrigin}/device/api`;
  }

  async call(method, path, json) {
    const response = await fetch(this.base + path, {
      method,
      headers: json ? { 'content-type': 'application/json' } : {},
      body: json ? JSON.stringify(json) : undefined,
    });
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw new Error(`device API ${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** A fresh user made from one of the seeded users' templates: `{ username, password }`. */
  createUser(template) {
    return this.call('POST', '/users', { template });
  }

  user(username) {
    return this.call('GET', `/users/${encodeURIComponent(username)}`);
  }

  /** Waits for the push the sign-in sent to reach the device. */
  async pendingPush(username, tries = 50) {
    for (let i = 0; i < tries; i += 1) {
      const user = await this.user(username);
      if (user.push) return user.push;
      await sleep(100);
    }
    throw new Error(`no push reached ${username}'s device`);
  }

  answerPush(username, action, answer) {
    return this.call('POST', `/users/${encodeURIComponent(username)}/push`, { action, answer });
  }

  activate(link) {
    return this.call('POST', '/activate', { link });
  }

  async outbox() {
    return (await this.call('GET', '/outbox')).messages;
  }
}

/** Signs in up to the first step after the password. */
export async function login(browser, user) {
  return browser.post('/login', { username: user.username, password: user.password });
}

/**
 * A fetch for the backend's calls to the org that counts them by path, and can stall or answer in the org's
 * place: `rules` is a list of `{ path: RegExp, hang?: true | 'deaf', delay?: ms, reply?: () => Response, once?: true }`.
 */
export function orgFetch() {
  const counts = new Map();
  const rules = [];
  const fetchFn = async (url, init = {}) => {
    const path = new URL(url).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const index = rules.findIndex((r) => r.path.test(path));
    const rule = rules[index];
    if (rule) {
      if (rule.once) rules.splice(index, 1);
      if (rule.hang === 'deaf') return new Promise(() => {}); // ignores the abort signal too
      if (rule.hang) {
        return new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal.reason));
        });
      }
      if (rule.delay) {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, rule.delay);
          init.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(init.signal.reason);
          });
        });
      }
      if (rule.reply) return rule.reply();
    }
    return fetch(url, init);
  };
  return {
    fetch: fetchFn,
    counts,
    rules,
    /** Calls per path since `reset`, as `{ '/idp/idx/identify': 1, ... }`. */
    snapshot: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
  };
}
