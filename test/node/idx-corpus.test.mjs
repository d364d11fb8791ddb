// Every real IDX response of Okta's own mocks (../shared/fixtures/okta-idx), through the real okta-auth-js 8 in step
// mode and the package's built mapping (`npm run build` first), in both client shapes: each one drives a view, is an
// error, a terminal page or a success; none is a step the package cannot drive, except the few below that a web page
// cannot answer; none drives the wrong view. scripts/idx-corpus.mjs does the work and prints the figures.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { CORPUS_DIR, isDeviceChallenge, loadCorpus, runCorpus, summarize } from '../../scripts/idx-corpus.mjs';

/**
 * The steps a page cannot drive, keyed as the script names them (`step` or `step/authenticator key`). Keep it short:
 * a step the elements could drive belongs in the mapping, not here.
 */
const ALLOWED_UNSUPPORTED = {
  // macOS/iOS answer it in the OS's Extensible SSO extension, which only Safari and the system's web views reach.
  'device-apple-sso-extension': 'Apple SSO extension: the operating system answers, not the page',
  // The PIN of an NFC security key is set and checked by Okta Verify on the phone that holds the key to it.
  'challenge-authenticator/nfc_pin': 'NFC PIN: Okta Verify reads the key over NFC, the page cannot',
  'enroll-authenticator/nfc_pin': 'NFC PIN: Okta Verify reads the key over NFC, the page cannot',
  // Okta FastPass's app link or universal link: only the Okta Verify app on this device can answer it; the element
  // says FastPass is not available on this page and offers the org's own sign-in page.
  'launch-authenticator': 'Okta FastPass app link: only Okta Verify on this device answers',
  // A registration form guarded by hCaptcha or reCAPTCHA needs the CAPTCHA provider's script and token, which the
  // elements do not load into the site's page; the org's own sign-in page has it.
  'enroll-profile': 'CAPTCHA-guarded registration: the CAPTCHA provider\'s script, not a field the page can fill',
  // Okta's safe mode (the org degraded): a bare `poll` with no view of its own and no poll endpoint in the backend
  // contract; the element ends it with the unsupported-step error and the org's own sign-in page.
  poll: 'Okta safe-mode polling: no poll endpoint for it in the backend contract yet',
};
const MAX_UNSUPPORTED_SHARE = 0.05;

const skip = existsSync(CORPUS_DIR) ? false : `no IDX corpus at ${CORPUS_DIR} (CI has ../shared/fixtures/okta-idx)`;

let cached;
/** The corpus run once for all the tests below. */
const corpus = () => (cached ??= runCorpus().then((run) => ({ ...run, summary: summarize(run) })));

const first = (r) => r.files[0] + (r.files.length > 1 ? ` (+${r.files.length - 1} identical)` : '');

test('the corpus is there in full: hundreds of distinct IDX responses, the rule cases among them', { skip }, () => {
  const { responses, skipped } = loadCorpus();
  assert.ok(responses.length >= 250, `${responses.length} distinct IDX responses`);
  // Only OAuth errors, the interact answers, an empty body and the UI demo are not IDX responses.
  assert.ok(skipped.length <= 10, skipped.map((s) => `${s.file}: ${s.reason}`).join('\n'));
  // The mis-drive rules have something to check.
  assert.ok(responses.filter((r) => isDeviceChallenge(r.body) && JSON.stringify(r.body).includes('challenge-poll')).length >= 3, 'FastPass challenges');
  assert.ok(responses.some((r) => JSON.stringify(r.body).includes('"redirect-idp"')), 'identity provider steps');
});

test('the mapping never throws on a real response, and idx.start() asks the org only for what it should', { skip }, async () => {
  const { summary } = await corpus();
  assert.deepEqual(summary.crashes.map((r) => `${first(r)}: ${r.outcome.detail}`), []);
  assert.deepEqual(summary.unexpectedRequests.map((r) => `${first(r)}: ${r.unexpected.join(', ')}`), []);
});

test('the browser\'s minimal client and the server\'s full client (generic remediator) give the same outcome', { skip }, async () => {
  const { summary } = await corpus();
  const describe = (o) => o.label + (o.key ? ` (${o.key})` : '');
  assert.deepEqual(
    summary.disagreements.map((r) => `${first(r)}: browser ${describe(r.outcome)}, server ${describe(r.disagreement)}`),
    [],
  );
});

test('every step outside the short allow-list drives a view, an error, a terminal page or a success', { skip }, async () => {
  const { results } = await corpus();
  const unexpected = results
    .filter((r) => r.outcome.kind === 'unsupported' && !(r.outcome.detail in ALLOWED_UNSUPPORTED))
    .map((r) => `${r.outcome.detail}: ${first(r)}`);
  assert.deepEqual(unexpected, [], `${unexpected.length} responses end in a step the package does not drive`);
});

test(`at most ${MAX_UNSUPPORTED_SHARE * 100}% of the responses are unsupported, allow-list included`, { skip }, async () => {
  const { summary } = await corpus();
  const count = summary.unsupported.reduce((sum, [, n]) => sum + n, 0);
  assert.ok(
    summary.unsupportedShare <= MAX_UNSUPPORTED_SHARE,
    `${count} of ${summary.total} (${(summary.unsupportedShare * 100).toFixed(1)}%): ${summary.unsupported.map(([s, n]) => `${s} ${n}`).join(', ')}`,
  );
});

test('no view misleads: FastPass never a push wait, no empty or identity-provider-only picker, no picker loop', { skip }, async () => {
  const { summary } = await corpus();
  assert.deepEqual(summary.misDriven.map((r) => `${r.outcome.misDrives.join(', ')}: ${first(r)} -> ${r.outcome.label}`), []);
});

test('every allow-list entry still matches a real response (a stale entry goes)', { skip }, async () => {
  const { summary } = await corpus();
  const seen = new Set(summary.unsupported.map(([step]) => step));
  assert.deepEqual(Object.keys(ALLOWED_UNSUPPORTED).filter((step) => !seen.has(step)), []);
});
