// The demo page: backend mode or IDX mode, logs what <okta-signin> dispatches and shows who is signed in.
import { logEvents } from '/shared/event-log.js';
import { languageSelect } from '/shared/language-select.js';
import { listSeededUsers } from '/shared/seeded-users.js';

listSeededUsers(document.getElementById('seeded-users'));

const signinView = document.getElementById('signin-view');
const accountView = document.getElementById('account-view');
const accountName = document.getElementById('account-name');
const log = document.getElementById('log');
const language = languageSelect(document.getElementById('lang'));

const appSelect = document.getElementById('app');
/** The app chosen: the usual one, or the one that asks for consent (its own client and reference backend). */
const consentApp = () => Boolean(config.consent && appSelect.value === 'consent');
const backendPath = () => (consentApp() ? config.consent.backend : '/auth');

async function whoIsSignedIn() {
  try {
    const response = await fetch(`${backendPath()}/me`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return response.ok ? await response.json() : { signedIn: false, user: null };
  } catch {
    return { signedIn: false, user: null };
  }
}

function showAccount(me) {
  const signedIn = Boolean(me?.signedIn && me.user);
  accountView.hidden = !signedIn;
  signinView.hidden = signedIn;
  accountName.textContent = signedIn ? me.user.name || me.user.email || me.user.sub : '';
}

const config = await fetch('/demo-config.json').then((r) => r.json());
document.getElementById('app-choice').hidden = !config.consent;
const modeInputs = [...document.querySelectorAll('input[name="mode"]')];
const currentMode = () => modeInputs.find((input) => input.checked)?.value ?? 'backend';
document.getElementById('idx-demo-link').href = config.idxDemoUrl;

/** A fresh element for the chosen mode, so that the next sign-in starts from the form. */
function resetSignin() {
  const element = document.createElement('okta-signin');
  language.apply(element);
  if (currentMode() === 'idx') {
    element.setAttribute('issuer', config.issuer);
    element.setAttribute('client-id', consentApp() ? config.consent.clientId : config.clientId);
    element.setAttribute('redirect-uri', config.redirectUri);
  } else {
    element.setAttribute('backend', backendPath());
  }
  signinView.replaceChildren(element);
}

function chooseMode(mode) {
  const input = modeInputs.find((candidate) => candidate.value === mode) ?? modeInputs[0];
  input.checked = true;
  const url = new URL(location.href);
  url.searchParams.set('mode', input.value);
  history.replaceState(null, '', url);
  resetSignin();
}

for (const input of modeInputs) input.addEventListener('change', () => chooseMode(input.value));
appSelect.addEventListener('change', async () => {
  resetSignin();
  showAccount(await whoIsSignedIn());
});

logEvents(document, log);

// The demo stays on this page after success to keep the event log; a real site would let it navigate.
document.addEventListener('okta-success', async (event) => {
  event.preventDefault();
  if (currentMode() === 'idx') {
    const claims = event.detail.tokens?.idTokenClaims ?? {};
    showAccount({ signedIn: true, user: { sub: claims.sub, email: claims.email, name: claims.name } });
  } else {
    showAccount(await whoIsSignedIn());
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  await fetch(`${backendPath()}/logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: '{}',
  }).catch(() => undefined);
  resetSignin();
  showAccount(await whoIsSignedIn());
});

document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());

// IDX mode's redirect URI is this page too: an identity provider or the org's own page comes back to it.
chooseMode(new URLSearchParams(location.search).get('mode') ?? (location.pathname === '/login/callback' ? 'idx' : 'backend'));
showAccount(await whoIsSignedIn());
