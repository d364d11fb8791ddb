/**
 * Reads an okta-auth-js (step mode) IDX transaction as the backend contract's flow reply.
 * The reply never holds secrets: only what the next view of the sign-in element needs.
 */

const CHANNELS = ['qrcode', 'email', 'sms'];

const STATUS_BY_REMEDIATION = {
  identify: 'Idle',
  'select-authenticator-authenticate': 'AwaitingChallengeAuthenticatorSelection',
  'select-authenticator-enroll': 'AwaitingAuthenticatorEnrollment',
  'challenge-poll': 'AwaitingChallengePoll',
  'challenge-authenticator': 'AwaitingChallengeCode',
  'enroll-poll': 'AwaitingEnrollmentPoll',
  'select-enrollment-channel': 'AwaitingEnrollmentChannelSelection',
  'enrollment-channel-data': 'AwaitingEnrollmentChannelData',
  'reenroll-authenticator': 'PasswordExpired',
};

/**
 * The remediation that decides the view: the first one the contract has a view for. Okta lists the main one
 * first, except after a denied push, where `resend` comes before the picker.
 */
export function firstRemediation(transaction) {
  const remediations = transaction?.neededToProceed ?? [];
  return remediations.find((r) => r.name in STATUS_BY_REMEDIATION) ?? remediations[0];
}

export function remediationNamed(transaction, name) {
  return transaction?.neededToProceed?.find((r) => r.name === name);
}

/**
 * @param {any} transaction okta-auth-js `IdxTransaction`
 * @returns {Record<string, any>} a flow reply without `status: 'Success'` (the caller finishes sign-in)
 */
export function toFlowState(transaction) {
  const remediation = firstRemediation(transaction);
  const status = STATUS_BY_REMEDIATION[remediation?.name];
  if (!status) {
    return { status: 'Terminal', message: terminalMessage(transaction) };
  }
  const state = { status };
  switch (remediation.name) {
    case 'select-authenticator-authenticate':
    case 'select-authenticator-enroll':
      state.authenticators = authenticatorChoices(remediation);
      if (remediation.name === 'select-authenticator-enroll') state.canSkip = Boolean(remediationNamed(transaction, 'skip'));
      break;
    case 'challenge-poll':
      state.challenge = challengeInfo(transaction, remediation, 'push');
      state.refresh = refreshOf(remediation);
      break;
    case 'challenge-authenticator':
      state.challenge = challengeInfo(transaction, remediation, 'totp');
      break;
    case 'enroll-poll':
    case 'select-enrollment-channel':
    case 'enrollment-channel-data':
      state.enrollment = enrollmentInfo(transaction);
      if (remediation.name === 'enroll-poll') state.refresh = refreshOf(remediation);
      state.canSkip = Boolean(remediationNamed(transaction, 'skip'));
      break;
    default:
  }
  const info = infoMessage(transaction);
  if (info) state.message = info;
  return state;
}

/** The seed's picker list: one entry per way to use an authenticator (Okta Verify: push and code). */
export function authenticatorChoices(remediation) {
  const field = remediation.value?.find((v) => v.name === 'authenticator');
  const choices = [];
  for (const option of field?.options ?? []) {
    const form = option.value?.form?.value ?? [];
    const id = form.find((f) => f.name === 'id')?.value;
    if (typeof id !== 'string') continue;
    const key = String(option.relatesTo?.key ?? '');
    const label = String(option.label ?? option.relatesTo?.displayName ?? key);
    const methodField = form.find((f) => f.name === 'methodType');
    if (Array.isArray(methodField?.options) && methodField.options.length) {
      for (const method of methodField.options) {
        const methodType = String(method.value);
        const methodLabel = String(method.label ?? methodType);
        choices.push({ id, key, name: `${label}: ${lowerFirst(methodLabel)}`, methodType });
      }
    } else {
      const choice = { id, key, name: label };
      if (typeof methodField?.value === 'string') choice.methodType = methodField.value;
      choices.push(choice);
    }
  }
  return choices;
}

function lowerFirst(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function refreshOf(remediation) {
  const refresh = Number(remediation.refresh);
  return Number.isFinite(refresh) && refresh > 0 ? refresh : 4000;
}

function currentAuthenticator(transaction) {
  return transaction?.context?.currentAuthenticator?.value ?? transaction?.context?.currentAuthenticatorEnrollment?.value;
}

function challengeInfo(transaction, remediation, fallbackMethod) {
  const authenticator = currentAuthenticator(transaction);
  const related = remediation.relatesTo?.value ?? remediation.relatesTo;
  const methods = authenticator?.methods ?? related?.methods;
  const info = { methodType: methods?.[0]?.type ?? fallbackMethod };
  if (fallbackMethod === 'push') info.methodType = 'push';
  const answer = related?.contextualData?.correctAnswer ?? authenticator?.contextualData?.correctAnswer;
  if (answer !== undefined && answer !== null && answer !== '' && Number.isFinite(Number(answer))) {
    info.correctAnswer = Number(answer);
  }
  return info;
}

function enrollmentInfo(transaction) {
  const authenticator = currentAuthenticator(transaction);
  const data = authenticator?.contextualData ?? {};
  const channels = channelOptions(transaction);
  const selected = CHANNELS.includes(data.selectedChannel) ? data.selectedChannel : undefined;
  /** @type {Record<string, any>} */
  const info = { channel: selected ?? channels[0] ?? 'qrcode', channels };
  const qr = data.qrcode?.href;
  if (typeof qr === 'string' && qr.startsWith('data:image/png')) info.qrCode = qr;
  const sentTo = selected === 'email' ? data.email : selected === 'sms' ? data.phoneNumber : undefined;
  if (typeof sentTo === 'string' && sentTo) info.sentTo = sentTo;
  return info;
}

function channelOptions(transaction) {
  const remediation = remediationNamed(transaction, 'select-enrollment-channel');
  const form = remediation?.value?.find((v) => v.name === 'authenticator')?.value?.form?.value ?? [];
  const options = form.find((f) => f.name === 'channel')?.options ?? [];
  const channels = options.map((o) => o.value).filter((c) => CHANNELS.includes(c));
  return channels.length ? channels : [...CHANNELS];
}

function infoMessage(transaction) {
  const text = (transaction?.messages ?? [])
    .filter((m) => m?.class === 'INFO' && typeof m.message === 'string')
    .map((m) => m.message)
    .join(' ');
  return text ? text.slice(0, 500) : undefined;
}

function terminalMessage(transaction) {
  return infoMessage(transaction) ?? 'This sign-in attempt has ended. Please sign in again.';
}
