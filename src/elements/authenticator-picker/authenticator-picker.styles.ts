import { css } from 'lit';

export const pickerStyles = css`
  [role='radiogroup'] {
    display: grid;
    gap: 0.4em;
  }
  [role='radio'] {
    box-sizing: border-box;
    min-height: 2.75rem;
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  [role='radio']::before {
    content: '';
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-inline-end: 0.6em;
    border: 2px solid var(--_border);
    border-radius: 50%;
  }
  [aria-checked='true'],
  [aria-checked='true']::before {
    border-color: var(--_accent);
  }
  [aria-checked='true']::before {
    background: var(--_accent);
    box-shadow: inset 0 0 0 2px var(--_bg);
  }
`;
