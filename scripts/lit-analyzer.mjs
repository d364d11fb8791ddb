// `npm run lint:templates`: lit-analyzer over the html`` templates in src/ and test/browser/, with its default rules.
// A few of its findings are wrong about this code; they are listed below with the reason, by file and message (not
// by line, so edits elsewhere in a file do not matter). Any other finding fails, and so does a listed one that no
// longer occurs, so the list stays exact.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const KNOWN = [
  {
    file: 'src/elements/authenticator-picker/authenticator-picker.ts',
    message: `Type 'true | Symbol(undefined)' is not assignable to '"true" | "false"'`,
    count: 1,
    why: 'aria-disabled=${this.disabled || nothing}: Lit writes true as "true" and removes the attribute for nothing',
  },
  {
    file: 'src/elements/okta-signin/views/code.ts',
    message: `Type '"one-time-code"' is not assignable to`,
    count: 1,
    why: "one-time-code is a standard autocomplete token; lit-analyzer's HTML data predates it",
  },
  {
    file: 'src/elements/okta-signin/views/form-step.ts',
    message: /^Type '"username" \| .*"one-time-code".*' is not assignable to/,
    count: 1,
    why: "autocomplete=${autocomplete}: one of the Autocomplete tokens, one-time-code among them; lit-analyzer's HTML data predates it",
  },
  {
    file: 'src/elements/okta-signin/views/password-field.ts',
    message: /^Type '"username" \| .*"one-time-code".*' is not assignable to/,
    count: 1,
    why: 'the same Autocomplete tokens, for a step form\'s secret (one-time-code) beside current-password and new-password',
  },
  {
    file: 'src/elements/okta-signin/views/credentials.ts',
    message: `Type '"username" | "username webauthn"' is not assignable to`,
    count: 1,
    why: '"username webauthn" asks for passkeys in autofill (WebAuthn Level 3); lit-analyzer\'s HTML data predates it',
  },
  {
    file: 'src/elements/shared/i18n.test.ts',
    message: `Type 'string | Symbol(undefined)' is not assignable to 'string'`,
    count: 1,
    why: 'lang=${lang ?? nothing}: Lit removes the attribute for nothing',
  },

];

const cli = createRequire(import.meta.url).resolve('lit-analyzer/cli.js');
const run = spawnSync(process.execPath, [cli, 'src', 'test/browser', '--format', 'list', '--noColor'], {
  encoding: 'utf8',
});
if (run.error || (run.status !== 0 && run.status !== 1)) {
  console.error(run.stdout, run.stderr, run.error ?? '');
  console.error(`lit-analyzer did not run (exit ${run.status})`);
  process.exit(2);
}

// The list format: a "./path" line, then one "line:col severity message" line per finding.
const findings = [];
let file = null;
for (const line of run.stdout.split('\n')) {
  const header = /^\.\/(\S+)$/.exec(line.trim());
  if (header) file = header[1];
  const finding = /^\s+(\d+:\d+)\s+(error|warning)\s+(.*)$/.exec(line);
  if (finding && file) findings.push({ file, at: finding[1], severity: finding[2], message: finding[3] });
}
const summary = /✖ (\d+) problems?/.exec(run.stdout);
if (summary && Number(summary[1]) !== findings.length) {
  console.error(run.stdout);
  console.error(`read ${findings.length} findings of the ${summary[1]} lit-analyzer reports; its output format changed`);
  process.exit(2);
}

const matches = (known, f) =>
  known.file === f.file &&
  (known.message instanceof RegExp ? known.message.test(f.message) : f.message.startsWith(known.message));
const unexpected = findings.filter((f) => !KNOWN.some((k) => matches(k, f)));
const stale = KNOWN.filter((k) => findings.filter((f) => matches(k, f)).length !== k.count);

for (const f of unexpected) console.error(`${f.file}:${f.at} ${f.severity} ${f.message}`);
for (const k of stale) {
  const seen = findings.filter((f) => matches(k, f)).length;
  console.error(`${k.file}: expected ${k.count} known finding(s) "${k.message}", found ${seen}; update scripts/lit-analyzer.mjs`);
}
if (unexpected.length || stale.length) process.exit(1);
console.log(`lit-analyzer: no new problems (${findings.length} known, listed in scripts/lit-analyzer.mjs)`);
