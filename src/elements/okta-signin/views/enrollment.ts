import { html, nothing } from 'lit';
import { ENROLLMENT_CHANNELS } from '../../../core/types.js';
import { format } from '../../shared/messages.js';
import type { ViewHost } from './host.js';
import { pollerView } from './poller.js';

const otherWay = (h: ViewHost, text: string) =>
  (h.state.enrollment?.channels.length ?? 0) > 1
    ? html`<button type="button" class="link" part="other-way" ?disabled=${h.pending} @click=${h.onOtherWay}>${text}</button>`
    : nothing;

/** Choose QR code, email link or SMS link. */
export const channelView = (h: ViewHost) => {
  const e = h.state.enrollment;
  const channels = e?.channels.length ? e.channels : ENROLLMENT_CHANNELS;
  const preselect = channels.find((c) => c !== e?.channel) ?? channels[0];
  return html`<form part="form channels" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${h.t.channelTitle}</h2>
    <fieldset part="channel-group">
      <legend>${h.t.channelLabel}</legend>
      ${channels.map(
        (c) =>
          html`<label part="channel"
            ><input type="radio" name="channel" value=${c} ?checked=${c === preselect} /> ${h.t.channels[c]}</label
          >`,
      )}
    </fieldset>
    <button part="submit" ?disabled=${h.pending}>${h.t.continue}</button>
  </form>`;
};

/** The email address or phone number the setup link goes to. */
export const channelDataView = (h: ViewHost) => {
  const sms = h.state.enrollment?.channel === 'sms';
  return html`<form part="form channel-data" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${h.t.channelTitle}</h2>
    <label for="contact" part="label">${sms ? h.t.phone : h.t.email}</label>
    <input
      id="contact"
      name="contact"
      part="input contact"
      type=${sms ? 'tel' : 'email'}
      autocomplete=${sms ? 'tel' : 'email'}
      required
      aria-invalid=${h.invalid}
      aria-describedby="error"
    />
    <button part="submit" ?disabled=${h.pending}>${h.t.sendLink}</button>
    ${otherWay(h, h.t.anotherWay)}
  </form>`;
};

/** QR code on screen or link sent: wait for Okta Verify. */
export const enrollPollView = (h: ViewHost) => {
  const e = h.state.enrollment;
  const qr = e?.qrCode;
  const title = qr ? h.t.scanTitle : e?.channel === 'sms' ? h.t.checkPhone : h.t.checkEmail;
  return html`<div class="col">
    <h2 part="title" tabindex="-1">${title}</h2>
    ${qr
      ? html`<p>${h.t.scanHelp}</p>
          <img part="qr" src=${qr} alt=${h.t.qrAlt} width="200" height="200" />`
      : html`<p part="sent-to">${e?.sentTo ? format(h.t.linkSent, { to: e.sentTo }) : h.t.linkSentNoAddress}</p>`}
    ${pollerView(h)} ${otherWay(h, qr ? h.t.otherWay : h.t.anotherWay)}
  </div>`;
};
