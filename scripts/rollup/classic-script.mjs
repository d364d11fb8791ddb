// Makes the script-tag file load both as <script type="module"> and as a classic <script src> (no import or export
// statement may appear in a classic script), while it stays the one file a page links:
// - the entry's `export { … }` becomes an object on a global (symbol key) that the lazy chunks read their shared
//   bindings from, instead of importing the entry (which would run it a second time as a module); the public API's
//   names are also on `globalThis.OktaSigninElements`;
// - the entry's dynamic imports resolve against the script's own URL: a classic script captures
//   `document.currentScript.src` while it runs (some browsers resolve a classic script's `import()` against the
//   document's base URL); a module script has no current script, and its relative `import()` is relative to itself;
// - every dynamic import, the entry's and the chunks', goes through one loader (`__oseImport`, on the shared object)
//   whose error, when a file does not load, names the URL it tried: a browser's own message may not (Safari:
//   "Importing a module script failed."). The bytes it costs are in the form's 15 KB budget.
// Runs after terser, on the final code, and hands Rollup a source map of its edits.
import MagicString from 'magic-string';

export const SHARED_KEY = 'okta-signin-elements';
const shared = `globalThis[Symbol.for(${JSON.stringify(SHARED_KEY)})]`;
// `import("…")` with a string literal or a template literal, as Rollup writes dynamic imports of chunks.
const DYNAMIC_IMPORT = /\bimport\((["'`])((?:(?!\1)[^\\]|\\.)*)\1\)/g;
// The loader, prepended to the entry (minified by hand: it is added after terser). `base` is the importing chunk's
// own URL; the entry's is the script's (a module script has none: its paths stay relative, as they resolve).
const LOADER =
  'var __oseBase=typeof document<"u"&&document.currentScript?.src||"",' +
  '__oseImport=(u,b=__oseBase)=>(u=b?new URL(u,b).href:u,import(u).catch(e=>{throw Error(`${u} did not load (${e})`)}));';

/** `a as b` / `a` lists from import and export clauses, as [first, second] name pairs. */
const specifiers = (list) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, local = name] = s.split(/\s+as\s+/);
      return [name, local];
    });

/** A property key as written in an object literal or pattern. */
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

/** The names a module exports in the source (following `export *`), not the ones Rollup adds for the chunks. */
async function publicExports(context, id) {
  const info = context.getModuleInfo(id);
  const names = info.exports.filter((name) => name !== '*');
  for (const [source, bindings] of Object.entries(info.exportedBindings ?? {})) {
    if (!bindings.includes('*')) continue;
    const resolved = await context.resolve(source, id);
    if (resolved) names.push(...(await publicExports(context, resolved.id)));
  }
  return names;
}

export function classicScript({ entryFileName }) {
  const entryPattern = entryFileName.replace(/[.]/g, '\\.');
  // import{a as b,c as d}from"../okta-signin-elements.min.js";  and  import"../okta-signin-elements.min.js";
  const importsOfEntry = new RegExp(`import\\s*(?:\\{([^}]*)\\}\\s*from\\s*)?["'](?:\\.{1,2}/)+${entryPattern}["'];?`, 'g');
  // export{a as b,c}from"../okta-signin-elements.min.js";  (a chunk that passes the entry's bindings on)
  const reexportsOfEntry = new RegExp(`export\\s*\\{([^}]*)\\}\\s*from\\s*["'](?:\\.{1,2}/)+${entryPattern}["'];?`, 'g');
  return {
    name: 'classic-script',
    async renderChunk(code, chunk) {
      const s = new MagicString(code);
      if (chunk.isEntry && chunk.fileName === entryFileName) {
        const exported = /export\s*\{([^}]*)\};?\s*$/.exec(code.replace(/\n\/\/# sourceMappingURL=.*$/, ''));
        if (!exported) this.error('the script-tag entry has no export list to turn into its shared object');
        // In an export clause the local name comes first: export{local as exported}.
        const pairs = specifiers(exported[1]).map(([local, name]) => [name, local]);
        const publicNames = new Set(await publicExports(this, chunk.facadeModuleId));
        // The API once, and the shared object as the API plus the names Rollup added for the chunks.
        const api = pairs.filter(([name]) => publicNames.has(name)).map(([name, local]) => `${key(name)}:${local}`).join(',');
        const extra = pairs.filter(([name]) => !publicNames.has(name)).map(([name, local]) => `${key(name)}:${local}`).join(',');
        s.overwrite(
          exported.index,
          exported.index + exported[0].length,
          `globalThis.OktaSigninElements={${api}};${shared}={...globalThis.OktaSigninElements,${extra ? `${extra},` : ''}__oseImport};`,
        );
        for (const m of code.matchAll(DYNAMIC_IMPORT)) {
          s.overwrite(m.index, m.index + m[0].length, `__oseImport(${m[1]}${m[2]}${m[1]})`);
        }
        // A static import left in the entry would make it a module again.
        if (/(?:^|[;}])\s*import\s*[{*"'\w]/.test(code)) this.error('the script-tag entry must not import another file statically');
        s.prepend(LOADER);
      } else {
        for (const m of code.matchAll(importsOfEntry)) {
          const pairs = m[1] === undefined ? [] : specifiers(m[1]);
          const binding = pairs.length ? `const{${pairs.map(([name, local]) => `${key(name)}:${local}`).join(',')}}=${shared};` : '';
          s.overwrite(m.index, m.index + m[0].length, binding || ';');
        }
        for (const m of code.matchAll(reexportsOfEntry)) {
          // In an export-from clause the entry's name comes first: export{entryName as exported}from"…".
          const pairs = specifiers(m[1]);
          const locals = pairs.map((_, i) => `__oseRe${i}`);
          const binding = `const{${pairs.map(([name], i) => `${key(name)}:${locals[i]}`).join(',')}}=${shared};`;
          s.overwrite(m.index, m.index + m[0].length, `${binding}export{${pairs.map(([, exported], i) => `${locals[i]} as ${key(exported)}`).join(',')}};`);
        }
        const dynamic = [...code.matchAll(DYNAMIC_IMPORT)];
        for (const m of dynamic) {
          s.overwrite(m.index, m.index + m[0].length, `__oseImport(${m[1]}${m[2]}${m[1]},import.meta.url)`);
        }
        if (dynamic.length) s.prepend(`const{__oseImport}=${shared};`);
        if (/["'](?:\.{1,2}\/)+okta-signin-elements\.min\.js["']/.test(s.toString())) {
          this.error(`${chunk.fileName} still refers to the script-tag entry`);
        }
      }
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
