/**
 * Server text is kept only when it is plain, short prose. Okta sometimes sends markup (`idx.unknown.user` carries
 * `<strong>` and a sign-up link): then it is dropped and the element's own wording is used.
 */
export function safeText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (!t || t.length > 300 || /[<>]|\b(?:javascript|data):/i.test(t)) return undefined;
  return t;
}
