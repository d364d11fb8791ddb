// A browser for the org's server-rendered pages (the fake identity provider, the hosted sign-in page), in plain
// HTTP: it keeps cookies as a browser does for one host, follows redirects until they leave for the app's redirect
// URI, and fills in and submits forms as a person would (by a field's label, by a button's text).
import assert from 'node:assert/strict';

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map(([, k, v]) => [k, decode(v ?? '')]));
/** The text a person reads in a piece of markup. */
export const textOf = (markup) => decode(markup.replace(/<head>[\s\S]*?<\/head>|<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/**
 * What the page on the redirect URI does with the callback URL: okta-auth-js exchanges the interaction code (state
 * checked) and keeps the tokens, which are returned (and dropped from its token manager, which would keep timers).
 */
export async function finishRedirect(auth, url) {
  await auth.idx.handleInteractionCodeRedirect(url);
  const tokens = await auth.tokenManager.getTokens();
  auth.tokenManager.clear();
  return tokens;
}

/**
 * A page as the browser shows it.
 * @typedef {{ url: string, status: number, headers: Headers, html: string, text: string }} Page
 */

export class Browser {
  /** @param {{ stopAt: string }} options URLs starting with `stopAt` (the app) are not fetched: the browser "arrives" there */
  constructor({ stopAt }) {
    this.stopAt = stopAt;
    /** @type {Map<string, { value: string, path: string }>} */
    this.jar = new Map();
    /** Every URL the browser was sent to, in order. */
    this.visited = [];
  }

  cookieHeader(url) {
    const path = new URL(url).pathname;
    return [...this.jar].filter(([, c]) => path.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`).join('; ');
  }

  keepCookies(url, headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...options] = line.split(';').map((s) => s.trim());
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const opts = Object.fromEntries(options.map((o) => o.split('=')).map(([k, v]) => [k.toLowerCase(), v ?? true]));
      const expired = opts['max-age'] === '0' || (opts.expires && Date.parse(opts.expires) <= Date.now());
      if (expired) this.jar.delete(name);
      else this.jar.set(name, { value: pair.slice(i + 1), path: opts.path ?? new URL(url).pathname });
    }
  }

  /**
   * Requests a URL and follows redirects (a 303 turns a POST into a GET, as browsers do).
   * @returns {Promise<Page | { url: string, arrived: true }>} a page, or the app URL the browser was sent to
   */
  async open(url, { method = 'GET', body } = {}) {
    let current = url;
    let init = { method, body };
    for (let hops = 0; hops < 10; hops++) {
      this.visited.push(current);
      if (current.startsWith(this.stopAt)) return { url: current, arrived: true };
      const cookie = this.cookieHeader(current);
      const res = await fetch(current, {
        method: init.method,
        redirect: 'manual',
        headers: { ...(cookie ? { Cookie: cookie } : {}), ...(init.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        body: init.body,
      });
      this.keepCookies(current, res.headers);
      if (res.status >= 300 && res.status < 400) {
        current = new URL(res.headers.get('location'), current).href;
        if (res.status === 303 || init.method === 'GET') init = { method: 'GET' };
        continue;
      }
      const html = await res.text();
      return { url: current, status: res.status, headers: res.headers, html, text: textOf(html) };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Opens a page and checks that it is one (not a redirect to the app). */
  async page(url) {
    const page = await this.open(url);
    assert.ok(!page.arrived, `expected a page at ${url}, went to ${page.url}`);
    return page;
  }

  /** Follows the link whose text is `text`. */
  async clickLink(page, text) {
    const link = [...page.html.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a>/g)].find(([, , inner]) => textOf(inner) === text);
    assert.ok(link, `a link "${text}" on ${page.url}: ${page.text}`);
    return this.open(new URL(attrs(`<a ${link[1]}>`).href, page.url).href);
  }

  /**
   * Fills the form holding the button `button` (its text) and presses it.
   * @param {Page} page
   * @param {string} button
   * @param {Record<string, string>} [fields] by label text; a radio or checkbox by its label too, with value 'on'
   */
  async submit(page, button, fields = {}) {
    for (const [, formTag, inner] of page.html.matchAll(/<form\s([^>]*)>([\s\S]*?)<\/form>/g)) {
      const buttonMatch = [...inner.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)].find(([, , label]) => textOf(label) === button);
      if (!buttonMatch) continue;
      const form = attrs(`<form ${formTag}>`);
      const labels = Object.fromEntries([...inner.matchAll(/<label\s+for="([^"]+)">([\s\S]*?)<\/label>/g)].map(([, id, label]) => [textOf(label), id]));
      const inputs = [...inner.matchAll(/<input\s[^>]*>/g)].map(([tag]) => attrs(tag));
      const data = new URLSearchParams();
      const chosen = new Set();
      for (const [label, value] of Object.entries(fields)) {
        const input = inputs.find((i) => i.id === labels[label]);
        assert.ok(input, `a field "${label}" on ${page.url}: ${page.text}`);
        if (input.type === 'radio' || input.type === 'checkbox') {
          if (value === 'on') data.append(input.name, input.value);
          chosen.add(input.name);
        } else {
          data.append(input.name, value);
          chosen.add(input.name);
        }
      }
      for (const input of inputs) {
        if (chosen.has(input.name) || !input.name) continue;
        if (input.type === 'hidden' || ((input.type === 'radio' || input.type === 'checkbox') && 'checked' in input)) data.append(input.name, input.value);
        else if (input.type !== 'radio' && input.type !== 'checkbox') data.append(input.name, input.value ?? '');
      }
      const pressed = attrs(`<button ${buttonMatch[1]}>`);
      if (pressed.name) data.append(pressed.name, pressed.value);
      return this.open(new URL(form.action, page.url).href, { method: 'POST', body: data.toString() });
    }
    assert.fail(`a button "${button}" on ${page.url}: ${page.text}`);
  }
}
