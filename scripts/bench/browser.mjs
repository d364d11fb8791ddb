// The browser half of `npm run bench`: four ways to sign in, measured in Chromium on an emulated network against
// one local org started here. For each: navigation start → interactive username field, and submit → next view,
// with the bytes and requests it took. BENCH_RUNS (default 3) runs per variant, interleaved; medians reported.
// BENCH_WATERFALL=1 also prints each variant's first run request by request; BENCH_CHROMIUM (default
// /usr/bin/chromium) is the browser.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { probe, visibleText } from './probe.mjs';
import { WIDGET_BUNDLE, WIDGET_DIST, startBenchServers, widgetVersion } from './servers.mjs';
import { COMPRESSION } from './static.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';

const RTT_MS = 100;
const MBIT = 10;
// Chromium's throttling adds `latency` between sending a request and receiving its response headers: one round trip.
const CONDITIONS = { offline: false, latency: RTT_MS, downloadThroughput: (MBIT * 1e6) / 8, uploadThroughput: (MBIT * 1e6) / 8 };
const USERNAME = 'dave@example.com';
const PASSWORD = 'Passw0rd!';
const STEP_TIMEOUT_MS = 30_000;
// Submit waits until no request has been in flight for this long, so that it measures the submit alone.
const QUIET_MS = 300;
const CHROMIUM = process.env.BENCH_CHROMIUM ?? CHROMIUM_PATH;
const SCRIPT_TAG_FILE = fileURLToPath(new URL('../../dist/cdn/okta-signin-elements.min.js', import.meta.url));

class BenchError extends Error {}

function variants() {
  const elements = (path, label) => ({
    label,
    path,
    probe: {
      // The element renders its sign-in form into its light DOM (its `fields` default).
      field: { selector: 'okta-signin > form[data-okta-signin-fields] input[name=username]' },
      submit: '[part~=submit]',
      next: { host: 'okta-signin', selector: 'h2[part~=title]', text: 'Set up a security method' },
    },
    fields: {
      username: 'okta-signin input[name=username]',
      password: 'okta-signin input[name=password]',
      submit: 'okta-signin > form[data-okta-signin-fields] [part~=submit]',
    },
  });
  return {
    backend: elements('/backend.html', 'elements, backend mode'),
    // The same, with the sign-in form in the page (slot "credentials"): usable before the script has run.
    pageForm: {
      label: 'elements, page form',
      path: '/backend-form.html',
      probe: {
        field: { selector: '#page-username' },
        submit: 'form[slot=credentials] button',
        next: { host: 'okta-signin', selector: 'h2[part~=title]', text: 'Set up a security method' },
      },
      fields: { username: '#page-username', password: '#page-password', submit: 'form[slot=credentials] button' },
    },
    idx: elements('/idx.html', 'elements, IDX mode'),
    form: {
      label: 'plain HTML form (floor)',
      path: '/form.html',
      probe: {
        field: { selector: '#username' },
        submit: 'button',
        next: { selector: '#next', text: 'Set up a security method' },
      },
      fields: { username: '#username', password: '#password', submit: 'button' },
    },
    widget: {
      label: `Sign-In Widget ${widgetVersion()}`,
      path: '/widget.html',
      probe: {
        field: { selector: 'input[name="identifier"]' },
        submit: 'input[type=submit]',
        next: { selector: '.select-authenticator-enroll [data-se="o-form-head"]', text: 'Set up security methods' },
      },
      fields: { username: 'input[name="identifier"]', password: 'input[name="credentials.passcode"]', submit: 'input[type=submit]' },
    },
  };
}

/** The milestones a page reports through `window.__benchMark`, first report of each wins. */
function milestones() {
  const got = new Map();
  const waiting = new Map();
  return {
    set(name, rel, epoch) {
      if (got.has(name)) return;
      got.set(name, { rel, epoch });
      waiting.get(name)?.(got.get(name));
    },
    wait(name, what) {
      if (got.has(name)) return Promise.resolve(got.get(name));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new BenchError(`no ${what} within ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS);
        waiting.set(name, (m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
    },
  };
}

/** Every request of the page from the DevTools protocol; times in Unix ms. */
function recordNetwork(cdp) {
  const requests = new Map();
  const all = [];
  let offset; // wall clock - monotonic clock, from the first request
  const ms = (monotonicSeconds) => monotonicSeconds * 1000 + offset;
  const finish = (r, at, bytes, status) => {
    r.end = at;
    r.bytes = bytes;
    if (status !== undefined) r.status = status;
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    offset ??= e.wallTime * 1000 - e.timestamp * 1000;
    const previous = requests.get(e.requestId);
    if (previous && e.redirectResponse) {
      finish(previous, ms(e.timestamp), e.redirectResponse.encodedDataLength ?? 0, e.redirectResponse.status);
    }
    const r = {
      url: e.request.url,
      method: e.request.method,
      type: e.initiator?.type === 'preflight' ? 'Preflight' : (e.type ?? 'Other'),
      start: ms(e.timestamp),
      end: undefined,
      bytes: 0,
      status: undefined,
    };
    requests.set(e.requestId, r);
    all.push(r);
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.status = e.response.status;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) finish(r, ms(e.timestamp), e.encodedDataLength);
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) finish(r, ms(e.timestamp), 0, `failed: ${e.errorText}`);
  });
  const inFlight = () => all.some((r) => r.end === undefined);
  return {
    all,
    /** Waits until no request has been in flight for `ms` (a user types slower than the page loads). */
    async quiet(ms) {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      let since = Date.now();
      while (Date.now() - since < ms) {
        if (Date.now() > deadline) throw new BenchError(`the page kept loading for ${STEP_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (inFlight()) since = Date.now();
      }
    },
    /** Waits (at most 10 s) until every request that started by `until` has finished. */
    async settle(until) {
      const deadline = Date.now() + 10_000;
      while (all.some((r) => r.start <= until && r.end === undefined) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

/** One sign-in in a fresh browser context: navigation to the next view. */
async function measure(browser, origin, variant, { emulate, orgLog, serverLog, setPreflightDelay }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', serviceWorkers: 'block' });
  const orgFrom = orgLog.length;
  const serverFrom = serverLog.length;
  let page;
  let net;
  const errors = [];
  try {
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    net = recordNetwork(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (emulate) await cdp.send('Network.emulateNetworkConditions', CONDITIONS);
    setPreflightDelay(emulate ? RTT_MS : 0);
    const marks = milestones();
    await page.exposeFunction('__benchMark', (name, rel, epoch) => marks.set(name, rel, epoch));
    await page.addInitScript(probe, variant.probe);
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(origin + variant.path, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    const field = await marks.wait('field', 'interactive username field');
    const navigationStart = field.epoch - field.rel;
    // The user types once the page has stopped loading, as a person does: typed into while it still loaded, the
    // Sign-In Widget now and then lost the password (it then said "This field cannot be left blank").
    // The fields are checked before the click.
    await net.quiet(QUIET_MS);
    await page.locator(variant.fields.username).fill(USERNAME, { timeout: STEP_TIMEOUT_MS });
    await page.locator(variant.fields.password).fill(PASSWORD, { timeout: STEP_TIMEOUT_MS });
    await net.quiet(QUIET_MS);
    for (const [name, value] of [['username', USERNAME], ['password', PASSWORD]]) {
      if ((await page.locator(variant.fields[name]).inputValue({ timeout: STEP_TIMEOUT_MS })) !== value) {
        throw new BenchError(`the ${name} typed is no longer in its field`);
      }
    }
    const ready = Math.max(...net.all.map((r) => r.end));
    await page.locator(variant.fields.submit).click({ timeout: STEP_TIMEOUT_MS });
    const submit = await marks.wait('submit', 'click on the submit button');
    const next = await marks.wait('next', `next view ("${variant.probe.next.text}")`);
    await net.settle(next.epoch);

    const requests = net.all.filter((r) => r.start <= next.epoch);
    const beforeField = requests.filter((r) => r.start <= field.epoch);
    if (requests.some(failedRequest)) throw new BenchError('requests failed');
    const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
    return {
      fieldMs: field.rel,
      readyMs: ready - navigationStart,
      submitMs: next.epoch - submit.epoch,
      requestsToField: beforeField.length,
      requestsTotal: requests.length,
      preflights: requests.filter((r) => r.type === 'Preflight').length,
      bytesToField: sum(requests.filter((r) => r.end !== undefined && r.end <= field.epoch)),
      bytesTotal: sum(requests),
      navigationStart,
      marks: { field: field.epoch, submit: submit.epoch, next: next.epoch },
      requests,
      orgRequests: orgLog.slice(orgFrom),
      serverRequests: serverLog.slice(serverFrom),
    };
  } catch (e) {
    const message = e instanceof BenchError ? e.message : (e?.message ?? String(e));
    throw new BenchError(`${message}${await whatThePageShows(page, net?.all ?? [], errors)}`);
  } finally {
    await context.close();
  }
}

/** A request that failed or never ended. */
const failedRequest = (r) => typeof r.status !== 'number' || r.status >= 400;

/** For a failed run: the page's address and visible text, its errors and the requests that failed or never ended. */
async function whatThePageShows(page, requests, errors) {
  const lines = [];
  if (page) {
    let timer;
    const shown = await Promise.race([
      page.evaluate(visibleText).catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, 2000))),
    ]);
    clearTimeout(timer);
    if (!shown) lines.push(`page ${page.url()} (its text could not be read)`);
    else lines.push(`page ${page.url()} shows "${shown.text}"${shown.fields.length ? ` (fields: ${shown.fields.join(', ')})` : ''}`);
  }
  if (errors.length) lines.push(`page errors: ${errors.join('; ')}`);
  const bad = requests.filter(failedRequest);
  if (bad.length) lines.push(`requests: ${bad.map((r) => `${r.method} ${r.url} → ${r.status ?? 'unfinished'}`).join(', ')}`);
  return lines.map((l) => `\n    ${l}`).join('');
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function runCount() {
  const raw = process.env.BENCH_RUNS ?? '3';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 15) throw new BenchError(`BENCH_RUNS must be a whole number from 1 to 15 (got "${raw}")`);
  return n;
}

function printWaterfall(label, run, pageOrigin, orgOrigin) {
  const t = (epoch) => (epoch - run.navigationStart).toFixed(0).padStart(6);
  const where = (url) => url.replace(pageOrigin, 'page ').replace(orgOrigin, 'org  ');
  const rows = [
    ...run.requests.map((r) => ({
      start: r.start,
      line: `${t(r.start)} ${t(r.end)} ${(r.end - r.start).toFixed(0).padStart(5)}  browser  ${String(r.status).padEnd(4)}${r.type.padEnd(11)}${r.method.padEnd(8)}${where(r.url)}  ${r.bytes} B`,
    })),
    ...run.serverRequests.map((o) => ({
      start: o.at,
      line: `${t(o.at)} ${t(o.end ?? o.at)} ${((o.end ?? o.at) - o.at).toFixed(0).padStart(5)}  server   ${String(o.status).padEnd(4)}${'handled'.padEnd(11)}${o.method.padEnd(8)}page ${o.path}`,
    })),
    ...run.orgRequests
      .filter((o) => o.from === 'backend')
      .map((o) => ({
        start: o.at,
        line: `${t(o.at)} ${t(o.end ?? o.at)} ${((o.end ?? o.at) - o.at).toFixed(0).padStart(5)}  backend  ${String(o.status).padEnd(4)}${'(node)'.padEnd(11)}${o.method.padEnd(8)}org  ${o.path}`,
      })),
    { start: run.marks.field, line: `${t(run.marks.field)}   ---- username field interactive` },
    { start: run.marks.submit, line: `${t(run.marks.submit)}   ---- submit clicked` },
    { start: run.marks.next, line: `${t(run.marks.next)}   ---- next view shown` },
  ].sort((a, b) => a.start - b.start);
  console.log(`\nwaterfall, ${label} (ms since navigation start)`);
  console.log('  browser: requests as Chromium saw them; server: when the page server got and answered them;');
  console.log("  backend: the reference backend's own calls to the org");
  console.log(' start    end   dur  from     st  type       method  url');
  for (const row of rows) console.log(row.line);
}

/** @returns {Promise<number>} the exit code */
export async function runBrowserBench() {
  let watchdog;
  let servers;
  let browser;
  let doing = 'starting the servers and Chromium';
  try {
    const runs = runCount();
    const totalMinutes = 2 + runs;
    // A backstop behind the bounded steps: exiting also ends Chromium (Playwright kills the browsers it launched).
    watchdog = setTimeout(() => {
      console.error(`bench: could not measure: gave up after ${totalMinutes} minutes, while ${doing}`);
      process.exit(1);
    }, totalMinutes * 60_000);
    watchdog.unref();
    if (!existsSync(SCRIPT_TAG_FILE)) throw new BenchError(`${SCRIPT_TAG_FILE} is missing: build first`);
    if (!existsSync(`${WIDGET_DIST}/js/${WIDGET_BUNDLE}`)) {
      throw new BenchError('@okta/okta-signin-widget is not installed (a devDependency): run npm ci');
    }
    if (!existsSync(CHROMIUM)) throw new BenchError(`no Chromium at ${CHROMIUM} (BENCH_CHROMIUM changes the path)`);
    const all = variants();
    const order = ['backend', 'pageForm', 'idx', 'form', 'widget'];
    servers = await startBenchServers();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const options = { orgLog: servers.orgLog, serverLog: servers.serverLog, setPreflightDelay: servers.setPreflightDelay };

    // One unmeasured pass without throttling: the servers load their code and warm up before anything counts.
    for (const key of order) {
      doing = `${all[key].label}, warm-up run`;
      try {
        await measure(browser, servers.pageOrigin, all[key], { ...options, emulate: false });
      } catch (e) {
        throw new BenchError(`${all[key].label}, warm-up run: ${e.message}`);
      }
    }

    const results = Object.fromEntries(order.map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      for (const key of order) {
        doing = `${all[key].label}, run ${i + 1}`;
        try {
          results[key].push(await measure(browser, servers.pageOrigin, all[key], { ...options, emulate: true }));
        } catch (e) {
          throw new BenchError(`${all[key].label}, run ${i + 1}: ${e.message}`);
        }
      }
    }

    const m = Object.fromEntries(
      order.map((k) => {
        const list = results[k];
        const pick = (f) => median(list.map(f));
        return [
          k,
          {
            field: pick((r) => r.fieldMs),
            ready: pick((r) => r.readyMs),
            submit: pick((r) => r.submitMs),
            reqField: pick((r) => r.requestsToField),
            reqTotal: pick((r) => r.requestsTotal),
            preflights: pick((r) => r.preflights),
            kbField: pick((r) => r.bytesToField) / 1024,
            kbTotal: pick((r) => r.bytesTotal) / 1024,
          },
        ];
      }),
    );

    const version = browser.version();
    const date = new Date().toISOString().slice(0, 10);
    const labels = Object.fromEntries(order.map((k) => [k, all[k].label]));
    const bundle = WIDGET_BUNDLE.replace('okta-sign-in.', '').replace('.min.js', '');
    console.log(`\nsign-in in the browser (${date}, Chromium ${version} headless, median of ${runs} run${runs > 1 ? 's' : ''})`);
    console.log(`  network: ${RTT_MS} ms RTT, ${MBIT} Mbit/s down and up (CDP Network.emulateNetworkConditions); CORS preflights,`);
    console.log(`    which that emulation does not delay, are answered ${RTT_MS} ms late by the org; browser cache disabled`);
    console.log(`  a fresh browser context per run, variants interleaved, after one unmeasured warm-up pass`);
    console.log(`  static files: ${COMPRESSION}`);
    console.log(`  org, pages and reference backend on 127.0.0.1; the backend's own calls to the org are not throttled`);
    console.log(`  field:  navigation start -> username field interactive (rendered, enabled, hit by a click)`);
    console.log(`  ready:  navigation start -> last request before submit done (IDX: transaction introspected)`);
    console.log(`  submit: click -> next view for ${USERNAME} ("Set up a security method"); typed once no request has`);
    console.log(`          been in flight for ${QUIET_MS} ms, clicked once that holds again and the fields hold what was typed;`);
    console.log(`          the plain form's POST answers that view as a page`);
    console.log(`  requests, KB: up to the interactive field / whole run (KB = encoded bytes received, headers included)`);
    console.log(`  widget: @okta/okta-signin-widget ${widgetVersion()}, ${WIDGET_BUNDLE} + okta-sign-in.min.css\n`);
    const head =
      `${'variant'.padEnd(26)}${'field ms'.padStart(9)}${'ready ms'.padStart(10)}${'submit ms'.padStart(11)}` +
      `${'requests'.padStart(11)}${'preflights'.padStart(12)}${'KB'.padStart(16)}`;
    console.log(head);
    console.log('-'.repeat(head.length));
    const rowLabel = { ...labels, widget: `widget ${widgetVersion()} ${bundle}` };
    for (const k of ['form', 'backend', 'pageForm', 'idx', 'widget']) {
      const r = m[k];
      console.log(
        `${rowLabel[k].padEnd(26)}${r.field.toFixed(0).padStart(9)}${r.ready.toFixed(0).padStart(10)}${r.submit.toFixed(0).padStart(11)}` +
          `${`${r.reqField} / ${r.reqTotal}`.padStart(11)}${String(r.preflights).padStart(12)}` +
          `${`${r.kbField.toFixed(1)} / ${r.kbTotal.toFixed(1)}`.padStart(16)}`,
      );
    }
    // Each ratio is taken within one round, where the variants ran one after the other, then summarised over the
    // rounds: a slow moment of the machine then weighs on both sides of a ratio instead of on one median.
    const ratio = (a, b, metric) => {
      const each = results[a].map((r, i) => r[metric] / results[b][i][metric]);
      const spread = runs > 1 ? ` (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})` : '';
      return `${median(each).toFixed(2)}${spread}`;
    };
    console.log(`\nratios, each within one round, median${runs > 1 ? ` (lowest–highest) of ${runs} rounds` : ''}`);
    console.log(
      `  field:            backend / form ${ratio('backend', 'form', 'fieldMs')}   page form / form ${ratio('pageForm', 'form', 'fieldMs')}` +
        `   IDX / form ${ratio('idx', 'form', 'fieldMs')}`,
    );
    console.log(`  widget / backend: field ${ratio('widget', 'backend', 'fieldMs')}   submit ${ratio('widget', 'backend', 'submitMs')}`);
    console.log(`  widget / IDX:     field ${ratio('widget', 'idx', 'fieldMs')}   submit ${ratio('widget', 'idx', 'submitMs')}`);
    console.log('\nevery run, round by round (field / ready / submit ms)');
    for (const k of order) {
      const list = results[k].map((r) => [r.fieldMs, r.readyMs, r.submitMs].map((v) => v.toFixed(0)).join(' / '));
      console.log(`  ${rowLabel[k].padEnd(26)}${list.join('   ')}`);
    }

    if (process.env.BENCH_WATERFALL === '1') {
      for (const k of order) printWaterfall(`${rowLabel[k]}, run 1`, results[k][0], servers.pageOrigin, servers.org.origin);
    }
    return 0;
  } catch (e) {
    console.error(`bench: could not measure: ${e instanceof BenchError ? e.message : (e?.stack ?? e)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await browser?.close().catch(() => undefined);
    await servers?.close().catch(() => undefined);
  }
}
