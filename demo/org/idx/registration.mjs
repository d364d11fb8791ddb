// Self-service registration: the profile a new user gives (the org's registration policy lists the fields, one of
// them a custom attribute), checked with Okta's field messages, and the user it creates.
import { idxMessage } from '../http.mjs';
import { userRecord } from '../data.mjs';
import { blank, validEmail, wrongType } from './validate.mjs';

const BASE = ['email', 'firstName', 'lastName'];

const registrationError = (message, key, label) => ({ message, i18n: { key, params: [label] }, class: 'ERROR' });
const tooLong = () => idxMessage('This field cannot exceed the maximum allowed characters', 'model.validation.field.string.maxLength');

/**
 * Checks `userProfile` against the registration policy. Errors are per field, as Okta puts them in the profile form.
 * @param {unknown} userProfile
 * @param {import('../self-service-data.mjs').Registration} registration
 * @param {import('../store.mjs').OrgStore} store
 * @returns {{ fieldErrors: Record<string, object[]> } | { values: Record<string, string> }}
 */
export function checkProfile(userProfile, registration, store) {
  const given = userProfile !== null && typeof userProfile === 'object' && !Array.isArray(userProfile) ? userProfile : {};
  const fieldErrors = {};
  const values = {};
  for (const f of registration.profile) {
    const raw = given[f.name];
    if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) {
      if (f.required) fieldErrors[f.name] = [blank()];
      continue;
    }
    if (typeof raw !== 'string') {
      fieldErrors[f.name] = [wrongType()];
      continue;
    }
    const value = raw.trim();
    if (f.maxLength && value.length > f.maxLength) fieldErrors[f.name] = [tooLong()];
    else values[f.name] = value;
  }
  const email = registration.profile.find((f) => f.name === 'email');
  if (values.email !== undefined) {
    if (!validEmail(values.email)) {
      fieldErrors.email = [
        registrationError(`'${email.label}' must be in the form of an email address`, 'registration.error.invalidLoginEmail', email.label),
        registrationError(`Provided value for property '${email.label}' does not match required pattern`, 'registration.error.doesNotMatchPattern', email.label),
      ];
    } else if (store.findUser(values.email)) {
      fieldErrors.email = [registrationError(`A user with this ${email.label} already exists`, 'registration.error.notUniqueWithinOrg', email.label)];
    }
  }
  return Object.keys(fieldErrors).length ? { fieldErrors } : { values };
}

/**
 * The new user: signs in with the email address, has no password and no authenticator yet, and is asked for those
 * the registration policy lists; the custom attributes are kept in the profile.
 * @param {Record<string, string>} values
 * @param {import('../self-service-data.mjs').Registration} registration
 */
export const registeredUser = (values, registration) => ({
  ...userRecord({
    username: values.email,
    password: null,
    firstName: values.firstName,
    lastName: values.lastName,
    signOn: { enroll: registration.signOn.enroll, verifyWith: registration.signOn.verifyWith },
  }),
  profile: Object.fromEntries(Object.entries(values).filter(([name]) => !BASE.includes(name))),
});
