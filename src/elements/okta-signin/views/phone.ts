import { html } from 'lit';
import type { PhoneMethod } from '../../../core/types.js';
import type { ViewHost } from './host.js';
import { otherAuthenticator, skipButton } from './code-parts.js';

const METHODS: readonly PhoneMethod[] = ['sms', 'voice'];

function submitPhone(h: ViewHost, e: SubmitEvent) {
  e.preventDefault();
  const data = new FormData(e.target as HTMLFormElement);
  const methodType = data.get('methodType') === 'voice' ? 'voice' : 'sms';
  h.act('sendEnrollmentData', { phoneNumber: String(data.get('phoneNumber') ?? '').trim(), methodType });
}

/** The phone number to enroll, and whether the code comes by text message or voice call. */
export const phoneView = (h: ViewHost) => {
  const c = h.t.codes;
  return html`<form part="form phone" @submit=${(e: SubmitEvent) => submitPhone(h, e)}>
    <h2 part="title" tabindex="-1">${c.phoneTitleEnroll}</h2>
    <p>${c.phoneHelp}</p>
    <label for="phone-number" part="label">${c.phoneNumber}</label>
    <input
      id="phone-number"
      name="phoneNumber"
      part="input phone-number"
      type="tel"
      autocomplete="tel"
      required
      aria-invalid=${h.invalid}
      aria-describedby="phone-hint error"
    />
    <p id="phone-hint" part="hint">${c.phoneHint}</p>
    <fieldset part="method-group">
      <legend>${c.phoneMethod}</legend>
      ${METHODS.map(
        (m, i) =>
          html`<label part="method"><input type="radio" name="methodType" value=${m} ?checked=${i === 0} /> ${c.phoneMethods[m]}</label>`,
      )}
    </fieldset>
    <button part="submit" ?disabled=${h.pending}>${c.sendCode}</button>
    ${otherAuthenticator(h)}
    ${skipButton(h)}
  </form>`;
};
