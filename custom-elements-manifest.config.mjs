// `npm run analyze`: the custom elements manifest lists the public API only, with typed events. It describes the
// three elements' modules and nothing else: the analyzer reads every module of src/ (the flow core, transports,
// languages, the server), whose internals are no element's API and would make the manifest ten times its size. The
// analyzer's Lit plugin reads every entry of `static properties` as an attribute, including internal state
// (`{ state: true }`) kept in private fields; and JSDoc `@fires` gives events no type, so each gets the detail type
// that the one table of events, `OktaEventDetails` in src/elements/shared/events.ts, names for it.
import { readFileSync } from 'node:fs';

const EVENTS_MODULE = 'src/elements/shared/events.ts';
const eventTable = readFileSync(new URL(EVENTS_MODULE, import.meta.url), 'utf8').match(/interface OktaEventDetails \{([^}]*)\}/);
if (!eventTable) throw new Error(`no OktaEventDetails in ${EVENTS_MODULE}`);
const DETAIL_TYPES = Object.fromEntries([...eventTable[1].matchAll(/'([a-z-]+)':\s*(\w+);/g)].map((m) => [m[1], m[2]]));

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules = customElementsManifest.modules.filter((mod) => mod.declarations?.some((d) => d.customElement));
        for (const mod of customElementsManifest.modules) {
          const elements = new Set(mod.declarations.filter((d) => d.customElement).map((d) => d.name));
          mod.declarations = mod.declarations.filter((d) => elements.has(d.name));
          mod.exports = mod.exports?.filter((e) => elements.has(e.declaration?.name));
          for (const decl of mod.declarations ?? []) {
            if (!decl.customElement) continue;
            const hidden = new Set((decl.members ?? []).filter((m) => m.privacy && m.privacy !== 'public').map((m) => m.name));
            decl.members = decl.members?.filter((m) => !hidden.has(m.name));
            decl.attributes = decl.attributes?.filter((a) => !hidden.has(a.fieldName));
            for (const event of decl.events ?? []) {
              const detail = DETAIL_TYPES[event.name];
              if (!detail) throw new Error(`<${decl.tagName}> fires ${event.name}, which OktaEventDetails does not list`);
              event.type = { text: `CustomEvent<${detail}>`, references: [{ name: detail, module: EVENTS_MODULE }] };
            }
          }
        }
      },
    },
  ],
};
