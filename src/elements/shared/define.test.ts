import { expect } from '@open-wc/testing';
import { OktaSignin } from '../okta-signin/okta-signin.js';
import { define } from './define.js';

describe('define', () => {
  it('keeps the first registration when the elements load twice', () => {
    class SecondCopy extends HTMLElement {}
    expect(() => define('okta-signin', SecondCopy)).not.to.throw();
    expect(customElements.get('okta-signin')).to.equal(OktaSignin);
  });

  it('registers a free tag', () => {
    class Fresh extends HTMLElement {}
    define('okta-define-test', Fresh);
    expect(customElements.get('okta-define-test')).to.equal(Fresh);
  });
});
