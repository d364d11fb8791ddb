// IDX-mode demo: reads { issuer, clientId, redirectUri } from /config.json and runs <okta-signin> against that org.
import { logEvents } from '/shared/event-log.js';
import { languageSelect } from '/shared/language-select.js';
import { listSeededUsers } from '/shared/seeded-users.js';

listSeededUsers(document.getElementById('seeded-users'));

const $ = (id) => document.getElementById(id);
const slot = $('signin-slot');
const log = $('log');
const language = languageSelect($('lang'));

function showAccount(tokens) {
  const claims = tokens?.idTokenClaims ?? {};
  $('account-name').textContent = String(claims.email ?? claims.preferred_username ?? claims.sub ?? 'unknown user');
  const list = $('claims');
  list.replaceChildren();
  for (const key of ['sub', 'email', 'name', 'iss', 'aud', 'nonce']) {
    if (claims[key] === undefined) continue;
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.textContent = String(claims[key]);
    list.append(dt, dd);
  }
  slot.hidden = true;
  $('account-view').hidden = false;
}

function mount(config) {
  slot.replaceChildren();
  slot.hidden = false;
  $('account-view').hidden = true;
  const el = document.createElement('okta-signin');
  language.apply(el);
  el.setAttribute('issuer', config.issuer);
  el.setAttribute('client-id', config.consentClientId && $('app').value === 'consent' ? config.consentClientId : config.clientId);
  el.setAttribute('redirect-uri', config.redirectUri);
  const storage = $('token-storage').value;
  if (storage) el.setAttribute('token-storage', storage);
  el.addEventListener('okta-success', (e) => {
    // A single-page app keeps the page: no navigation, show who signed in.
    e.preventDefault();
    showAccount(e.detail.tokens);
  });
  slot.append(el);
}

async function main() {
  let config;
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
    config = await response.json();
    if (typeof config.issuer !== 'string' || typeof config.clientId !== 'string' || typeof config.redirectUri !== 'string') {
      throw new Error('/config.json needs issuer, clientId and redirectUri');
    }
  } catch (e) {
    $('config-error').textContent = `This demo could not read its configuration: ${e.message}`;
    $('config-error').hidden = false;
    return;
  }
  const orgOrigin = new URL(config.issuer).origin;
  $('issuer').textContent = config.issuer;
  $('device-link').href = `${orgOrigin}/device`;
  $('backend-demo').href = `${orgOrigin}/`;
  logEvents(slot, log);
  $('clear-log').addEventListener('click', () => log.replaceChildren());
  $('again').addEventListener('click', () => mount(config));
  $('token-storage').addEventListener('change', () => mount(config));
  $('app-choice').hidden = !config.consentClientId;
  $('app').addEventListener('change', () => mount(config));
  mount(config);
}

main();
