/** `selectAuthenticator` → `select-authenticator`, at the type level (the element's endpoint attribute names). */
export type KebabCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${KebabCase<Rest>}`
  : S;
