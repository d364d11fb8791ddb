// The server module set up wrong, against the local org: each way a site gets its Okta settings wrong answers the
// browser `config` with a neutral sentence and nothing of the settings, and logs one error line that says which
// setting is wrong and how to fix it, never the secret.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { startOrg } from '../../demo/org/index.mjs';
import { createBackend } from '../../demo/server/index.mjs';
import { Browser } from './backend-harness.mjs';

const NEUTRAL = { code: 'config', message: 'Sign-in is not available right now. Please try again later.' };
const RIGHT = { clientId: 'local-web', clientSecret: 'local-web-secret', redirectUri: 'http://localhost/login/callback' };

let org;
before(async () => {
  org = await startOrg({});
});
after(() => org?.close());

const listen = (handler) =>
  new Promise((resolve) => {
    const server = createServer(handler).listen(0, '127.0.0.1', () => resolve(server));
  });

/** Signs dave in against a reference backend with the org's right settings but `wrong`; the reply and every log line. */
async function signIn(wrong) {
  const logs = [];
  const logger = { warn: (line) => logs.push(line), error: (line) => logs.push(line) };
  const server = await listen(createBackend({ issuer: org.issuer, ...RIGHT, basePath: '/auth', logger, ...wrong }));
  try {
    const browser = new Browser(`http://localhost:${server.address().port}/auth`);
    assert.equal((await browser.get('/state')).json.status, 'Idle', 'GET /state answers as ever');
    const reply = await browser.post('/login', { username: 'dave@example.com', password: 'Passw0rd!' });
    return { reply, logs, errors: logs.filter((line) => line.startsWith('[auth] POST /login')) };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The reply is `config` and neutral; one line of the log is about the login, and no line holds `secret`. */
function theLine({ reply, logs, errors }, secret = 'local-web-secret') {
  assert.equal(reply.status, 502);
  assert.deepEqual(reply.json, NEUTRAL, 'the reply says nothing of the settings');
  assert.equal(errors.length, 1, errors.join('\n'));
  for (const line of logs) assert.ok(!line.includes(secret), `no secret in the log: ${line}`);
  return errors[0];
}

test('a wrong client secret: the log says so and names the client id, not the secret', async () => {
  const line = theLine(await signIn({ clientSecret: 'not-the-secret' }), 'not-the-secret');
  assert.match(
    line,
    /^\[auth\] POST \/login: config: Okta refused the client secret of client id "local-web" \(Okta: .+\): set the app's current secret \(Applications > Applications > your app > General > Client Credentials\)\.$/,
  );
});

test('a client id the org does not know: the log names it and the issuer', async () => {
  const line = theLine(await signIn({ clientId: 'no-such-client' }));
  assert.equal(
    line,
    `[auth] POST /login: config: Okta knows no client id "no-such-client" at ${org.issuer} (Okta: Invalid value for 'client_id' parameter.): set the Client ID of an app of that org (Applications > Applications > your app > General).`,
  );
});

test('a redirect URI the app does not list: the log names it and where to add it', async () => {
  const line = theLine(await signIn({ redirectUri: 'https://app.example.com/not-registered' }));
  assert.match(
    line,
    /: config: Okta refused the redirect URI "https:\/\/app\.example\.com\/not-registered" of client id "local-web" \(Okta: .+\): add it to the app's Sign-in redirect URIs \(Applications > Applications > your app > General > Login\)\.$/,
  );
});

test('an issuer where nothing answers: the log names it and what the connection met', async () => {
  const closed = await listen(() => undefined);
  const { port } = closed.address();
  await new Promise((resolve) => closed.close(resolve));
  const issuer = `http://localhost:${port}/oauth2/default`;
  const line = theLine(await signIn({ issuer }));
  assert.match(line, /: config: Nothing answered at http:\/\/localhost:\d+\/oauth2\/default \(ECONNREFUSED\): set the issuer to https:\/\/\{yourOktaDomain\}\/oauth2\/default/);
  assert.ok(line.includes(issuer));
});

test('an issuer with no authorization server behind it: the log says so (404 at its discovery document)', async () => {
  const issuer = `${org.origin}/oauth2/no-such-server`;
  const line = theLine(await signIn({ issuer }));
  assert.ok(line.includes(`: config: No authorization server at ${issuer} (404 at ${issuer}/.well-known/openid-configuration): set the issuer to`), line);
});

test('a passing outage is no misconfiguration: a reset connection stays a retryable server error', async () => {
  const reset = await listen((req) => req.socket.destroy());
  const { reply, errors } = await signIn({ issuer: `http://localhost:${reset.address().port}/oauth2/default` });
  reset.close();
  assert.equal(reply.status, 502);
  assert.equal(reply.json.code, 'server');
  assert.equal(errors.length, 1);
  assert.ok(!errors[0].includes(': config:'), errors[0]);
});
