/** Takes away the DOM stand-ins that `./no-dom-start.js` put where there is no DOM, once the elements have loaded. */
const scope = globalThis as Record<string | symbol, unknown>;
const STAND_INS = Symbol.for('okta-signin-elements.dom-stand-ins');

for (const name of (scope[STAND_INS] as string[] | undefined) ?? []) delete scope[name];
delete scope[STAND_INS];

// A module, not a script: its names stay its own.
export {};
