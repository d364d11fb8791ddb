// The security question: jack must enroll one (one of Okta's questions, or his own) with Okta's field messages for a
// bad answer, then later sign-ins ask it (`credentials.answer`, the question in `contextualData.enrolledQuestion`).
// A question seeded in the data file is asked too; a bad seed stops the org with the reason.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fieldMessageKeys, genericClient, identify, newUser, startTestOrg, verifyTokens, wireRemediation } from './org-helpers.mjs';

const SQ_ID = 'aut1security0quest01';

/** The message keys of a field inside one of the enrollment form's two options (0: Okta's question, 1: one's own). */
function optionMessageKeys(tx, option, name) {
  const credentials = wireRemediation(tx, 'enroll-authenticator').value.find((f) => f.name === 'credentials');
  const field = credentials.options[option].value.form.value.find((f) => f.name === name);
  return (field.messages?.value ?? []).map((m) => m.i18n.key);
}

describe('security question', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  async function jackEnrolling() {
    const { username, password } = await newUser(org, 'jack');
    const auth = genericClient(org);
    const picker = await identify(auth, username, password);
    assert.equal(picker.nextStep.name, 'select-authenticator-enroll');
    assert.deepEqual(picker.nextStep.inputs[0].options.map((o) => [o.label, o.relatesTo.key]), [['Security Question', 'security_question']]);
    const tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: { id: SQ_ID, methodType: 'security_question' } });
    assert.equal(tx.nextStep.name, 'enroll-authenticator');
    return { auth, username, password, tx };
  }

  test("jack chooses one of Okta's questions; wrong answers are refused; then he answers it at the next sign-in", async () => {
    const { auth, username, password, tx } = await jackEnrolling();
    const current = tx.context.currentAuthenticator.value;
    assert.equal(current.key, 'security_question');
    assert.equal(current.contextualData.questions.length, 19);
    assert.ok(current.contextualData.questionKeys.includes('custom'));
    const credentials = wireRemediation(tx, 'enroll-authenticator').value.find((f) => f.name === 'credentials');
    assert.deepEqual(credentials.options.map((o) => o.label), ['Choose a security question', 'Create my own security question']);
    const choose = credentials.options[0].value.form.value;
    assert.deepEqual(choose.map((f) => f.name), ['questionKey', 'answer']);
    assert.equal(choose[0].options.find((o) => o.value === 'favorite_vacation_location').label, 'Where did you go for your favorite vacation?');
    assert.equal(choose[1].secret, true);

    const short = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { questionKey: 'favorite_vacation_location', answer: 'Rio' } });
    assert.deepEqual(optionMessageKeys(short, 0, 'answer'), ['securityQuestion.answer.tooShort.arg']);
    assert.deepEqual(optionMessageKeys(short, 1, 'answer'), [], 'the other option carries no message');
    const unknown = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { questionKey: 'favorite_colour', answer: 'Green' } });
    assert.deepEqual(optionMessageKeys(unknown, 0, 'questionKey'), ['model.validation.field.value.not.allowed']);
    const blank = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: {} });
    assert.deepEqual(optionMessageKeys(blank, 0, 'questionKey'), ['model.validation.field.blank']);
    assert.deepEqual(optionMessageKeys(blank, 0, 'answer'), ['model.validation.field.blank']);

    const enrolled = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { questionKey: 'favorite_vacation_location', answer: 'Lisbon in May' } });
    assert.equal(enrolled.status, 'SUCCESS');
    assert.ok(!JSON.stringify(enrolled.rawIdxState ?? {}).includes('Lisbon'), 'the answer is never sent back');
    await verifyTokens(org, enrolled.tokens, { username });

    const next = genericClient(org);
    const picker = await identify(next, username, password);
    assert.equal(picker.nextStep.name, 'select-authenticator-authenticate');
    const challenge = await next.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: SQ_ID } });
    assert.equal(challenge.nextStep.name, 'challenge-authenticator');
    const enrollment = challenge.context.currentAuthenticatorEnrollment.value;
    assert.deepEqual(enrollment.contextualData.enrolledQuestion, { question: 'Where did you go for your favorite vacation?', questionKey: 'favorite_vacation_location' });
    assert.deepEqual(enrollment.profile, { questionKey: 'favorite_vacation_location', question: 'Where did you go for your favorite vacation?' });
    assert.ok(!JSON.stringify(challenge.rawIdxState).includes('Lisbon'));

    const wrong = await next.idx.proceed({ step: 'challenge-authenticator', credentials: { questionKey: 'favorite_vacation_location', answer: 'Porto' } });
    assert.deepEqual(fieldMessageKeys(wrong, 'challenge-authenticator', ['credentials', 'answer']), ['authfactor.challenge.question_factor.answer_invalid']);
    const empty = await next.idx.proceed({ step: 'challenge-authenticator', credentials: { answer: '  ' } });
    assert.deepEqual(fieldMessageKeys(empty, 'challenge-authenticator', ['credentials', 'answer']), ['model.validation.field.blank']);
    // Case and surrounding spaces do not count.
    const done = await next.idx.proceed({ step: 'challenge-authenticator', credentials: { questionKey: 'favorite_vacation_location', answer: ' lisbon IN may ' } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('jack writes his own question; no HTML in it, and it needs an answer', async () => {
    const { auth, username, password } = await jackEnrolling();
    const tags = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { questionKey: 'custom', question: '<b>Pet?</b>', answer: 'Rex the dog' } });
    assert.deepEqual(optionMessageKeys(tags, 1, 'question'), ['tagsNotAllowed']);
    assert.deepEqual(optionMessageKeys(tags, 0, 'questionKey'), []);
    const noQuestion = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { questionKey: 'custom', answer: 'Rex the dog' } });
    assert.deepEqual(optionMessageKeys(noQuestion, 1, 'question'), ['model.validation.field.blank']);
    const done = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { questionKey: 'custom', question: 'What was my first pet called?', answer: 'Rex the dog' } });
    assert.equal(done.status, 'SUCCESS');

    const next = genericClient(org);
    await identify(next, username, password);
    const challenge = await next.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: SQ_ID } });
    const questionField = wireRemediation(challenge, 'challenge-authenticator').value[0].form.value[0];
    assert.deepEqual(questionField, { name: 'questionKey', label: 'What was my first pet called?', required: true, value: 'custom', visible: false, mutable: false });
    const ok = await next.idx.proceed({ step: 'challenge-authenticator', credentials: { questionKey: 'custom', answer: 'rex the dog' } });
    assert.equal(ok.status, 'SUCCESS');
  });
});

describe('security question seeded in the data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'org-sq-'));
  const base = JSON.parse(readFileSync(new URL('../../demo/data/org.json', import.meta.url), 'utf8'));
  const write = (name, users) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ ...base, users }));
    return file;
  };
  const seeded = (securityQuestion) => ({
    username: 'quinn@example.com',
    password: 'Passw0rd!',
    securityQuestion,
    signOn: { verifyWith: ['security_question'] },
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a seeded question is asked after the password', async () => {
    const org = await startTestOrg({ dataFile: write('ok.json', [seeded({ enrolled: true, questionKey: 'custom', question: 'Which ship?', answer: 'Black Pearl' })]) });
    try {
      const auth = genericClient(org);
      const picker = await identify(auth, 'quinn@example.com');
      assert.equal(picker.nextStep.name, 'select-authenticator-authenticate');
      const challenge = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: SQ_ID } });
      assert.equal(challenge.context.currentAuthenticatorEnrollment.value.contextualData.enrolledQuestion.question, 'Which ship?');
      const done = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { answer: 'black pearl' } });
      assert.equal(done.status, 'SUCCESS');
    } finally {
      await org.close();
    }
  });

  test('a bad seed stops the org with the reason', async () => {
    for (const [name, sq, reason] of [
      ['short.json', { enrolled: true, questionKey: 'disliked_food', answer: 'no' }, /answer of 4 or more characters/],
      ['key.json', { enrolled: true, questionKey: 'favorite_colour', answer: 'Green' }, /one of Okta's questionKeys/],
      ['custom.json', { enrolled: true, questionKey: 'custom', answer: 'Black Pearl' }, /custom securityQuestion needs its question/],
    ]) {
      await assert.rejects(startTestOrg({ dataFile: write(name, [seeded(sq)]) }), reason, name);
    }
  });
});
