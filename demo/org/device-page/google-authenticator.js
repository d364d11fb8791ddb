// The simulated phone's Google Authenticator: accounts added from the otpauth:// link in the enrollment QR code
// (or its shared secret) are kept in this browser's localStorage, as an app keeps them on the phone, and show
// their current codes. Codes come from otpauth, the same RFC 6238 implementation the org checks them with.
import { Secret, TOTP, URI } from '/device/otpauth.js';

const STORE = 'local-org-google-authenticator';
const $ = (id) => document.getElementById(id);

/** @returns {{ uri: string }[]} */
function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(saved) ? saved.filter((a) => typeof a?.uri === 'string') : [];
  } catch {
    return [];
  }
}

let accounts = load();
const save = () => localStorage.setItem(STORE, JSON.stringify(accounts));

/** An account from what was pasted: an otpauth://totp/ URI, or a bare base32 shared secret. */
function parse(text) {
  const value = text.trim();
  if (value.startsWith('otpauth://')) {
    const otp = URI.parse(value);
    if (!(otp instanceof TOTP)) throw new Error('Only time-based (totp) accounts are supported.');
    return otp;
  }
  const secret = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z2-7]{16,}=*$/.test(secret)) throw new Error('Paste the otpauth:// link or the shared secret.');
  return new TOTP({ issuer: location.hostname, label: 'Account', secret: Secret.fromBase32(secret) });
}

function render() {
  $('ga-empty').hidden = accounts.length > 0;
  $('ga-accounts').hidden = accounts.length === 0;
  $('ga-accounts').replaceChildren(...accounts.map((account, i) => {
    const otp = URI.parse(account.uri);
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = otp.issuer ? `${otp.issuer}: ${otp.label}` : otp.label;
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = otp.generate();
    code.setAttribute('aria-label', `Current code for ${otp.label}`);
    const left = document.createElement('span');
    left.className = 'muted';
    left.textContent = `changes in ${otp.period - (Math.floor(Date.now() / 1000) % otp.period)} s`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'danger';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${otp.label}`);
    remove.addEventListener('click', () => {
      accounts.splice(i, 1);
      save();
      render();
    });
    item.append(name, code, left, remove);
    return item;
  }));
}

$('ga-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    const otp = parse($('ga-uri').value);
    accounts.push({ uri: otp.toString() });
    save();
    $('ga-uri').value = '';
    $('ga-result').textContent = `Added ${otp.label}.`;
    $('ga-result').className = 'ok';
    render();
  } catch (error) {
    $('ga-result').textContent = error instanceof Error ? error.message : 'That is not an account key.';
    $('ga-result').className = 'error';
  }
});

render();
setInterval(() => {
  if (!document.hidden) render();
}, 1000);
