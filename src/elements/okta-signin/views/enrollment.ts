import { html, nothing } from 'lit';
import { ENROLLMENT_CHANNELS } from '../../../core/types.js';
import { strings } from '../../shared/messages.js';
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
    <h2 part="title" tabindex="-1">${strings.channelTitle}</h2>
    <fieldset part="channel-group">
      <legend>${strings.channelLabel}</legend>
      ${channels.map(
        (c) =>
          html`<label part="channel"
            ><input type="radio" name="channel" value=${c} ?checked=${c === preselect} /> ${strings.channels[c]}</label
          >`,
      )}
    </fieldset>
    <button part="submit" ?disabled=${h.pending}>${strings.continue}</button>
  </form>`;
};

/** The email address or phone number the setup link goes to. */
export const channelDataView = (h: ViewHost) => {
  const sms = h.state.enrollment?.channel === 'sms';
  return html`<form part="form channel-data" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${strings.channelTitle}</h2>
    <label for="contact" part="label">${sms ? strings.phone : strings.email}</label>
    <input
      id="contact"
      name="contact"
      part="input contact"
      type=${sms ? 'tel' : 'email'}
      autocomplete=${sms ? 'tel' : 'email'}
      required
    />
    <button part="submit" ?disabled=${h.pending}>${strings.sendLink}</button>
    ${otherWay(h, strings.anotherWay)}
  </form>`;
};

/** QR code on screen or link sent: wait for Okta Verify. */
export const enrollPollView = (h: ViewHost) => {
  const e = h.state.enrollment;
  const qr = e?.qrCode;
  const title = qr ? strings.scanTitle : e?.channel === 'sms' ? strings.checkPhone : strings.checkEmail;
  return html`<div class="col">
    <h2 part="title" tabindex="-1">${title}</h2>
    ${qr
      ? html`<p>${strings.scanHelp}</p>
          <img part="qr" src=${qr} alt=${strings.qrAlt} width="200" height="200" />`
      : html`<p part="sent-to">${strings.linkSent(e?.sentTo ?? '')}</p>`}
    ${pollerView(h)} ${otherWay(h, qr ? strings.otherWay : strings.anotherWay)}
  </div>`;
};
