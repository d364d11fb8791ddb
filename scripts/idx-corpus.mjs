// Feeds every real IDX response of Okta's own mocks (../shared/fixtures/okta-idx: the Sign-In Widget's playground and
// v3 mocks, okta-auth-js's test mocks) through the real okta-auth-js 8 in step mode and then through this package's
// built IDX mapping (dist/, `npm run build` first), and says what each one becomes: a view, an error, a terminal page,
// a success, or a step the mapping does not drive; and which views would mislead the user (mis-drives).
//
// Each response is served as the `introspect` answer of a fake org (discovery, `/v1/interact`, `/idp/idx/introspect`;
// no network) to `idx.start()`, the call every sign-in begins with, through both client shapes the package uses:
// - `browser`: IDX mode's minimal client (dist/transports/idx-client.js, its own fetch-based request function);
// - `server`: a full `OktaAuth` with `idx: { useGenericRemediator: true }` and a request client of its own.
// The two must agree.
//
// Library: `runCorpus()`, `summarize()`, `CORPUS_DIR`. CLI: `node scripts/idx-corpus.mjs [--json] [--list]` prints the
// table (`--list`: every response and its outcome; `--json`: the whole result).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS_DIR = join(ROOT, '..', 'shared', 'fixtures', 'okta-idx');
const DIST = join(ROOT, 'dist');

const ISSUER = 'https://corpus.okta.invalid/oauth2/default';
const ORIGIN = new URL(ISSUER).origin;
const ION = 'application/ion+json; okta-version=1.0.0';

// ---------------------------------------------------------------------------------------------------------------
// The corpus

/** The fields that make a JSON body an IDX response (the corpus README's rule); the rest is OAuth errors and the like. */
const IDX_FIELDS = ['version', 'stateHandle', 'remediation', 'messages', 'success'];

/**
 * The HTTP status the widget's playground answers a mock with: `error-NNN-*.json` with NNN, any other `error*` file
 * with 403, everything else with 200.
 */
export function httpStatusOf(file) {
  const name = basename(file);
  const coded = /^error-(\d{3})-/.exec(name);
  if (coded) return Number(coded[1]);
  return name.startsWith('error') ? 403 : 200;
}

function jsonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/**
 * Every distinct IDX response of the corpus: `{ files, status, body }`, where `files` lists every file (relative to
 * the corpus) that holds the same body served with the same status. Also what was skipped, and why.
 */
export function loadCorpus(dir = CORPUS_DIR) {
  const byHash = new Map();
  const skipped = [];
  for (const path of jsonFiles(dir).sort()) {
    const file = relative(dir, path);
    let body;
    try {
      body = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      skipped.push({ file, reason: 'not JSON' });
      continue;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || !IDX_FIELDS.some((f) => f in body)) {
      skipped.push({ file, reason: 'not an IDX response' });
      continue;
    }
    // The playground's own helper pages (`_ui-demo.json`: a `DEVELOPMENT` remediation for styling) are no org's answer.
    if (basename(file).startsWith('_')) {
      skipped.push({ file, reason: 'playground UI demo' });
      continue;
    }
    const status = httpStatusOf(file);
    // Canonical text: the same body with other whitespace is the same response.
    const hash = createHash('sha256').update(`${status}\n${JSON.stringify(body)}`).digest('hex');
    const seen = byHash.get(hash);
    if (seen) seen.files.push(file);
    else byHash.set(hash, { files: [file], status, body });
  }
  return { responses: [...byHash.values()], skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// The fake org

const DISCOVERY = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/v1/authorize`,
  token_endpoint: `${ISSUER}/v1/token`,
  jwks_uri: `${ISSUER}/v1/keys`,
  code_challenge_methods_supported: ['S256'],
};

/**
 * The org's answer to one request: discovery, an interaction handle, and the response under test as the introspect
 * answer. Anything else is a request `idx.start()` should not make: answered 404 and recorded in `unexpected`.
 */
function orgAnswer(response, unexpected, method, url) {
  const { pathname } = new URL(url);
  if (method === 'GET' && url === `${ISSUER}/.well-known/openid-configuration`) {
    return { status: 200, type: 'application/json', body: DISCOVERY };
  }
  if (method === 'POST' && url === `${ISSUER}/v1/interact`) {
    return { status: 200, type: 'application/json', body: { interaction_handle: 'corpus-interaction-handle' } };
  }
  if (method === 'POST' && url === `${ORIGIN}/idp/idx/introspect`) {
    return { status: response.status, type: ION, body: response.body };
  }
  unexpected.push(`${method} ${pathname}`);
  return { status: 404, type: 'application/json', body: { errorCode: 'E0000022', errorSummary: 'Not found' } };
}

/** The org as `fetch` (for the browser client, which brings its own request function over fetch). */
function orgFetch(answer) {
  return async (url, init = {}) => {
    const { status, type, body } = answer((init.method ?? 'GET').toUpperCase(), String(url));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  };
}

/**
 * The org as okta-auth-js's `httpRequestClient` (for the full client): the shape okta-auth-js's own request clients
 * return, rejected for an HTTP error, with the body parsed for every JSON type (Ion included).
 */
function orgRequestClient(answer) {
  return async (method, url) => {
    const { status, type, body } = answer(method.toUpperCase(), url);
    const result = { status, headers: { 'content-type': type }, responseText: JSON.stringify(body), responseType: 'json', responseJSON: body };
    if (status >= 400 || body?.error) throw result;
    return result;
  };
}

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The two client shapes

async function loadShapes() {
  const need = (path) => {
    const full = join(DIST, path);
    if (!existsSync(full)) throw new Error(`${relative(ROOT, full)} is missing: run \`npm run build\` first`);
    return import(pathToFileURL(full).href);
  };
  // The mapping as servers import it (`okta-signin-elements-server`): the same modules IDX mode runs in the browser.
  const mapping = await need('../packages/server/dist/server/index.js');
  const { createAuthClient } = await need('transports/idx-client.js');
  const { OktaAuth } = await import('@okta/okta-auth-js');
  const options = { issuer: ISSUER, clientId: 'corpus-client', redirectUri: 'https://app.invalid/callback', scopes: ['openid'] };

  /** IDX mode's client; its request function calls the global fetch, which is the org for the length of the call. */
  async function browser(answer) {
    const saved = { fetch: globalThis.fetch, warn: console.warn };
    globalThis.fetch = orgFetch(answer);
    // In Node, okta-auth-js warns that memory storage is for one user; in the browser it is what the package asks for.
    console.warn = (...args) => {
      if (!/Memory storage can only support/.test(String(args[0]))) saved.warn(...args);
    };
    try {
      const { client } = createAuthClient(options);
      return await client.idx.start();
    } finally {
      globalThis.fetch = saved.fetch;
      console.warn = saved.warn;
    }
  }

  /** The full client, with what a server needs: storage of its own, no token services. */
  async function server(answer) {
    const client = new OktaAuth({
      ...options,
      httpRequestClient: orgRequestClient(answer),
      idx: { useGenericRemediator: true },
      storageManager: {
        token: { storageProvider: memoryStorage() },
        cache: { storageProvider: memoryStorage() },
        transaction: { storageProvider: memoryStorage() },
        'shared-transaction': { storageProvider: memoryStorage() },
        'original-uri': { storageProvider: memoryStorage() },
      },
      transactionManager: { enableSharedStorage: false },
      tokenManager: { autoRenew: false, autoRemove: false },
      services: { autoRenew: false, autoRemove: false, syncStorage: false },
    });
    return client.idx.start();
  }

  return { mapping, shapes: { browser, server } };
}

// ---------------------------------------------------------------------------------------------------------------
// Classification

const PICKERS = new Set(['AwaitingChallengeAuthenticatorSelection', 'AwaitingAuthenticatorEnrollment']);
const CODE_VIEWS = new Set(['AwaitingChallengeCode', 'AwaitingEnrollmentCode']);
// Okta's device probing and FastPass launch steps: the Okta Verify app on this device answers them, not the user.
const DEVICE_STEPS = new Set(['launch-authenticator', 'device-challenge-poll', 'device-apple-sso-extension']);
// What Okta's step asks for when it asks for a code: a passcode, or an Okta Verify TOTP.
const CODE_FIELDS = new Set(['passcode', 'totp']);

const rawRemediations = (body) => (Array.isArray(body.remediation?.value) ? body.remediation.value : []);
const rawCurrent = (body) => body.currentAuthenticator?.value ?? body.currentAuthenticatorEnrollment?.value;

/**
 * A challenge the app on this device answers, never a push to a phone: Okta Verify FastPass (`signed_nonce`, over a
 * loopback, an app link, a universal link or the OS's SSO extension) and the other device challenges Okta hands to
 * the app (`contextualData.challenge`, e.g. an NFC PIN through a custom URI).
 */
export function isDeviceChallenge(body) {
  const current = rawCurrent(body);
  const methods = (current?.methods ?? []).map((m) => m?.type);
  if (methods.length && methods.every((m) => m === 'signed_nonce')) return true;
  if (current?.contextualData?.challenge) return true;
  return rawRemediations(body).some((r) => DEVICE_STEPS.has(r.name));
}

/** The names of the fields under `credentials` of a remediation (raw Ion form). */
function credentialFields(r) {
  const credentials = (r?.value ?? []).find((f) => f?.name === 'credentials');
  const inner = credentials?.form?.value ?? credentials?.value?.form?.value ?? [];
  return inner.map((f) => f?.name);
}

/**
 * The ways a view would mislead the user, given Okta's raw response and the state the mapping made of it:
 * - `device-challenge-as-push`: FastPass or another device challenge shown as a push wait (no push ever comes);
 * - `fastpass-offered`: a picker entry for the FastPass method (needs the app's loopback, not a choice);
 * - `empty-picker`: a picker without one entry to choose;
 * - `idp-only-picker`: a one-entry picker whose only entry is an identity provider (its step is a redirect);
 * - `loop`: a picker instead of Okta's first step, which is about the authenticator already chosen (a redirect to an
 *   identity provider, a device challenge), listing that same authenticator: choosing it brings the same answer back;
 * - `code-without-code-field`: a code entry for a step whose form asks for no code (a security question, Duo's iframe).
 */
export function misDrives(body, state, step) {
  const found = [];
  const entries = state.authenticators ?? [];
  const current = rawCurrent(body);
  const first = rawRemediations(body)[0];
  if (state.status === 'AwaitingChallengePoll' && isDeviceChallenge(body)) found.push('device-challenge-as-push');
  if (entries.some((a) => a.methodType === 'signed_nonce')) found.push('fastpass-offered');
  if (PICKERS.has(state.status)) {
    if (entries.length < 1) found.push('empty-picker');
    if (entries.length === 1 && entries[0].key === 'external_idp') found.push('idp-only-picker');
    // A denied push comes back with `resend` first: choosing the authenticator again sends another, not a loop.
    const skipped = first && first.name !== step && first.name !== 'resend';
    const aboutCurrent = JSON.stringify(first?.relatesTo ?? '').includes('$.currentAuthenticator');
    if (skipped && aboutCurrent && current?.id && entries.some((a) => a.id === current.id)) {
      found.push('loop');
    }
  }
  if (CODE_VIEWS.has(state.status)) {
    const form = rawRemediations(body).find((r) => r.name === step);
    if (!credentialFields(form).some((f) => CODE_FIELDS.has(f))) found.push('code-without-code-field');
  }
  return found;
}

/**
 * The step the mapping did not drive, with the key of the authenticator it is about when it is about one
 * (`challenge-authenticator/duo`): the same step is a code for one authenticator and an iframe for another.
 */
function unsupportedStep(step, body) {
  if (!step) return 'none';
  const r = rawRemediations(body).find((x) => x.name === step);
  const about = JSON.stringify(r?.relatesTo ?? '');
  const key = about.includes('$.currentAuthenticator') ? rawCurrent(body)?.key : undefined;
  return key ? `${step}/${key}` : step;
}

/**
 * What the package makes of one transaction (or of the exception `idx.start()` threw), as the browser's transport
 * and the server's flow reply do: the error first (`errorOf`), then success, then the state (`stateOf`).
 * `{ kind, detail, label, key?, misDrives? }`, `label` being `kind:detail`.
 */
function outcomeOf(mapping, body, tx, thrown) {
  const make = (kind, detail, extra = {}) => ({ kind, detail, label: detail ? `${kind}:${detail}` : kind, ...extra });
  if (thrown) {
    const err = mapping.errorFromException(thrown, 'start');
    return make('error', err.code, { thrown: `${thrown?.name ?? 'Error'}: ${thrown?.message ?? thrown}` });
  }
  const err = mapping.errorOf(tx, 'start');
  if (err) return make('error', err.code, err.key ? { key: err.key } : {});
  if (tx.status === 'SUCCESS') return make('success');
  let state;
  try {
    state = mapping.stateOf(tx);
  } catch (e) {
    if (e?.reason === 'unsupported-step') return make('unsupported', unsupportedStep(mapping.stepName(tx), body));
    // The mapping itself broke on a real response: worse than a step it does not drive.
    return make('crash', `${e?.name}: ${e?.message}`);
  }
  if (state.status === 'Terminal') return make('terminal', state.message ? 'with-message' : 'without-message');
  const step = mapping.stepName(tx);
  const found = misDrives(body, state, step);
  return make('view', state.status, { step, ...(found.length ? { misDrives: found } : {}) });
}

/**
 * Runs the whole corpus through both client shapes. Returns `{ results, skipped }`: per distinct response its files,
 * HTTP status, the outcome (the browser shape's), the server shape's when it differs (`disagreement`), and the
 * requests `idx.start()` made that the fake org did not expect.
 */
export async function runCorpus(dir = CORPUS_DIR) {
  const { responses, skipped } = loadCorpus(dir);
  const { mapping, shapes } = await loadShapes();
  const results = [];
  for (const response of responses) {
    const outcomes = {};
    const unexpected = [];
    for (const [name, start] of Object.entries(shapes)) {
      const answer = (method, url) => orgAnswer(response, unexpected, method, url);
      let tx;
      let thrown;
      try {
        tx = await start(answer);
      } catch (e) {
        thrown = e ?? new Error('thrown without a value');
      }
      outcomes[name] = outcomeOf(mapping, response.body, tx, thrown);
    }
    const { browser, server } = outcomes;
    const same = JSON.stringify(browser) === JSON.stringify(server);
    results.push({
      files: response.files,
      status: response.status,
      outcome: browser,
      ...(same ? {} : { disagreement: server }),
      ...(unexpected.length ? { unexpected: [...new Set(unexpected)] } : {}),
    });
  }
  return { results, skipped };
}

/** Counts: per kind, per label, the unsupported steps, the mis-drives, the disagreements between the two shapes. */
export function summarize({ results, skipped }) {
  const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  const byKind = new Map();
  const byLabel = new Map();
  const unsupported = new Map();
  const misDriven = [];
  for (const r of results) {
    count(byKind, r.outcome.kind);
    count(byLabel, r.outcome.label);
    if (r.outcome.kind === 'unsupported') count(unsupported, r.outcome.detail);
    if (r.outcome.misDrives) misDriven.push(r);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    total: results.length,
    skipped: skipped.length,
    byKind: sorted(byKind),
    byLabel: sorted(byLabel),
    unsupported: sorted(unsupported),
    unsupportedShare: results.length ? (unsupported.size ? [...unsupported.values()].reduce((a, b) => a + b) : 0) / results.length : 0,
    misDriven,
    disagreements: results.filter((r) => r.disagreement),
    unexpectedRequests: results.filter((r) => r.unexpected),
    crashes: results.filter((r) => r.outcome.kind === 'crash'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

const describe = (o) => o.label + (o.key ? ` (${o.key})` : '');

function printTable(summary, results, list) {
  const pct = (n) => `${((100 * n) / summary.total).toFixed(1)}%`;
  const rows = (pairs) => pairs.map(([k, n]) => `  ${String(n).padStart(4)}  ${pct(n).padStart(6)}  ${k}`).join('\n');
  const first = (r) => r.files[0] + (r.files.length > 1 ? ` (+${r.files.length - 1} identical)` : '');
  const out = [
    `IDX responses: ${summary.total} distinct (${summary.skipped} files skipped: not IDX responses)`,
    '',
    'By class:',
    rows(summary.byKind),
    '',
    'By outcome:',
    rows(summary.byLabel),
    '',
    `Unsupported steps (${pct(summary.unsupported.reduce((a, [, n]) => a + n, 0))} of the responses):`,
    summary.unsupported.length ? rows(summary.unsupported) : '  none',
    '',
    `Mis-drives (${summary.misDriven.length}):`,
    summary.misDriven.length ? summary.misDriven.map((r) => `  ${r.outcome.misDrives.join(', ')}: ${first(r)} -> ${r.outcome.label}`).join('\n') : '  none',
    '',
    `Crashes of the mapping (${summary.crashes.length}):`,
    summary.crashes.length ? summary.crashes.map((r) => `  ${first(r)}: ${r.outcome.detail}`).join('\n') : '  none',
    '',
    `Browser and server clients disagree (${summary.disagreements.length}):`,
    summary.disagreements.length
      ? summary.disagreements.map((r) => `  ${first(r)}: browser ${describe(r.outcome)}, server ${describe(r.disagreement)}`).join('\n')
      : '  none',
    '',
    `Unexpected requests from idx.start() (${summary.unexpectedRequests.length}):`,
    summary.unexpectedRequests.length ? summary.unexpectedRequests.map((r) => `  ${first(r)}: ${r.unexpected.join(', ')}`).join('\n') : '  none',
  ];
  if (list) {
    out.push('', 'Every response:');
    for (const r of results) out.push(`  ${r.outcome.label.padEnd(48)} ${r.status} ${r.files.join(', ')}`);
  }
  console.log(out.join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(CORPUS_DIR)) {
    console.error(`No corpus at ${CORPUS_DIR}`);
    process.exit(1);
  }
  const run = await runCorpus();
  const summary = summarize(run);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ summary, ...run }, null, 2));
  else printTable(summary, run.results, process.argv.includes('--list'));
}
