import { css } from 'lit';

export const pollerStyles = css`
  [part~='spinner'] {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-inline-end: 0.5em;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='spinner'] {
      animation: none;
    }
  }
`;
