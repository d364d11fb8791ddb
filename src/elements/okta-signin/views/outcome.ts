import { html } from 'lit';
import { strings } from '../../shared/messages.js';

export const successView = () => html`<h2 part="title success" tabindex="-1">${strings.successTitle}</h2>`;

export const terminalView = () => html`<h2 part="title terminal" tabindex="-1">${strings.terminalTitle}</h2>`;
