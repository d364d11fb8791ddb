// The demo pages' event log: every okta-* event with its detail, made safe to show.
export const EVENTS = [
  'okta-status-change',
  'okta-success',
  'okta-error',
  'okta-authenticator-select',
  'okta-skip',
  'okta-poll',
  'okta-poll-complete',
];

const SECRET_KEY = /pass(word|code)|secret/i;
const TOKEN_KEY = /^(accessToken|idToken|refreshToken)$/;
const MAX_TEXT = 120;

/** JSON of a detail with secrets hidden and tokens and QR images shortened: the log shows that they arrived. */
export function printable(detail) {
  try {
    return JSON.stringify(
      detail ?? null,
      (key, value) => {
        if (key && SECRET_KEY.test(key) && value !== undefined) return '[hidden]';
        if (typeof value !== 'string') return value;
        if (TOKEN_KEY.test(key)) return `${value.slice(0, 12)}… (${value.length} chars)`;
        if (value.length > MAX_TEXT) return `${value.slice(0, MAX_TEXT)}… (${value.length} chars)`;
        return value;
      },
      2,
    );
  } catch {
    return String(detail);
  }
}

/** Logs every okta-* event that reaches `target` into the list `log`, newest first. */
export function logEvents(target, log) {
  for (const type of EVENTS) {
    target.addEventListener(type, (event) => {
      const item = document.createElement('li');
      const head = document.createElement('div');
      const name = document.createElement('strong');
      name.textContent = type;
      const time = document.createElement('time');
      time.textContent = new Date().toLocaleTimeString();
      head.append(name, ' ', time);
      const body = document.createElement('pre');
      body.textContent = printable(event.detail);
      item.append(head, body);
      log.prepend(item);
    });
  }
}
