// IDX-mode demo: reads { issuer, clientId, redirectUri } from /config.json and runs <okta-signin> against that org.
const EVENTS = ['okta-status-change', 'okta-success', 'okta-error', 'okta-authenticator-select', 'okta-poll', 'okta-poll-complete'];

const $ = (id) => document.getElementById(id);
const slot = $('signin-slot');
const log = $('log');

function shorten(key, value) {
  // Tokens are long and secret-ish: the log shows that they arrived, not what they are.
  if (typeof value === 'string' && /^(accessToken|idToken|refreshToken)$/.test(key)) return `${value.slice(0, 12)}… (${value.length} chars)`;
  if (typeof value === 'string' && value.startsWith('data:image/')) return `${value.slice(0, 30)}…`;
  return value;
}

function addLog(type, detail) {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement('strong');
  name.textContent = type;
  const body = document.createElement('pre');
  body.textContent = JSON.stringify(detail, shorten, 2);
  item.append(time, ' ', name, body);
  log.prepend(item);
}

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
  el.setAttribute('issuer', config.issuer);
  el.setAttribute('client-id', config.clientId);
  el.setAttribute('redirect-uri', config.redirectUri);
  const storage = $('token-storage').value;
  if (storage) el.setAttribute('token-storage', storage);
  for (const type of EVENTS) el.addEventListener(type, (e) => addLog(type, e.detail));
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
  $('clear-log').addEventListener('click', () => log.replaceChildren());
  $('again').addEventListener('click', () => mount(config));
  $('token-storage').addEventListener('change', () => mount(config));
  mount(config);
}

main();
