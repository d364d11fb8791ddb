import { css } from 'lit';

export const signinStyles = css`
  :host {
    max-width: var(--okta-signin-width, 24rem);
  }
  section {
    padding: var(--okta-signin-padding, 1.5rem);
    background: var(--_bg);
    border-radius: var(--_radius);
  }
  ::slotted([slot='logo']) {
    align-self: center;
    max-width: 100%;
  }
  [role='alert'] {
    color: var(--_error);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [role='alert']:empty {
    display: none;
  }
  [part~='number'] {
    font-size: var(--okta-signin-number-size, 3rem);
    font-weight: 700;
    text-align: center;
  }
  [part~='qr'] {
    align-self: center;
    background: #fff;
  }
  [part~='channel'],
  [part~='method'],
  [part~='option'],
  .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    cursor: pointer;
  }
  [part~='secret'] {
    font-family: ui-monospace, monospace;
    font-size: 1.1em;
    letter-spacing: 0.05em;
    user-select: all;
    overflow-wrap: anywhere;
  }
  [part~='field-error'] {
    color: var(--_error);
  }
  [part~='hint'] {
    font-size: 0.9em;
  }
  /* A step form's way that is not chosen is hidden: the grid must not show it again. */
  fieldset:not([hidden]) {
    display: grid;
    gap: 0.5em;
    border: 0;
    padding: 0;
  }
  /* A password field and its show-password toggle on one line. */
  .pw {
    display: flex;
    gap: 0.25em;
    align-items: center;
  }
  .pw input {
    flex: 1;
    min-width: 0;
  }
  [part~='rules'] ul {
    margin: 0.25em 0 0;
    padding: 0;
    list-style: none;
  }
  [part~='rule-met'] {
    color: var(--_accent);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
