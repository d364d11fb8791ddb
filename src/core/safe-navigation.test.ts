import { expect } from '@open-wc/testing';
import { navigateSafely, parseAllowedOrigins, safeUrl } from './safe-navigation.js';

const base = 'https://shop.example/account/login';
const allowedOrigins = ['https://id.example'];

describe('safeUrl', () => {
  const hostile = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/',
    '///evil.example/',
    '/\\evil.example/',
    '\\\\evil.example/',
    '\\/evil.example/',
    '/\t/evil.example/',
    ' //evil.example',
    '\u0000//evil.example',
    '\u2028//evil.example',
    'https:evil.example',
    'http:\\\\evil.example',
    'https://evil.example/',
    'https://shop.example.evil.example/',
    'https://shop.example@evil.example/',
    'https://user:pass@shop.example/',
    'http://shop.example/',
    'https://shop.example:8443/',
    'https://id.example.evil/',
    '',
    'x'.repeat(3000),
  ];
  for (const url of hostile) {
    it(`refuses ${JSON.stringify(url.slice(0, 60))}`, () => {
      expect(safeUrl(url, { base, allowedOrigins })).to.equal(null);
    });
  }
  it('refuses non-strings', () => {
    for (const v of [null, undefined, 42, {}, ['/'], new URL('https://shop.example/')]) expect(safeUrl(v, { base })).to.equal(null);
  });

  const fine: Array<[string, string]> = [
    ['/home', 'https://shop.example/home'],
    ['/Home/Index?x=1#top', 'https://shop.example/Home/Index?x=1#top'],
    ['next', 'https://shop.example/account/next'],
    ['https://shop.example/home', 'https://shop.example/home'],
    ['HTTPS://SHOP.EXAMPLE/a', 'https://shop.example/a'],
    ['https://id.example/welcome', 'https://id.example/welcome'],
    ['/%2F%2Fevil.example', 'https://shop.example/%2F%2Fevil.example'],
  ];
  for (const [url, href] of fine) {
    it(`follows ${url}`, () => {
      expect(safeUrl(url, { base, allowedOrigins })?.href).to.equal(href);
    });
  }

  it('allows other origins only when listed', () => {
    expect(safeUrl('https://id.example/x', { base })).to.equal(null);
  });
});

describe('navigateSafely', () => {
  it('calls navigate only for safe URLs', () => {
    const went: string[] = [];
    const navigate = (u: string) => went.push(u);
    expect(navigateSafely('/ok', { base, navigate })).to.equal(true);
    expect(navigateSafely('javascript:alert(1)', { base, navigate })).to.equal(false);
    expect(navigateSafely('//evil.example', { base, navigate })).to.equal(false);
    expect(went).to.deep.equal(['https://shop.example/ok']);
  });
});

describe('parseAllowedOrigins', () => {
  it('reads a space-separated list, keeping http(s) origins only', () => {
    expect(parseAllowedOrigins(' https://a.example/path  http://b.example:8080 javascript:x nonsense ')).to.deep.equal([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(parseAllowedOrigins(null)).to.deep.equal([]);
  });
});
