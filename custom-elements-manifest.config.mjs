// `npm run analyze`: the custom elements manifest lists the public API only. The analyzer's Lit plugin reads every
// entry of `static properties` as an attribute, including internal state (`{ state: true }`) kept in private fields.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.customElement) continue;
            const hidden = new Set((decl.members ?? []).filter((m) => m.privacy && m.privacy !== 'public').map((m) => m.name));
            decl.members = decl.members?.filter((m) => !hidden.has(m.name));
            decl.attributes = decl.attributes?.filter((a) => !hidden.has(a.fieldName));
          }
        }
      },
    },
  ],
};
