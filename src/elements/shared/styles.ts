import { css } from 'lit';

/** Shared look: every colour and size comes from a `--okta-signin-*` custom property. */
export const baseStyles = css`
  :host {
    --_fg: var(--okta-signin-color, #1d1d21);
    --_bg: var(--okta-signin-background, #fff);
    --_accent: var(--okta-signin-accent, #1662dd);
    --_on-accent: var(--okta-signin-on-accent, #fff);
    --_border: var(--okta-signin-border-color, #8c8c96);
    --_error: var(--okta-signin-error-color, #c4161c);
    --_radius: var(--okta-signin-radius, 6px);
    --_gap: var(--okta-signin-gap, 0.75rem);
    display: block;
    color: var(--_fg);
    font: var(--okta-signin-font, inherit);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--okta-signin-color, #ececf1);
      --_bg: var(--okta-signin-background, #1d1d21);
      --_accent: var(--okta-signin-accent, #6ea1ff);
      --_on-accent: var(--okta-signin-on-accent, #0b0b0e);
      --_border: var(--okta-signin-border-color, #77777f);
      --_error: var(--okta-signin-error-color, #ff8a8a);
    }
  }
  form,
  .col,
  section {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  h2,
  p {
    margin: 0;
    font-size: inherit;
  }
  h2 {
    font-size: 1.25em;
    outline: none;
  }
  label,
  legend {
    font-weight: 600;
  }
  /* Radios keep their native look and size; their label is the target (see the channel choice). */
  input:not([type='radio'], [type='checkbox']),
  select,
  button {
    box-sizing: border-box;
    /* Touch targets of at least 44 by 44 CSS pixels (WCAG 2.5.5). */
    min-height: 2.75rem;
    min-width: 2.75rem;
    font: inherit;
    padding: 0.5em 1em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  button {
    cursor: pointer;
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .link {
    background: none;
    color: var(--_accent);
    border-color: transparent;
  }
  :disabled {
    opacity: 0.6;
  }
  /* Outside the control, so that it shows on buttons filled with the accent colour too. */
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
