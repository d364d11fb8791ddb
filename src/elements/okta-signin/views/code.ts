import { html, nothing } from 'lit';
import { format } from '../../shared/messages.js';
import type { ViewHost } from './host.js';
import { otherAuthenticator, resendButton, skipButton } from './code-parts.js';

/** The words around the code field for each authenticator: heading, help and the field's label. */
function wording(h: ViewHost): { title: string; help?: string; label: string } {
  const { t, state } = h;
  const c = t.codes;
  const to = state.code?.sentTo;
  switch (state.authenticator?.key) {
    case 'okta_email':
      return { title: c.emailTitle, help: to ? format(c.sentEmail, { to }) : c.sentEmailNoAddress, label: c.emailCode };
    case 'phone_number': {
      const sent = state.authenticator.methodType === 'voice' ? c.sentCall : c.sentText;
      return { title: c.phoneTitle, help: to ? format(sent, { to }) : c.sentPhoneNoAddress, label: c.phoneCode };
    }
    case 'google_otp':
      return state.status === 'AwaitingEnrollmentCode'
        ? { title: c.setUpApp, help: c.scanApp, label: c.appCode }
        : { title: c.appTitle, help: c.appHelp, label: c.appCode };
    default:
      // Okta Verify's code (also a state without an authenticator, as older backends send it).
      return { title: t.codeTitle, label: t.code };
  }
}

/** The shared secret in groups of four, as authenticator apps show and ask for it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

function copySecret(e: Event, secret: string, done: string) {
  const status = (e.currentTarget as HTMLElement).parentElement?.querySelector('[role=status]');
  navigator.clipboard?.writeText(secret).then(
    () => {
      if (status) status.textContent = done;
    },
    () => undefined,
  );
}

/** Google Authenticator's setup: the QR code, and the key for typing in by hand. */
function appSetup(h: ViewHost) {
  const { qrCode, secret } = h.state.code ?? {};
  const c = h.t.codes;
  return html`${qrCode ? html`<img part="qr" src=${qrCode} alt=${c.qrAlt} width="200" height="200" />` : nothing}
  ${secret
    ? html`<div class="col" part="secret-group">
        <p id="secret-label">${c.secretLabel}</p>
        <code part="secret" aria-labelledby="secret-label">${grouped(secret)}</code>
        <button type="button" class="link" part="copy" @click=${(e: Event) => copySecret(e, secret, c.copied)}>${c.copy}</button>
        <span class="sr" role="status"></span>
      </div>`
    : nothing}`;
}

function submitCode(h: ViewHost, e: SubmitEvent) {
  e.preventDefault();
  const input = (e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
  const code = input.value.replace(/\s/g, '');
  input.value = '';
  h.act('verifyCode', code);
}

/**
 * A one-time code: Okta Verify's, Google Authenticator's (with its setup while enrolling), or one sent by email
 * (whose link works too), text message or voice call.
 */
export const codeView = (h: ViewHost) => {
  const { title, help, label } = wording(h);
  const key = h.state.authenticator?.key;
  return html`<form part="form code" @submit=${(e: SubmitEvent) => submitCode(h, e)}>
    <h2 part="title" tabindex="-1">${title}</h2>
    ${help ? html`<p part=${key === 'okta_email' || key === 'phone_number' ? 'sent-to' : 'help'}>${help}</p>` : nothing}
    ${key === 'google_otp' && h.state.status === 'AwaitingEnrollmentCode' ? appSetup(h) : nothing}
    <label for="code" part="label">${label}</label>
    <input
      id="code"
      name="code"
      part="input code"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9 ]*"
      maxlength="12"
      required
      aria-invalid=${h.invalid}
      aria-describedby="error"
    />
    <button part="submit" ?disabled=${h.pending}>${h.t.verify}</button>
    ${resendButton(h)} ${otherAuthenticator(h)}
    ${skipButton(h)}
  </form>`;
};
