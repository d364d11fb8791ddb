import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { shared } from '../shared-vite.mjs';

export default defineConfig({ ...shared, plugins: [...shared.plugins, react()] });
