// The simulated phone: the chosen user's Okta Verify push and TOTP code, their hardware token, and the org's outbox
// of emails, texts and calls (codes and links).
// Everything the server says is rendered with textContent, never as HTML.
import { renderToken, wireToken } from '/device/hardware-token.js';

const api = new URL('/device/api/', location.origin);
const $ = (id) => document.getElementById(id);
const REFRESH_MS = 2000;

let username = new URLSearchParams(location.search).get('user') ?? '';
let shownPushId = null;

async function call(path, body) {
  const res = await fetch(new URL(path, api), body === undefined
    ? { headers: { Accept: 'application/json' } }
    : { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  let data = {};
  try {
    data = await res.json();
  } catch {
    data = { message: 'The org sent an unreadable answer.' };
  }
  return { ok: res.ok, data };
}

function say(el, text, kind) {
  el.textContent = text;
  el.className = kind ?? '';
}

async function loadUsers() {
  const { ok, data } = await call('users');
  if (!ok) return;
  const select = $('user');
  const names = data.users.map((u) => u.username);
  if (!username || !names.includes(username)) username = names[0] ?? '';
  select.replaceChildren(...names.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    option.selected = name === username;
    return option;
  }));
}

function renderPush(user) {
  const pending = user.push;
  $('push-none').hidden = Boolean(pending);
  $('push-pending').hidden = !pending;
  if (!pending) {
    shownPushId = null;
    return;
  }
  if (pending.id === shownPushId) return;
  shownPushId = pending.id;
  say($('push-result'), '');
  $('push-user').textContent = user.username;
  $('push-choices').replaceChildren(...pending.choices.map((n) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = String(n);
    button.setAttribute('aria-label', `Approve with number ${n}`);
    button.addEventListener('click', () => answerPush({ action: 'approve', answer: n }));
    return button;
  }));
}

async function answerPush(body) {
  const { ok, data } = await call(`users/${encodeURIComponent(username)}/push`, body);
  if (ok) say($('push-result'), data.status === 'approved' ? 'Approved. The sign-in continues.' : 'Denied. The sign-in was stopped.', 'ok');
  else say($('push-result'), data.message ?? 'That did not work.', 'error');
  await refreshUser();
}

function renderTotp(totp) {
  $('totp').hidden = !totp;
  $('totp-none').hidden = Boolean(totp);
  if (!totp) return;
  $('totp-code').textContent = totp.code;
  $('totp-expires').textContent = String(totp.expiresIn);
}

async function refreshUser() {
  if (!username) return;
  const { ok, data } = await call(`users/${encodeURIComponent(username)}`);
  if (!ok) {
    say($('user-state'), data.message ?? 'Unknown user.', 'error');
    return;
  }
  say($('user-state'), data.enrolled ? `${data.username}: Okta Verify is set up.` : `${data.username}: Okta Verify is not set up yet.`, 'muted');
  renderPush(data);
  renderTotp(data.totp);
  renderToken(data.customOtp);
}

/** Only the org's own links (activation, email magic link) are turned into links; anything else stays plain text. */
function safeLink(href) {
  try {
    const url = new URL(href);
    const ours = url.pathname === '/device' || url.pathname.startsWith('/email/verify/');
    return url.origin === location.origin && ours ? url : null;
  } catch {
    return null;
  }
}

const CHANNELS = { email: 'Email', sms: 'SMS', voice: 'Voice call' };

async function refreshOutbox() {
  const { ok, data } = await call('outbox');
  if (!ok) return;
  const messages = [...data.messages].reverse();
  $('outbox-empty').hidden = messages.length > 0;
  $('outbox').hidden = messages.length === 0;
  $('outbox').tBodies[0].replaceChildren(...messages.map((m) => {
    const row = document.createElement('tr');
    const cell = (text, className) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (className) td.className = className;
      row.append(td);
      return td;
    };
    cell(new Date(m.sentAt).toLocaleTimeString());
    cell(CHANNELS[m.channel] ?? m.channel);
    cell(m.to);
    cell(m.code ?? '', 'code');
    const linkCell = cell('', 'link');
    const url = m.link ? safeLink(m.link) : null;
    if (url) {
      const a = document.createElement('a');
      a.href = url.href;
      // A magic link opens in a new tab, as it would from a mail app: the sign-in tab keeps polling.
      if (url.pathname.startsWith('/email/verify/')) a.target = '_blank';
      a.textContent = m.link;
      linkCell.append(a);
    } else {
      linkCell.textContent = m.link ?? '';
    }
    return row;
  }));
}

function chooseUser(event) {
  event.preventDefault();
  username = $('user').value;
  const url = new URL(location.href);
  url.searchParams.set('user', username);
  history.replaceState(null, '', url);
  shownPushId = null;
  refreshUser();
}
$('user-form').addEventListener('submit', chooseUser);
$('user').addEventListener('change', chooseUser);

$('deny').addEventListener('click', () => answerPush({ action: 'deny' }));
wireToken(call, () => username, refreshUser);

$('activate-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { ok, data } = await call('activate', { link: $('link').value });
  if (ok) {
    say($('activate-result'), `Okta Verify is set up for ${data.username}.`, 'ok');
    username = data.username;
    await loadUsers();
    await refreshUser();
  } else {
    say($('activate-result'), data.message ?? 'That link did not work.', 'error');
  }
});

// Opening an emailed or scanned link lands here with ?activation=...: offer it, but let the person confirm.
const activation = new URLSearchParams(location.search).get('activation');
if (activation) {
  const link = new URL(location.href);
  link.search = `?activation=${encodeURIComponent(activation)}`;
  $('link').value = link.href;
  say($('activate-result'), 'Press Activate to set up Okta Verify with this link.');
}

await loadUsers();
await Promise.all([refreshUser(), refreshOutbox()]);
setInterval(() => {
  if (document.hidden) return;
  refreshUser();
  refreshOutbox();
}, REFRESH_MS);
