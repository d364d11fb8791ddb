// The demo pages' language select: the elements' languages (LANGUAGES, from the script-tag file's
// window.OktaSigninElements), each named in itself, kept in the address (?lang=de). `apply(el)` sets the chosen one
// as `lang` on an element; changing the select sets it on every <okta-signin> of the page, which re-renders in it.
export function languageSelect(select) {
  const languages = window.OktaSigninElements?.LANGUAGES ?? ['en'];
  const nameOf = (code) => {
    try {
      return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  select.replaceChildren(
    ...languages.map((code) => {
      const option = document.createElement('option');
      option.value = code;
      option.lang = code;
      option.textContent = `${nameOf(code)} (${code})`;
      return option;
    }),
  );
  const asked = new URLSearchParams(location.search).get('lang');
  select.value = languages.includes(asked) ? asked : 'en';
  const apply = (el) => el.setAttribute('lang', select.value);
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    history.replaceState(null, '', url);
    document.querySelectorAll('okta-signin').forEach(apply);
  });
  return { apply };
}
