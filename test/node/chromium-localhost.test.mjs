// The servers of the tests and the bench listen on 127.0.0.1 and are opened as http://localhost:<port>. Chromium,
// as the project launches it, must reach them there even when another process on the machine holds the same port
// number on ::1 (Chromium tries ::1 first): once, the bench's plain-form page failed with net::ERR_ABORTED because
// such a server answered 204 in its place.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const listen = (server, options) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => resolve(server));
  });

let ours;
let theirs;
let browser;
before(async () => {
  ours = await listen(
    http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>the page of this server</h1>')),
    { port: 0, host: '127.0.0.1' },
  );
  const { port } = ours.address();
  theirs = await listen(
    http.createServer((_req, res) => res.writeHead(204).end()),
    { port, host: '::1', ipv6Only: true },
  );
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  ours?.close();
  theirs?.close();
});

test('http://localhost:<port> reaches the server on 127.0.0.1, not another one on ::1 at the same port', async () => {
  const page = await browser.newPage();
  try {
    const response = await page.goto(`http://localhost:${ours.address().port}/form.html`, { timeout: 10_000 });
    assert.equal(response?.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'the page of this server');
  } finally {
    await page.close();
  }
});
