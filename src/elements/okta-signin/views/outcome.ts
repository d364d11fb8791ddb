import { html } from 'lit';
import type { ViewHost } from './host.js';

export const successView = (h: ViewHost) => html`<h2 part="title success" tabindex="-1">${h.t.successTitle}</h2>`;

export const terminalView = (h: ViewHost) => html`<h2 part="title terminal" tabindex="-1">${h.t.terminalTitle}</h2>`;
