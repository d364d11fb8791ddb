import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { shared } from '../shared-vite.mjs';

// Vue's compiler leaves the three tags to the browser: they are custom elements, not Vue components.
const isCustomElement = (tag) => tag.startsWith('okta-') || tag === 'authenticator-picker';

export default defineConfig({
  ...shared,
  plugins: [...shared.plugins, vue({ template: { compilerOptions: { isCustomElement } } })],
});
