import { css } from 'lit';

export const pickerStyles = css`
  [role='radiogroup'] {
    display: flex;
    flex-direction: column;
    gap: 0.4em;
  }
  [role='radio'] {
    display: flex;
    align-items: center;
    gap: 0.6em;
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  [role='radio']::before {
    content: '';
    flex: none;
    width: 0.9em;
    height: 0.9em;
    border: 2px solid var(--_border);
    border-radius: 50%;
  }
  [aria-checked='true'] {
    border-color: var(--_accent);
  }
  [aria-checked='true']::before {
    border-color: var(--_accent);
    background: radial-gradient(var(--_accent) 45%, transparent 50%);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
`;
